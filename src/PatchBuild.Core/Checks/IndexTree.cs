using PatchBuild.Core.Git;

namespace PatchBuild.Core.Checks;

/// <summary>
/// The staged version of the repository, read from git's index without touching the working tree or the index:
/// contents come from `git cat-file --batch`, and a dry run gets a temporary folder holding the staged versions of the
/// files it needs. A partially staged file is therefore judged by what will be committed, not by what is on disk.
/// </summary>
internal sealed class IndexTree : ISourceTree
{
    private readonly GitRepository _repository;
    private readonly Dictionary<string, string> _blobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _untracked = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private IReadOnlyList<IndexEntry>? _index;
    private string? _folder;
    private readonly HashSet<string> _materialised = new(StringComparer.Ordinal);

    /// <param name="stagedChangesOnly">True: judge only what the commit changes; false: every file in the index.</param>
    /// <param name="prefix">Only files under this folder (relative to the top, '/'-terminated), or "" for all.</param>
    public IndexTree(GitRepository repository, bool stagedChangesOnly, string prefix)
    {
        _repository = repository;
        _prefix = prefix;
        var candidates = new List<string>();
        var links = new List<string>();
        if (stagedChangesOnly)
        {
            foreach (var change in repository.StagedChanges())
            {
                if (change.IsDeleted || !change.Path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (change.IsRegularFile)
                {
                    _blobs[change.Path] = change.BlobId;
                    candidates.Add(change.Path);
                }
                else if (change.Mode == "120000" && PatchFileNames.IsPatchFile(change.Path))
                {
                    links.Add(change.Path);
                }
            }
        }
        else
        {
            foreach (var entry in Index)
            {
                if (entry.Stage != 0 || !entry.Path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (entry.IsRegularFile)
                {
                    candidates.Add(entry.Path);
                }
                else if (entry.IsSymlink && PatchFileNames.IsPatchFile(entry.Path))
                {
                    links.Add(entry.Path);
                }
            }
        }

        Candidates = candidates;
        PatchFileLinks = links;
    }

    public IReadOnlyList<string> PatchFileLinks { get; }

    public string TopLevel => _repository.TopLevel;

    public IReadOnlyList<string> Candidates { get; }

    // Loaded only when needed: listing a large index costs more than the rest of a small commit's check.
    private IReadOnlyList<IndexEntry> Index
    {
        get
        {
            if (_index is null)
            {
                _index = _repository.IndexEntries();
                foreach (var entry in _index.Where(e => e.Stage == 0))
                {
                    _blobs.TryAdd(entry.Path, entry.BlobId);
                }
            }

            return _index;
        }
    }

    public IReadOnlyList<string> PresentPatchFiles(Func<string, bool> isPatchFile)
    {
        var present = Index.Where(e => e.Stage == 0 && e.IsRegularFile).Select(e => e.Path).ToList();
        foreach (string path in _repository.UntrackedFiles())
        {
            // A patch dropped into the tree and never added is still pending work; it is read from disk.
            if (isPatchFile(path) && !_blobs.ContainsKey(path))
            {
                _untracked.Add(path);
                present.Add(path);
            }
        }

        return present.Where(p => p.StartsWith(_prefix, StringComparison.Ordinal) && isPatchFile(p)).ToList();
    }

    public void ReadFiles(IReadOnlyList<string> paths, Action<string, byte[]?> onFile)
    {
        var fromGit = new List<string>();
        var ids = new List<string>();
        foreach (string path in paths)
        {
            if (_untracked.Contains(path))
            {
                onFile(path, WorkingTree.ReadDiskFile(Path.Combine(TopLevel, path)));
            }
            else if (BlobId(path) is { } id)
            {
                fromGit.Add(path);
                ids.Add(id);
            }
            else
            {
                onFile(path, null);
            }
        }

        BlobReader.ReadAll(_repository.Git, ids, (i, content) => onFile(fromGit[i], content));
    }

    public string Materialise(IReadOnlyCollection<string> paths)
    {
        _folder ??= CreateTempFolder();
        var wanted = new List<IndexEntry>();
        foreach (string path in paths.Where(p => p.Length > 0))
        {
            if (_untracked.Contains(path) && _materialised.Add(path))
            {
                string target = Target(path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(TopLevel, path), target, overwrite: true);
                continue;
            }

            string folder = path + "/";
            wanted.AddRange(Index.Where(e => e.Stage == 0 && (e.Path == path || e.Path.StartsWith(folder, StringComparison.Ordinal)) && _materialised.Add(e.Path)));

            // A staged link among the parents (out -> ../outside) is recreated too, so a patch writing through it
            // meets the same path guard in the copy as in the checked-out tree.
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                string parent = path[..slash];
                wanted.AddRange(Index.Where(e => e.Stage == 0 && e.IsSymlink && e.Path == parent && _materialised.Add(e.Path)));
            }
        }

        BlobReader.ReadAll(_repository.Git, wanted.Select(e => e.BlobId).ToList(), (i, content) => Write(wanted[i], content));
        return _folder;
    }

    private void Write(IndexEntry entry, byte[]? content)
    {
        string target = Target(entry.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (entry.IsSymlink && content is not null)
        {
            // Recreated as a link so the engine's path guard judges it exactly as it would judge the checked-out tree.
            try
            {
                File.CreateSymbolicLink(target, System.Text.Encoding.UTF8.GetString(content));
                return;
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }

        if (entry.IsRegularFile && content is not null)
        {
            File.WriteAllBytes(target, content);
        }
    }

    private string Target(string path) => Path.Combine(_folder!, path.Replace('/', Path.DirectorySeparatorChar));

    private string? BlobId(string path)
    {
        if (_blobs.TryGetValue(path, out string? id))
        {
            return id;
        }

        // Before the index is listed, git resolves ":path" to the staged blob itself: one listing saved.
        return _index is null ? ":" + path : _blobs.GetValueOrDefault(path);
    }

    private static string CreateTempFolder()
    {
        // Staged files may hold secrets: the folder is the current user's alone (mode 0700 on Unix).
        string folder = Directory.CreateTempSubdirectory("patchbuild-staged-").FullName;
        return folder;
    }

    public void Dispose()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; the check result is what matters.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
