using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using PatchBuild.Core.Configuration;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

/// <summary>
/// Where backups live and what reading them may cost: large replaced files kept by hard link in a blob store named
/// by content hash, packs inflated no further than the journal recorded, and retention by total size.
/// </summary>
public class BackupStorageTests
{
    private readonly PatchEngine _engine = new();

    // Incompressible text, so pack and blob sizes are what the test expects of them.
    private static string LargeText(int seed, int bytes = 200_000)
    {
        var random = new Random(seed);
        var buffer = new byte[bytes * 3 / 4];
        random.NextBytes(buffer);
        return string.Join("\n", Convert.ToBase64String(buffer).Chunk(76).Select(c => new string(c))) + "\n";
    }

    private static string WithLastLine(string text, string line) => text + line + "\n";

    [Fact]
    public async Task A_crafted_pack_that_inflates_past_the_recorded_length_is_refused_and_nothing_changes()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        var applied = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries);

        // Replace the pack by a small deflate stream of 256 MB: the journal recorded 4 bytes (two 2-byte contents).
        using (var file = File.Create(entry.BackupPath!))
        using (var deflate = new DeflateStream(file, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++)
            {
                deflate.Write(zeros);
            }
        }

        Assert.True(new FileInfo(entry.BackupPath!).Length < 1 << 20);
        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.False(rollback.Success);
        Assert.Equal("HISTORY_ERROR", rollback.Error!.Code);
        Assert.Contains("inflates to more than the 4 bytes", rollback.Error.Message);
        Assert.Equal("2\n", ws.Read("a.txt"));
        Assert.Equal(applied.HistoryId, (await _engine.GetHistoryAsync(ws.Root)).Entries.Single().Id);
    }

    [Fact]
    public async Task A_pack_shorter_than_the_journal_says_is_refused()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "one\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "two\n"))], ws.Options);
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries);
        using (var file = File.Create(entry.BackupPath!))
        using (var deflate = new DeflateStream(file, CompressionLevel.Fastest))
        {
            deflate.Write("on"u8);
        }

        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.Equal("HISTORY_ERROR", rollback.Error?.Code);
        Assert.Contains("shorter than the journal says", rollback.Error!.Message);
        Assert.Equal("two\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_large_replaced_file_becomes_its_own_backup_by_hard_link_and_rolls_back()
    {
        using var ws = new TempWorkspace();
        string v1 = LargeText(1);
        ws.Write("big.txt", v1);
        string inode = Stat("%i", ws.PathOf("big.txt"));

        var applied = await _engine.ApplyAsync([Patch(Recreate("big.txt", WithLastLine(v1, "changed")))], ws.Options);
        Assert.True(applied.Success, applied.Error?.Message);

        var before = BeginFiles(ws).Single().GetProperty("before");
        Assert.True(before.GetProperty("linked").GetBoolean());
        string blob = Path.Combine(ws.State, "backups", "blobs", before.GetProperty("hash").GetString()!);
        // The very file that was replaced, now under the blob's name alone: no copy, and no edit of big.txt reaches it.
        Assert.Equal(inode, Stat("%i", blob));
        Assert.Equal("1", Stat("%h", blob));
        Assert.NotEqual(inode, Stat("%i", ws.PathOf("big.txt")));
        Assert.Equal(v1, File.ReadAllText(blob));
        Assert.True(new FileInfo(Directory.GetFiles(Path.Combine(ws.State, "backups"), "*.pack").Single()).Length < v1.Length,
            "the pack holds the new content only");

        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.True(rollback.Success, rollback.Error?.Message);
        Assert.Equal(v1, ws.Read("big.txt"));
    }

    [Fact]
    public async Task The_same_content_backed_up_by_many_commits_is_stored_once()
    {
        using var ws = new TempWorkspace();
        string v1 = LargeText(2), v2 = WithLastLine(v1, "v2");
        ws.Write("big.txt", v1);
        for (int round = 0; round < 3; round++)
        {
            Assert.True((await _engine.ApplyAsync([Patch(Recreate("big.txt", v2))], ws.Options)).Success);
            Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        }

        // Three applies backed up v1, three rollbacks backed up v2: two distinct contents, two blobs.
        var blobs = Directory.GetFiles(Path.Combine(ws.State, "backups", "blobs"));
        Assert.Equal(2, blobs.Length);
        Assert.Equal(6, BeginFiles(ws).Count(f => f.GetProperty("before").GetProperty("linked").GetBoolean()));
        Assert.Equal(v1, ws.Read("big.txt"));
    }

    [Fact]
    public async Task A_backup_folder_on_another_file_system_falls_back_to_the_pack()
    {
        string other = Path.Combine("/dev/shm", "pb-backups-" + Guid.NewGuid().ToString("N")[..8]);
        // /dev/shm is a tmpfs on Linux (CI runners and containers alike): a volume no link from the temp folder can reach.
        Assert.NotEqual(Stat("%d", Path.GetTempPath()), Stat("%d", "/dev/shm"));
        try
        {
            using var ws = new TempWorkspace($$"""{ "history": { "backupDir": "{{other}}" } }""");
            string v1 = LargeText(3);
            ws.Write("big.txt", v1);
            var applied = await _engine.ApplyAsync([Patch(Recreate("big.txt", WithLastLine(v1, "edited")))], ws.Options);
            Assert.True(applied.Success, applied.Error?.Message);

            var before = BeginFiles(ws).Single().GetProperty("before");
            Assert.False(before.TryGetProperty("linked", out _));
            Assert.DoesNotContain(Directory.EnumerateFiles(other, "*", SearchOption.AllDirectories), f => !f.EndsWith(".pack", StringComparison.Ordinal));
            Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
            Assert.Equal(v1, ws.Read("big.txt"));
        }
        finally
        {
            if (Directory.Exists(other))
            {
                Directory.Delete(other, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_blob_edited_since_is_refused_by_its_hash()
    {
        using var ws = new TempWorkspace();
        string v1 = LargeText(4);
        ws.Write("big.txt", v1);
        await _engine.ApplyAsync([Patch(Recreate("big.txt", WithLastLine(v1, "x")))], ws.Options);
        string blob = Directory.GetFiles(Path.Combine(ws.State, "backups", "blobs")).Single();
        using (var stream = new FileStream(blob, FileMode.Open, FileAccess.Write))
        {
            stream.Write("tampered"u8);
        }

        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.Equal("HISTORY_ERROR", rollback.Error?.Code);
        Assert.Contains("does not match its recorded hash", rollback.Error!.Message);
        Assert.Equal(WithLastLine(v1, "x"), ws.Read("big.txt"));
    }

    [Fact]
    public async Task Size_retention_keeps_the_folder_under_the_cap_and_the_newest_entry_whole()
    {
        // Five one-line patches on a 200 KB file: each entry keeps about 350 KB (the old file as a blob, the new one
        // deflated in its pack). A 1 MB cap leaves room for two entries.
        const long cap = 1_000_000;
        using var ws = new TempWorkspace($$"""{ "history": { "maxBytes": {{cap}} } }""");
        string text = LargeText(5);
        ws.Write("big.txt", text);
        var versions = new List<string> { text };
        for (int i = 1; i <= 5; i++)
        {
            text = WithLastLine(text, $"edit {i}");
            versions.Add(text);
            Assert.True((await _engine.ApplyAsync([Patch(Recreate("big.txt", text))], ws.Options)).Success);
            Assert.True(FolderSize(Path.Combine(ws.State, "backups")) <= cap, $"after apply {i}: {FolderSize(Path.Combine(ws.State, "backups"))} bytes");
        }

        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.Equal([false, false, false, true, true], entries.Select(e => e.BackupsAvailable));
        Assert.All(File.ReadLines(ws.Journal).Where(l => l.Contains("\"pruned\"")), l => Assert.Contains("history.maxBytes", l));

        // Everything the kept entries need is still there: both roll back, in order, to the content before them.
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal(versions[4], ws.Read("big.txt"));
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal(versions[3], ws.Read("big.txt"));
    }

    [Fact]
    public async Task The_newest_entry_is_kept_even_when_it_alone_is_over_the_cap()
    {
        using var ws = new TempWorkspace("""{ "history": { "maxBytes": 1000 } }""");
        string v1 = LargeText(6);
        ws.Write("big.txt", v1);
        await _engine.ApplyAsync([Patch(Recreate("big.txt", WithLastLine(v1, "a")))], ws.Options);
        await _engine.ApplyAsync([Patch(Recreate("big.txt", WithLastLine(v1, "b")))], ws.Options);

        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.Equal([false, true], entries.Select(e => e.BackupsAvailable));
        // The first entry's blob (v1) went with it; only the newest entry's backups remain.
        Assert.Single(Directory.GetFiles(Path.Combine(ws.State, "backups", "blobs")));
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal(WithLastLine(v1, "a"), ws.Read("big.txt"));
    }

    [Fact]
    public void MaxBytes_is_read_from_the_history_section()
    {
        using var ws = new TempWorkspace("""{ "history": { "maxBytes": 5000000 } }""");
        Assert.Equal(5_000_000, PatchBuildConfigLoader.Load(ws.Root).History.MaxBytes);
        Assert.Equal(256L * 1024 * 1024, HistorySettings.Default.MaxBytes);
    }

    private static List<JsonElement> BeginFiles(TempWorkspace ws) =>
        File.ReadLines(ws.Journal)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("type").GetString() == "begin")
            .SelectMany(r => r.GetProperty("files").EnumerateArray())
            .Select(f => f.Clone())
            .ToList();

    private static long FolderSize(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static string Stat(string format, string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(format);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
