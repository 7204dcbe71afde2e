using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// An in-memory, transactional view of one root folder. Reads come from disk once; every change stays in
/// memory until <see cref="WorkspaceCommitter"/> writes the whole plan. Path checks happen here, once.
/// </summary>
public sealed class PatchWorkspace
{
    private sealed class Entry
    {
        public bool ExistsOnDisk;
        public bool DirectoryOnDisk;
        public byte[]? DiskBytes;

        public bool Exists;
        public bool IsDirectory;
        public byte[]? Bytes;
        public TextDocument? Document;

        public byte[]? CurrentBytes()
        {
            if (Document is not null)
            {
                return Document.Encode();
            }

            return Bytes;
        }
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkspacePath> _paths = new(StringComparer.Ordinal);

    // Every folder above a path the plan has read: whether anything below a path was touched is one lookup.
    private readonly HashSet<string> _foldersAboveEntries = new(StringComparer.Ordinal);

    private readonly InputLimits _limits;

    public PatchWorkspace(string root, InputLimits? limits = null)
    {
        Guard = new PathGuard(root);
        _limits = limits ?? InputLimits.Default;
    }

    private PatchWorkspace(PathGuard guard, InputLimits limits)
    {
        Guard = guard;
        _limits = limits;
    }

    public string Root => Guard.Root;

    public PathGuard Guard { get; }

    public WorkspacePath Resolve(string rawPath)
    {
        if (_paths.TryGetValue(PathGuard.Normalize(rawPath), out var known))
        {
            return known;
        }

        var path = Guard.Resolve(rawPath);
        _paths.TryAdd(path.Relative, path);
        return path;
    }

    public bool FileExists(WorkspacePath path)
    {
        var e = Load(path);
        return e.Exists && !e.IsDirectory;
    }

    public bool DirectoryExists(WorkspacePath path)
    {
        var e = Load(path);
        if (e.Exists && e.IsDirectory)
        {
            return true;
        }

        // A folder also exists when the plan created a file below it.
        string prefix = path.Relative + "/";
        return _entries.Any(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Value.Exists);
    }

    /// <summary>The planned text of a file, or null when there is none. Edit it in place, or set a new one.</summary>
    public TextDocument? GetDocument(WorkspacePath path)
    {
        var e = Load(path);
        if (!e.Exists || e.IsDirectory)
        {
            return null;
        }

        if (e.Document is null)
        {
            var (text, encoding, problem) = FileEncoding.TryDecode(e.Bytes ?? []);
            if (text is null)
            {
                throw FileEncoding.Refusal(path.Relative, problem!);
            }

            e.Document = TextDocument.Parse(text, encoding);
            e.Bytes = null;
        }

        return e.Document;
    }

    public string? GetText(WorkspacePath path) => GetDocument(path)?.ToString();

    public byte[]? GetBytes(WorkspacePath path)
    {
        var e = Load(path);
        return e.Exists && !e.IsDirectory ? e.CurrentBytes() : null;
    }

    public void SetDocument(WorkspacePath path, TextDocument document)
    {
        var e = Load(path);
        e.Exists = true;
        e.IsDirectory = false;
        e.Document = document;
        e.Bytes = null;
    }

    /// <summary>
    /// Keeps a file's planned content as bytes again, dropping its parsed document. A document holds one string per
    /// line, several times the file's size; a plan of hundreds of files that kept them all until the commit made the
    /// process touch tens of megabytes it did not need. Reading the file again parses the bytes anew, which gives the
    /// same document: encoding is lossless (see <see cref="FileEncoding"/>).
    /// </summary>
    public void Settle(WorkspacePath path)
    {
        var e = Load(path);
        if (e.Document is not null)
        {
            e.Bytes = e.Document.Encode();
            e.Document = null;
        }
    }

    /// <summary>
    /// Sets a file's text. A text that starts with U+FEFF is a UTF-8 file with a byte order mark (the bytes are the
    /// same either way; this keeps the document the same as the file read back).
    /// </summary>
    public void SetText(WorkspacePath path, string text, bool hasBom = false) =>
        SetText(path, text, hasBom ? FileEncoding.Utf8Bom : FileEncoding.Utf8);

    public void SetText(WorkspacePath path, string text, FileEncoding encoding)
    {
        if (encoding == FileEncoding.Utf8 && text.StartsWith('\uFEFF'))
        {
            text = text[1..];
            encoding = FileEncoding.Utf8Bom;
        }

        SetDocument(path, TextDocument.Parse(text, encoding));
    }

    public void SetBytes(WorkspacePath path, byte[] bytes)
    {
        var e = Load(path);
        e.Exists = true;
        e.IsDirectory = false;
        e.Document = null;
        e.Bytes = bytes;
    }

    public void CreateDirectory(WorkspacePath path)
    {
        var e = Load(path);
        e.Exists = true;
        e.IsDirectory = true;
        e.Document = null;
        e.Bytes = null;
    }

    /// <summary>Deletes a file, or a folder with everything below it.</summary>
    public void Delete(WorkspacePath path)
    {
        if (DirectoryExists(path))
        {
            RefuseNestedRepository(path, "delete");
            foreach (var child in FilesUnder(path))
            {
                MarkDeleted(Load(child));
            }
        }

        MarkDeleted(Load(path));
    }

    /// <summary>Moves a file, or a folder with everything below it.</summary>
    public void Move(WorkspacePath from, WorkspacePath to)
    {
        if (FileExists(from))
        {
            CopyEntry(from, to);
            MarkDeleted(Load(from));
            return;
        }

        if (DirectoryExists(from))
        {
            RefuseNestedRepository(from, "move");
            foreach (var child in FilesUnder(from))
            {
                string rest = child.Relative[(from.Relative.Length + 1)..];
                var target = Resolve(to.Relative + "/" + rest);
                CopyEntry(child, target);
                MarkDeleted(Load(child));
            }

            CreateDirectory(to);
            MarkDeleted(Load(from));
        }
    }

    // A folder holding a nested repository (or submodule) has a .git that no plan may touch, back up or remove.
    private static void RefuseNestedRepository(WorkspacePath folder, string verb)
    {
        if (Directory.Exists(folder.Full) &&
            Directory.EnumerateFileSystemEntries(folder.Full, ".git", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = 0 }).Any())
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"Refused to {verb} the folder '{folder.Relative}': it holds a git repository (.git).")
            {
                File = folder.Relative,
                Hint = "Patches never touch .git; remove or move the nested repository by hand.",
                Rule = "PB1002",
                Context = new Dictionary<string, object?> { ["rule"] = "PB1002", ["severity"] = "error" },
            });
        }
    }

    /// <summary>Every file the plan holds below a folder: those on disk and those planned.</summary>
    public IReadOnlyList<WorkspacePath> FilesUnder(WorkspacePath folder)
    {
        var result = new SortedDictionary<string, WorkspacePath>(StringComparer.Ordinal);
        if (Directory.Exists(folder.Full))
        {
            foreach (string file in Directory.EnumerateFiles(folder.Full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                string rel = Path.GetRelativePath(Root, file).Replace('\\', '/');
                if (rel.Split('/').Any(p => p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                result[rel] = Resolve(rel);
            }
        }

        string prefix = folder.Relative + "/";
        foreach (var (rel, _) in _entries)
        {
            if (rel.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[rel] = _paths[rel];
            }
        }

        return result.Values.Where(FileExists).ToList();
    }

    /// <summary>What the plan changes, path by path, in ordinal order.</summary>
    public IReadOnlyList<PlannedChange> GetChanges()
    {
        var changes = new List<PlannedChange>();
        foreach (var (rel, e) in _entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            byte[]? after = e.Exists && !e.IsDirectory ? e.CurrentBytes() : null;
            byte[]? before = e.ExistsOnDisk && !e.DirectoryOnDisk ? e.DiskBytes : null;
            bool sameKind = e.Exists == e.ExistsOnDisk && e.IsDirectory == e.DirectoryOnDisk;
            if (sameKind && (e.IsDirectory || !e.Exists || (before is not null && after is not null && before.AsSpan().SequenceEqual(after))))
            {
                continue;
            }

            changes.Add(new PlannedChange(_paths[rel])
            {
                Before = before,
                After = after,
                BeforeIsDirectory = e.ExistsOnDisk && e.DirectoryOnDisk,
                AfterIsDirectory = e.Exists && e.IsDirectory,
            });
        }

        return changes;
    }

    /// <summary>
    /// An empty workspace over the same root, for planning files on another thread: it reads from disk what it
    /// needs, and <see cref="Absorb"/> later takes its entries over. Resolve paths on this workspace, not on that one.
    /// </summary>
    internal PatchWorkspace Detached() => new(Guard, _limits);

    /// <summary>True when the plan has read or changed the path, or anything below it.</summary>
    internal bool HasTouched(WorkspacePath path) => _entries.ContainsKey(path.Relative) || _foldersAboveEntries.Contains(path.Relative);

    /// <summary>Takes over everything a detached workspace read and planned; it must not share a path with this one.</summary>
    internal void Absorb(PatchWorkspace detached)
    {
        foreach (var (rel, entry) in detached._entries)
        {
            _entries.Add(rel, entry);
            _paths.TryAdd(rel, detached._paths[rel]);
            NoteFoldersAbove(rel);
        }
    }

    /// <summary>Remembers the plan's state so a failed file change can be undone in memory (partial mode).</summary>
    public WorkspaceSnapshot Snapshot() => new(_entries.ToDictionary(
        kv => kv.Key,
        kv => new WorkspaceSnapshot.Entry(kv.Value.Exists, kv.Value.IsDirectory, kv.Value.CurrentBytes())));

    public void Restore(WorkspaceSnapshot snapshot)
    {
        foreach (var (rel, e) in _entries)
        {
            if (snapshot.Entries.TryGetValue(rel, out var s))
            {
                e.Exists = s.Exists;
                e.IsDirectory = s.IsDirectory;
                e.Bytes = s.Bytes;
                e.Document = null;
            }
            else
            {
                e.Exists = e.ExistsOnDisk;
                e.IsDirectory = e.DirectoryOnDisk;
                e.Bytes = e.DiskBytes;
                e.Document = null;
            }
        }
    }

    private void CopyEntry(WorkspacePath from, WorkspacePath to)
    {
        var source = Load(from);
        var target = Load(to);
        target.Exists = true;
        target.IsDirectory = false;
        target.Bytes = source.CurrentBytes();
        target.Document = null;
    }

    private static void MarkDeleted(Entry e)
    {
        e.Exists = false;
        e.IsDirectory = false;
        e.Document = null;
        e.Bytes = null;
    }

    private Entry Load(WorkspacePath path)
    {
        if (_entries.TryGetValue(path.Relative, out var e))
        {
            return e;
        }

        _paths.TryAdd(path.Relative, path);
        e = new Entry();
        // Judged before anything opens the file: a pipe would block the read, a huge file would fill memory.
        SpecialFiles.EnsureNotSpecial(path.Full, path.Relative);
        if (File.Exists(path.Full))
        {
            _limits.CheckTargetFileSize(new FileInfo(path.Full).Length, path.Relative);
            e.ExistsOnDisk = e.Exists = true;
            e.DiskBytes = e.Bytes = FileBuffers.Read(path.Full);
        }
        else if (Directory.Exists(path.Full))
        {
            e.ExistsOnDisk = e.Exists = true;
            e.DirectoryOnDisk = e.IsDirectory = true;
        }

        _entries[path.Relative] = e;
        NoteFoldersAbove(path.Relative);
        return e;
    }

    private void NoteFoldersAbove(string relative)
    {
        for (int slash = relative.LastIndexOf('/'); slash > 0 && _foldersAboveEntries.Add(relative[..slash]); slash = relative.LastIndexOf('/', slash - 1))
        {
        }
    }
}
