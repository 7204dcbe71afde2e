using System.Text.Json;
using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class JournalTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task Apply_journals_begin_and_done_with_hashes_backups_and_version()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old a\n");
        ws.Write("gone.txt", "bye\n");

        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "new a\n"), Create("b.txt", "b\n"), Delete("gone.txt"))], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.NotNull(result.HistoryId);
        var lines = File.ReadAllLines(ws.Journal);
        Assert.Equal(2, lines.Length);
        using var begin = JsonDocument.Parse(lines[0]);
        var b = begin.RootElement;
        Assert.Equal("begin", b.GetProperty("type").GetString());
        Assert.Equal(result.HistoryId, b.GetProperty("id").GetString());
        Assert.Equal("test patch", b.GetProperty("summary").GetString());
        Assert.Equal(ToolVersion.Current, b.GetProperty("toolVersion").GetString());
        Assert.Equal(ContentHash.OfText("a.txt\nb.txt\ngone.txt"), b.GetProperty("patches")[0].GetProperty("hash").GetString());
        var files = b.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Equal(ContentHash.OfText("old a\n"), files["a.txt"].GetProperty("before").GetProperty("hash").GetString());
        Assert.Equal(ContentHash.OfText("new a\n"), files["a.txt"].GetProperty("after").GetProperty("hash").GetString());
        Assert.Equal("create", files["b.txt"].GetProperty("action").GetString());
        Assert.False(files["b.txt"].TryGetProperty("before", out _));
        Assert.Equal("delete", files["gone.txt"].GetProperty("action").GetString());
        Assert.True(File.Exists(Path.Combine(ws.State, b.GetProperty("backups").GetString()!)));
        using var done = JsonDocument.Parse(lines[1]);
        Assert.Equal("done", done.RootElement.GetProperty("type").GetString());
        Assert.True(File.Exists(Path.Combine(ws.State, ".gitignore")));
    }

    [Fact]
    public void Headers_agree_with_full_records_and_parse_on_demand()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        var journal = new JournalWriter(ws.Journal);
        journal.Append(new JournalRecord { Type = JournalRecord.Begin, Id = "one", Time = DateTimeOffset.UtcNow, Summary = "quote \" and \\ inside" });
        journal.Append(new JournalRecord { Type = JournalRecord.Done, Id = "one", Time = DateTimeOffset.UtcNow });
        File.AppendAllText(ws.Journal, "{ \"id\": \"two\", \"type\": \"begin\", \"time\": \"2026-01-01T00:00:00Z\" }\n{\"type\":\"done\",\"id\":\"tor");
        var reader = new JournalReader(ws.Journal);

        var headers = reader.ReadHeaders();

        Assert.Equal(reader.Read().Records.Select(r => (r.Type, r.Id)), headers.Select(h => (h.Type, h.Id)));
        Assert.Equal([("begin", "one"), ("done", "one"), ("begin", "two")], headers.Select(h => (h.Type, h.Id)));
        Assert.Equal("quote \" and \\ inside", headers[0].Parse()!.Summary);
    }

    [Fact]
    public async Task Nothing_to_change_writes_no_entry()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "same\n");
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "same\n"))], ws.Options);
        Assert.True(result.Success);
        Assert.Null(result.HistoryId);
        Assert.Empty((await _engine.GetHistoryAsync(ws.Root)).Entries);
    }

    [Fact]
    public async Task Dry_run_writes_no_history()
    {
        using var ws = new TempWorkspace();
        var result = await _engine.DryRunAsync([Patch(Create("a.txt", "a\n"))], ws.Options);
        Assert.True(result.Success);
        Assert.False(Directory.Exists(ws.State));
    }

    [Fact]
    public async Task Backup_dir_option_moves_the_backups()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old\n");
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "new\n"))], ws.Options with { BackupDir = "my-backups" });
        Assert.True(result.Success);
        Assert.Single(Directory.GetFiles(ws.PathOf("my-backups"), "*.pack"));
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root, "my-backups")).Entries);
        Assert.True(entry.BackupsAvailable);
        Assert.StartsWith(ws.PathOf("my-backups"), entry.BackupPath);
    }

    [Fact]
    public async Task A_torn_last_line_is_skipped_and_fenced_off()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        File.AppendAllText(ws.Journal, "{\"type\":\"begin\",\"id\":\"torn");
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        Assert.True(result.Success, result.Error?.Message);
        var history = await _engine.GetHistoryAsync(ws.Root);
        Assert.Equal(2, history.Entries.Count);
        Assert.All(history.Entries, e => Assert.Equal(HistoryStatus.Applied, e.Status));
    }

    [Fact]
    public async Task A_patch_may_not_write_into_the_state_folder()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        string journal = File.ReadAllText(ws.Journal);
        var result = await _engine.ApplyAsync([Patch(Recreate(".patchbuild/history.jsonl", "forged\n"))], ws.Options);
        Assert.False(result.Success);
        Assert.Equal("INVALID_FILE_PATH", result.Error!.Code);
        Assert.StartsWith(journal, File.ReadAllText(ws.Journal));
    }

    [Fact]
    public async Task History_lists_entries_with_status_files_and_summary()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        var first = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        var second = await _engine.ApplyAsync([Patch(Create("b.txt", "b\n"))], ws.Options);
        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.True(rollback.Success, rollback.Error?.Message);

        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.Equal([first.HistoryId, second.HistoryId, rollback.HistoryId], entries.Select(e => e.Id));
        Assert.Equal([HistoryStatus.Applied, HistoryStatus.RolledBack, HistoryStatus.Applied], entries.Select(e => e.Status));
        Assert.Equal("rollback", entries[2].Kind);
        Assert.Equal([second.HistoryId!], entries[2].RollsBack);
        Assert.Equal(rollback.HistoryId, entries[1].RolledBackBy);
        Assert.Equal("a.txt", Assert.Single(entries[0].Files).Path);
        Assert.Equal("test patch", entries[0].Summary);
        Assert.NotNull(entries[0].Finished);
    }
}
