using System.Text;
using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;
using PatchBuild.Core.State.Backups;
using PatchBuild.Core.Workspace;

using PatchBuild.Core.State;

namespace PatchBuild.Core.History.Rollback;

/// <summary>
/// Works out, in memory, what undoing entries (newest first) does to each file. A file untouched since its patch
/// gets its backup back; a file edited since is merged three ways — base: what the patch wrote, ours: the file now,
/// theirs: the file before the patch — so later edits away from the patch's lines survive.
/// </summary>
public sealed class RollbackPlanner
{
    private const string TheirsName = "the rollback";

    private readonly PathGuard _guard;
    private readonly string? _backupFolder;
    private readonly Dictionary<string, (WorkspacePath Path, byte[]? Bytes)> _disk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]?> _planned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RollbackFile> _files = new(StringComparer.Ordinal);
    private readonly List<MergeConflict> _conflicts = [];
    private readonly List<string> _foldersToCreate = [];
    private readonly MergeStrategy? _strategy;
    private readonly IReadOnlyDictionary<int, MergeStrategy>? _resolutions;

    public RollbackPlanner(HistoryPaths paths, MergeStrategy? strategy, IReadOnlyDictionary<int, MergeStrategy>? resolutions)
        : this(paths.WorkspaceRoot, strategy, resolutions)
    {
        _backupFolder = paths.BackupFolder;
    }

    /// <summary>A planner for <see cref="BuildFromCommit"/> only: it reads no backups.</summary>
    public RollbackPlanner(string workspaceRoot, MergeStrategy? strategy, IReadOnlyDictionary<int, MergeStrategy>? resolutions)
    {
        _guard = new PathGuard(workspaceRoot);
        _strategy = strategy;
        _resolutions = resolutions;
    }

    public sealed record Plan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<RollbackFile> Files, IReadOnlyList<MergeConflict> Conflicts, IReadOnlyList<string> FoldersToRemoveIfEmpty)
    {
        public bool HasUnresolved => Conflicts.Any(c => c.Resolution is null);
    }

    public Plan Build(IReadOnlyList<HistoryEntry> entries)
    {
        var foldersToRemove = new List<string>();
        foreach (var entry in entries)
        {
            if (!entry.BackupsAvailable || entry.BackupPath is null || entry.BeginRecord is null)
            {
                throw new PatchException(new PatchError(ErrorCodes.HistoryError, $"Entry {entry.Id} cannot be rolled back: its backups were pruned or never kept.")
                {
                    Hint = "Backups older than history.maxAgeDays are pruned, and none are kept with \"backups\": false. Restore from version control instead.",
                });
            }

            var pack = new EntryBackups(_backupFolder ?? throw new InvalidOperationException("This planner reads no backups."), entry.BackupPath, entry.BeginRecord.Files ?? []);
            foreach (var file in entry.BeginRecord.Files ?? [])
            {
                if (file.AfterIsDirectory && !file.BeforeIsDirectory)
                {
                    foldersToRemove.Add(_guard.Resolve(file.Path).Full);
                }
                else if (file.BeforeIsDirectory && !file.AfterIsDirectory)
                {
                    _foldersToCreate.Add(file.Path);
                }
                else if (!file.BeforeIsDirectory)
                {
                    RollBack(pack, file);
                }
            }
        }

        return new Plan(Changes(), _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), _conflicts, foldersToRemove.OrderByDescending(f => f.Length).ToList());
    }

    /// <summary>
    /// Undoes a commit this process just made, from the contents it planned (the same bytes its backups hold): the
    /// rollback after a failed test command. Files edited since (by the test command) merge as in any rollback.
    /// </summary>
    public Plan BuildFromCommit(IReadOnlyList<PlannedChange> committed)
    {
        var foldersToRemove = new List<string>();
        foreach (var change in committed)
        {
            if (change.AfterIsDirectory && !change.BeforeIsDirectory)
            {
                foldersToRemove.Add(change.Path.Full);
            }
            else if (change.BeforeIsDirectory && !change.AfterIsDirectory)
            {
                _foldersToCreate.Add(change.Path.Relative);
            }
            else if (!change.BeforeIsDirectory)
            {
                RollBack(change.Path.Relative, change.Before, change.After);
            }
        }

        return new Plan(Changes(), _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), _conflicts, foldersToRemove.OrderByDescending(f => f.Length).ToList());
    }

    private void RollBack(EntryBackups pack, JournalFile file) => RollBack(file.Path, pack.Read(file.Before), pack.Read(file.After));

    private void RollBack(string path, byte[]? before, byte[]? after)
    {
        byte[]? current = Current(path);
        byte[]? result;
        bool merged = false;
        if (Same(current, after))
        {
            result = before;
        }
        else if (current is null && before is null)
        {
            result = null;
        }
        else if (current is null || !IsText(current) || !IsText(before) || !IsText(after))
        {
            result = WholeFileConflict(path, current, before, current is null
                ? "the file was deleted since the patch; the rollback would bring it back"
                : "the file changed since the patch and is not text, so it cannot be merged by lines");
        }
        else
        {
            var merge = TextMerge.Merge(after, current, before, path, _conflicts.Count, _strategy, _resolutions, TheirsName);
            _conflicts.AddRange(merge.Conflicts);
            result = before is null && merge.Bytes.Length == 0 ? null : merge.Bytes;
            merged = true;
        }

        _planned[path] = result;
        string action = result is null ? "remove" : current is null ? "restore" : merged ? "merge" : "restore";
        _files[path] = new RollbackFile(path, action) { Merged = merged };
    }

    private byte[]? WholeFileConflict(string path, byte[]? ours, byte[]? theirs, string reason)
    {
        int index = _conflicts.Count;
        MergeStrategy? resolution = _resolutions is not null && _resolutions.TryGetValue(index, out var chosen) ? chosen : _strategy;
        _conflicts.Add(new MergeConflict(index, path, 1, reason) { Resolution = resolution });
        return resolution == MergeStrategy.Ours ? ours : theirs;
    }

    private byte[]? Current(string relative)
    {
        if (_planned.TryGetValue(relative, out var planned))
        {
            return planned;
        }

        if (!_disk.TryGetValue(relative, out var disk))
        {
            var path = _guard.Resolve(relative);
            disk = (path, File.Exists(path.Full) ? File.ReadAllBytes(path.Full) : null);
            _disk[relative] = disk;
        }

        return disk.Bytes;
    }

    private List<PlannedChange> Changes()
    {
        var changes = new List<PlannedChange>();
        foreach (var (relative, after) in _planned.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var (path, before) = _disk[relative];
            if (!Same(before, after))
            {
                changes.Add(new PlannedChange(path) { Before = before, After = after });
            }
        }

        foreach (string folder in _foldersToCreate.Distinct())
        {
            var path = _guard.Resolve(folder);
            if (!Directory.Exists(path.Full))
            {
                changes.Add(new PlannedChange(path) { AfterIsDirectory = true });
            }
        }

        return changes;
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static bool IsText(byte[]? bytes)
    {
        if (bytes is null)
        {
            return true;
        }

        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
