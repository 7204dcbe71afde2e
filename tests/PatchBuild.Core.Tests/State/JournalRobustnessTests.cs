using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.State;

/// <summary>A journal line that is not a record is reported with its line number and skipped; it never stops a command.</summary>
public sealed class JournalRobustnessTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task Malformed_lines_are_reported_by_number_and_later_commands_work()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        File.AppendAllText(ws.Journal, "{\"type\":\"begin\",\"id\":\"x\",\"time\":\"not a time\"}\nnot json at all}\n{\"type\":\"begin\",\"id\":\"../../etc\"}\n");

        var second = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);

        Assert.True(second.Success, second.Error?.Message);
        var skipped = second.Warnings.Where(w => w.Code == "JOURNAL_LINE_SKIPPED").ToList();
        Assert.Equal([3, 4, 5], skipped.Select(w => w.Line!.Value));
        Assert.All(skipped, w => Assert.Equal(ws.Journal, w.File));
        Assert.Contains("history.jsonl(3)", skipped[0].Message);

        var history = await _engine.GetHistoryAsync(ws.Root);
        Assert.Equal([HistoryStatus.Applied, HistoryStatus.Applied], history.Entries.Select(e => e.Status));
        Assert.Equal(3, history.Warnings.Count);
        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.True(rollback.Success, rollback.Error?.Message);
        Assert.Equal("2\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task An_entry_recovery_cannot_undo_is_reported_once_and_closed()
    {
        using var ws = new TempWorkspace();
        using var outside = new TempWorkspace();
        File.WriteAllText(outside.PathOf("target.txt"), "outside\n");
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        // Our own writer, a record naming a path outside the root and a pack that is not there.
        new JournalWriter(ws.Journal).Append(new JournalRecord
        {
            Type = JournalRecord.Begin,
            Id = "20260101-000000-000-abcdef",
            Time = DateTimeOffset.UtcNow,
            Kind = JournalRecord.KindApply,
            Backups = "backups/20260101-000000-000-abcdef.pack",
            Files = [new JournalFile { Path = "../" + Path.GetFileName(outside.Root) + "/target.txt", Action = JournalAction.Modify, Before = new BlobRef { Hash = "00", Length = 1 } }],
        });

        var first = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        var second = await _engine.ApplyAsync([Patch(Recreate("a.txt", "4\n"))], ws.Options);

        Assert.True(first.Success, first.Error?.Message);
        Assert.Contains(first.Warnings, w => w.Code == "RECOVERY_FAILED" && w.Message.Contains("20260101-000000-000-abcdef"));
        Assert.True(second.Success, second.Error?.Message);
        Assert.DoesNotContain(second.Warnings, w => w.Code == "RECOVERY_FAILED");
        Assert.Equal("outside\n", File.ReadAllText(outside.PathOf("target.txt")));
        Assert.Equal("4\n", ws.Read("a.txt"));
        var entry = (await _engine.GetHistoryAsync(ws.Root)).Entries.Single(e => e.Id == "20260101-000000-000-abcdef");
        Assert.Equal(HistoryStatus.Failed, entry.Status);
    }

    [Fact]
    public void The_reader_reports_every_bad_line_and_keeps_the_good_ones()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        var writer = new JournalWriter(ws.Journal);
        writer.Append(new JournalRecord { Type = JournalRecord.Begin, Id = "one", Time = DateTimeOffset.UtcNow });
        File.AppendAllText(ws.Journal, "\n[1,2]\n{\"type\":5}\n");
        writer.Append(new JournalRecord { Type = JournalRecord.Done, Id = "one", Time = DateTimeOffset.UtcNow });
        File.AppendAllText(ws.Journal, "{\"type\":\"done\",\"id\":\"tw");

        var contents = new JournalReader(ws.Journal).Read();

        Assert.Equal([(1, "begin"), (5, "done")], contents.Lines.Select(l => (l.Number, l.Record.Type)));
        Assert.Equal([(3, false), (4, false), (6, true)], contents.Problems.Select(p => (p.Line, p.Torn)));
        Assert.All(contents.Lines, l => Assert.Equal(MachineIdentity.Current.Host, l.Record.Host));
        Assert.All(contents.Lines, l => Assert.Equal(MachineIdentity.Current.User, l.Record.User));
    }
}
