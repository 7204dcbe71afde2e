using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.State;

/// <summary>Journals made the way PatchBuild makes them, and the same records as another machine or user wrote them.</summary>
internal static class StateFixtures
{
    public static readonly MachineIdentity Stranger = new("build-agent-17", "uid:424242");

    /// <summary>
    /// A commit cut off by a crash, as PatchBuild leaves it: backups and "begin" on disk, the new contents written,
    /// no "done". Recovery of it would put <paramref name="before"/> back.
    /// </summary>
    public static string Interrupted(string root, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var (path, text) in before)
        {
            Write(root, path, text);
        }

        var workspace = new PatchWorkspace(root);
        foreach (var (path, text) in after)
        {
            workspace.SetText(workspace.Resolve(path), text);
        }

        var (paths, _) = HistorySession.Locate(root, null);
        var recorder = new CommitRecorder(paths, JournalRecord.KindApply, root, [Patch()], keepBackups: true);
        recorder.Begin(workspace.GetChanges());
        foreach (var (path, text) in after)
        {
            Write(root, path, text);
        }

        return recorder.Id;
    }

    /// <summary>Rewrites every record of the journal as if <paramref name="identity"/> had written it.</summary>
    public static void Rewrite(string journal, MachineIdentity identity)
    {
        var records = new JournalReader(journal).Read().Records.ToList();
        File.Delete(journal);
        var writer = new JournalWriter(journal, identity);
        foreach (var record in records)
        {
            writer.Append(record);
        }
    }

    /// <summary>Every file under <paramref name="root"/> with its bytes: a run that writes nothing leaves this unchanged.</summary>
    public static SortedDictionary<string, string> Snapshot(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToBase64String(File.ReadAllBytes(f))),
        StringComparer.Ordinal);

    private static void Write(string root, string relative, string text)
    {
        string full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
