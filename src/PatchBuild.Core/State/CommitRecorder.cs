using PatchBuild.Core.Model;
using PatchBuild.Core.State.Backups;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.State;

/// <summary>
/// Journals one commit: the backup pack (every file's content before and after) and the "begin" record, both
/// flushed before any file is touched; then "done" or "aborted".
/// </summary>
public sealed class CommitRecorder : ICommitJournal
{
    private readonly HistoryPaths _paths;
    private readonly JournalWriter _journal;
    private readonly JournalRecord _begin;
    private readonly bool _keepBackups;
    private readonly List<string> _linked = [];
    private string? _packPath;

    public CommitRecorder(HistoryPaths paths, string kind, string applyRoot, IReadOnlyList<PatchSet> patches, bool keepBackups, IReadOnlyList<string>? rollsBack = null, string? summary = null)
    {
        _paths = paths;
        _journal = new JournalWriter(paths.Journal);
        _keepBackups = keepBackups;
        var now = DateTimeOffset.UtcNow;
        Id = EntryId.New(now);
        string root = Path.GetRelativePath(paths.WorkspaceRoot, applyRoot).Replace('\\', '/');
        _begin = new JournalRecord
        {
            Type = JournalRecord.Begin,
            Id = Id,
            Time = now,
            Kind = kind,
            ToolVersion = ToolVersion.Current,
            Root = root,
            Summary = summary ?? SummaryOf(patches),
            Patches = patches.Select(p => new JournalPatch
            {
                Path = p.SourcePath,
                Hash = p.Text.Length > 0 ? ContentHash.OfText(p.Text) : null,
                Format = p.Format.ToString(),
                Summary = p.Summary,
            }).ToList(),
            RollsBack = rollsBack?.ToList(),
            BackupsKept = keepBackups ? null : false,
        };
    }

    public string Id { get; }

    /// <summary>Whether "begin" was written: only then is there an entry in the history.</summary>
    public bool Started { get; private set; }

    public bool Completed { get; private set; }

    public void Begin(IReadOnlyList<PlannedChange> changes)
    {
        // PathGuard refuses .patchbuild/ anywhere, by where each path really leads; a backup folder configured
        // elsewhere is checked here the same way (one real-path walk per folder, not per file).
        bool backupsOutsideState = !IsInside(_paths.BackupFolder, _paths.StateFolder);
        string realBackups = backupsOutsideState ? PathGuard.RealPath(Path.GetFullPath(_paths.BackupFolder)) : "";
        var realFolders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            string full = Path.GetFullPath(change.Path.Full);
            bool refused = IsInside(full, _paths.StateFolder);
            if (!refused && backupsOutsideState)
            {
                string folder = Path.GetDirectoryName(full) ?? full;
                if (!realFolders.TryGetValue(folder, out string? realFolder))
                {
                    realFolder = PathGuard.RealPath(folder);
                    realFolders[folder] = realFolder;
                }

                refused = IsInside(Path.Combine(realFolder, Path.GetFileName(full)), realBackups) || IsInside(full, _paths.BackupFolder);
            }

            if (refused)
            {
                throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"Refused path '{change.Path.Relative}': it is inside PatchBuild's own state folder.")
                {
                    File = change.Path.Relative,
                    Hint = $"Patches may not write under {StateFolder.Name}/ or the backup folder; they hold the journal and backups.",
                });
            }
        }

        _paths.Folder.Ensure();
        StateFolder.RefuseLink(_paths.BackupFolder);
        var hashes = new ContentHashes(changes.SelectMany(c => new[] { c.Before, c.After }));
        var pack = new BackupPack.Writer(hashes);
        var blobs = _keepBackups ? new BlobStore(_paths.BackupFolder) : null;
        _begin.Files = changes.Select(c => new JournalFile
        {
            Path = Path.GetRelativePath(_paths.WorkspaceRoot, c.Path.Full).Replace('\\', '/'),
            Action = c.Action,
            Before = KeepBefore(c, blobs, hashes) ?? pack.Add(c.Before),
            After = pack.Add(c.After),
            BeforeIsDirectory = c.BeforeIsDirectory,
            AfterIsDirectory = c.AfterIsDirectory,
        }).ToList();

        if (_linked.Count > 0)
        {
            // The blobs' names must be on disk before "begin" says the backups are there: the commit then renames
            // the new content over the only other name those files have.
            Workspace.FolderFlush.TryFlush(blobs!.Folder);
        }

        _packPath = _paths.PackPath(Id);
        pack.WriteTo(_packPath);
        _begin.Backups = _paths.PackReference(_packPath);
        _journal.Append(_begin);
        Started = true;
    }

    /// <summary>Below this size a content is cheaper to deflate into the pack than to link (a link is a metadata write).</summary>
    public const int LinkFrom = 64 * 1024;

    // The replaced file itself becomes the backup (a hard link, no copy) when it is large enough to be worth it and
    // the file system allows; null sends the content to the pack.
    private BlobRef? KeepBefore(PlannedChange change, BlobStore? blobs, ContentHashes hashes)
    {
        if (blobs is null || change.Before is not { Length: >= LinkFrom } before || change.BeforeIsDirectory)
        {
            return null;
        }

        string hash = hashes.Of(before);
        if (!blobs.TryKeep(change.Path.Full, before, hash, out bool linked))
        {
            return null;
        }

        if (linked)
        {
            _linked.Add(blobs.PathOf(hash)!);
        }

        return new BlobRef { Hash = hash, Length = before.Length, Linked = true };
    }

    public void Done()
    {
        _journal.Append(new JournalRecord { Type = JournalRecord.Done, Id = Id, Time = DateTimeOffset.UtcNow });
        Completed = true;
        if (!_keepBackups && _packPath is not null)
        {
            try
            {
                File.Delete(_packPath);
                _journal.Append(new JournalRecord { Type = JournalRecord.Pruned, Id = Id, Time = DateTimeOffset.UtcNow, Reason = "backups are turned off" });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The commit is done; a leftover pack is removed by the next pruning.
            }
        }
    }

    public void Aborted(string reason)
    {
        // A file the failed commit did not replace is still the blob linked to it: an edit in place would change
        // the backup too. The aborted entry needs no backup, so the links it made go.
        foreach (string blob in _linked)
        {
            BlobStore.TryDelete(blob);
        }

        _journal.Append(new JournalRecord { Type = JournalRecord.Aborted, Id = Id, Time = DateTimeOffset.UtcNow, Reason = reason });
    }

    private static string? SummaryOf(IReadOnlyList<PatchSet> patches)
    {
        var summaries = patches.Select(p => p.Summary).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return summaries.Count == 0 ? null : string.Join("; ", summaries);
    }

    private static bool IsInside(string path, string folder)
    {
        string full = Path.GetFullPath(path);
        folder = Path.TrimEndingDirectorySeparator(folder);
        return full == folder || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
