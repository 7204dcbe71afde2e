using System.Text.Json;
using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.State;

/// <summary>
/// A file's action in the journal is typed in Core and spelled as a fixed word on disk. The words are the schema: a
/// journal written before the enum existed still reads, and a word the journal does not know makes its line
/// malformed (reported with the line number and skipped), never an exception.
/// </summary>
public sealed class JournalActionTests
{
    // A real "begin" line, written by the engine before journal actions were typed (an apply that modified, deleted
    // and created files, created a folder and deleted a folder with a file in it). Its schema must keep reading.
    private const string LineWrittenBeforeTheEnum =
        """{"type":"begin","id":"20261202-144506-986-f47c3a","time":"2026-12-02T14:45:06.9866152+00:00","host":"vm","user":"uid:0","kind":"apply","toolVersion":"0.1.0\u002Bf2b4a64ae4190af5d9f86797d034632396eb0dd8","root":".","summary":"old journal","patches":[{"hash":"18b7cb099a9ea3f50ba899b5ba81e0d377a5f3b16f8f6eeb8b3e58cd4692b993","format":"Ap","summary":"old journal"}],"files":[{"path":"a.txt","action":"modify","before":{"hash":"4355a46b19d348dc2f57c046f8ef63d4538ebb936000f3c9ee954a27460dd865","offset":0,"length":2},"after":{"hash":"53c234e5e8472b6ac51c1ae1cab3fe06fad053beb8ebfd8977b010655bfdd3c3","offset":2,"length":2},"beforeIsDirectory":false,"afterIsDirectory":false},{"path":"gone.txt","action":"delete","before":{"hash":"abc6fd595fc079d3114d4b71a4d84b1d1d0f79df1e70f8813212f2a65d8916df","offset":4,"length":4},"beforeIsDirectory":false,"afterIsDirectory":false},{"path":"new.txt","action":"create","after":{"hash":"7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c","offset":8,"length":4},"beforeIsDirectory":false,"afterIsDirectory":false},{"path":"newdir","action":"create_directory","beforeIsDirectory":false,"afterIsDirectory":true},{"path":"olddir","action":"delete_directory","beforeIsDirectory":true,"afterIsDirectory":false},{"path":"olddir/f.txt","action":"delete","before":{"hash":"092fcfbbcfca3b5be7ae1b5e58538e92c35ab273ae13664fed0d67484c8e78a6","offset":12,"length":2},"beforeIsDirectory":false,"afterIsDirectory":false}],"backups":"backups/20261202-144506-986-f47c3a.pack"}""";

    private const string DoneLine =
        """{"type":"done","id":"20261202-144506-986-f47c3a","time":"2026-12-02T14:45:07.9064999+00:00","host":"vm","user":"uid:0"}""";

    [Fact]
    public void Every_journal_action_has_its_own_word_and_reads_back_from_it()
    {
        var words = Enum.GetValues<JournalAction>().ToDictionary(a => a, a => a.Word());

        Assert.Equal(
            new Dictionary<JournalAction, string>
            {
                [JournalAction.Modify] = "modify",
                [JournalAction.Create] = "create",
                [JournalAction.Delete] = "delete",
                [JournalAction.CreateDirectory] = "create_directory",
                [JournalAction.DeleteDirectory] = "delete_directory",
            },
            words);
        Assert.All(words, pair => Assert.True(ReportWords.TryParseJournalAction(pair.Value, out var read) && read == pair.Key, pair.Value));
    }

    [Fact]
    public void Every_journal_action_survives_the_journal_file_as_its_word()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        var actions = Enum.GetValues<JournalAction>();
        new JournalWriter(ws.Journal).Append(new JournalRecord
        {
            Type = JournalRecord.Begin,
            Id = "20260101-000000-000-abcdef",
            Time = DateTimeOffset.UtcNow,
            Files = actions.Select(a => new JournalFile { Path = a.ToString(), Action = a }).ToList(),
        });

        string text = File.ReadAllText(ws.Journal);
        var contents = new JournalReader(ws.Journal).Read();

        Assert.Empty(contents.Problems);
        Assert.Equal(actions, Assert.Single(contents.Records).Files!.Select(f => f.Action));
        Assert.All(actions, a => Assert.Contains($"\"action\":\"{a.Word()}\"", text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_journal_written_before_the_enum_reads_and_writes_back_byte_for_byte()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        File.WriteAllText(ws.Journal, LineWrittenBeforeTheEnum + "\n" + DoneLine + "\n");

        var contents = new JournalReader(ws.Journal).Read();

        Assert.Empty(contents.Problems);
        var begin = contents.Records.First();
        Assert.Equal(
            [JournalAction.Modify, JournalAction.Delete, JournalAction.Create, JournalAction.CreateDirectory, JournalAction.DeleteDirectory, JournalAction.Delete],
            begin.Files!.Select(f => f.Action));
        Assert.Equal(LineWrittenBeforeTheEnum, JsonSerializer.Serialize(begin, JournalJsonContext.Default.JournalRecord));
    }

    // An attacker's (or a careless editor's) variants of one file's action in an otherwise valid "begin" line.
    [Theory]
    [InlineData("\"action\":\"rename\"", "unknown file action 'rename'")] // a report word, not a journal word
    [InlineData("\"action\":\"recreate\"", "unknown file action 'recreate'")]
    [InlineData("\"action\":\"Modify\"", "unknown file action 'Modify'")]
    [InlineData("\"action\":\"MODIFY\"", "unknown file action 'MODIFY'")]
    [InlineData("\"action\":\" modify\"", "unknown file action ' modify'")]
    [InlineData("\"action\":\"modify \"", "unknown file action 'modify '")]
    [InlineData("\"action\":\"delete directory\"", "unknown file action 'delete directory'")]
    [InlineData("\"action\":\"delete-directory\"", "unknown file action 'delete-directory'")]
    [InlineData("\"action\":\"modify\\u0000\"", "unknown file action")]
    [InlineData("\"action\":\"\"", "unknown file action ''")]
    [InlineData("\"action\":\"0\"", "unknown file action '0'")]
    [InlineData("\"action\":0", "not a word")]
    [InlineData("\"action\":4", "not a word")]
    [InlineData("\"action\":null", "not a word")]
    [InlineData("\"action\":true", "not a word")]
    [InlineData("\"action\":[\"modify\"]", "not a word")]
    [InlineData("\"action\":{\"word\":\"modify\"}", "not a word")]
    [InlineData("", "action")] // the field left out
    public void An_action_the_journal_does_not_know_makes_only_its_line_malformed(string action, string expected)
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        string tampered = action.Length == 0
            ? LineWrittenBeforeTheEnum.Replace("\"action\":\"modify\",", "", StringComparison.Ordinal)
            : LineWrittenBeforeTheEnum.Replace("\"action\":\"modify\"", action, StringComparison.Ordinal);
        Assert.NotEqual(LineWrittenBeforeTheEnum, tampered);
        File.WriteAllText(ws.Journal, tampered + "\n" + DoneLine + "\n");

        var contents = new JournalReader(ws.Journal).Read();

        var problem = Assert.Single(contents.Problems);
        Assert.Equal(1, problem.Line);
        Assert.False(problem.Torn);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal([(2, JournalRecord.Done)], contents.Lines.Select(l => (l.Number, l.Record.Type)));
    }

    [Fact]
    public void A_long_unknown_word_is_quoted_only_in_part()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        string word = new('x', 100_000);
        File.WriteAllText(ws.Journal, LineWrittenBeforeTheEnum.Replace("\"action\":\"modify\"", $"\"action\":\"{word}\"", StringComparison.Ordinal) + "\n");

        var problem = Assert.Single(new JournalReader(ws.Journal).Read().Problems);

        Assert.Contains("unknown file action 'xxxx", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 200, problem.Message);
    }

    [Fact]
    public async Task An_unfinished_entry_with_an_unknown_action_is_reported_by_line_and_every_command_still_works()
    {
        var engine = new PatchEngine();
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        // The engine's own begin line, made into a second, unfinished entry that names a word no journal holds.
        string begin = File.ReadLines(ws.Journal).First();
        string id = Assert.Single(new JournalReader(ws.Journal).Read().Records.Select(r => r.Id).Distinct());
        string forged = begin.Replace(id, "20260101-000000-000-abcdef", StringComparison.Ordinal)
            .Replace("\"action\":\"modify\"", "\"action\":\"explode\"", StringComparison.Ordinal);
        Assert.NotEqual(begin, forged);
        File.AppendAllText(ws.Journal, forged + "\n");

        var apply = await engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        var history = await engine.GetHistoryAsync(ws.Root);

        Assert.True(apply.Success, apply.Error?.Message);
        var skipped = Assert.Single(apply.Warnings, w => w.Code == "JOURNAL_LINE_SKIPPED");
        Assert.Equal(3, skipped.Line);
        Assert.Contains("unknown file action 'explode'", skipped.Message, StringComparison.Ordinal);
        Assert.Equal("3\n", ws.Read("a.txt"));
        Assert.Equal([HistoryStatus.Applied, HistoryStatus.Applied], history.Entries.Select(e => e.Status));
        Assert.Contains(history.Warnings, w => w.Line == 3);
        Assert.All(history.Entries, e => Assert.Equal(JournalAction.Modify, Assert.Single(e.Files).Action));
    }
}
