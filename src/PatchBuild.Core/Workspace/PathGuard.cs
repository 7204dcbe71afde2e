using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// The one place where patch paths are judged. Every path is untrusted: it must be relative, stay under the
/// root after following symlinks, and never reach into .git.
/// </summary>
public sealed class PathGuard
{
    private readonly string _root;
    private readonly string _realRoot;
    private readonly Dictionary<string, string> _realFolders = new(StringComparer.Ordinal);

    public PathGuard(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _realRoot = RealPath(_root);
    }

    public string Root => _root;

    public WorkspacePath Resolve(string rawPath) => Resolve(rawPath, Walk.Cached);

    /// <summary>
    /// Judges the path again from the disk as it is now, ignoring what planning learnt: the tree may have changed
    /// between planning and writing (a link swapped in).
    /// </summary>
    public WorkspacePath Verify(string rawPath) => Resolve(rawPath, Walk.Whole);

    /// <summary>
    /// Checks that the root still leads where it led when this guard was made: a folder at or above it replaced by a
    /// link would send every write elsewhere. A writing pass calls it once, then judges each path with
    /// <see cref="VerifyBelowRoot"/>.
    /// </summary>
    public void VerifyRoot()
    {
        if (!Directory.Exists(_root))
        {
            throw Refusal($"Refused to write under '{_root}': the folder is gone since the patch was planned.", file: null,
                "The root was moved or deleted while PatchBuild ran; nothing more was written. Check the tree, then run again.");
        }

        string now = RealPath(_root);
        if (!string.Equals(now, _realRoot, StringComparison.Ordinal))
        {
            throw Refusal($"Refused to write under '{_root}': it now leads to '{now}', not '{_realRoot}' as when the patch was planned.", file: null,
                "A folder at or above the root was replaced (by a link, or moved) while PatchBuild ran; nothing more was written. Check the tree, then run again.");
        }
    }

    /// <summary>
    /// <see cref="Verify"/> for a writing pass that has just called <see cref="VerifyRoot"/>: every component below the
    /// root is read from the disk again (a link swapped in is followed and judged), the folders above it are not.
    /// A commit judges each path twice (before staging, before the rename): walking from "/" each time was two
    /// thirds of its readlink calls.
    /// </summary>
    public WorkspacePath VerifyBelowRoot(string rawPath) => Resolve(rawPath, Walk.BelowRoot);

    private enum Walk
    {
        Cached,
        Whole,
        BelowRoot,
    }

    private WorkspacePath Resolve(string rawPath, Walk walk)
    {
        string relative = Normalize(rawPath);
        string full = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        PathLengthRule.Check(rawPath, relative, full);
        string real = walk switch
        {
            Walk.Cached => CachedRealPath(full),
            Walk.BelowRoot => RealPathFrom(_realRoot, relative.Split('/'), full),
            _ => RealPath(full),
        };
        if (!IsUnder(real, _realRoot))
        {
            throw Invalid(rawPath, "it leads out of the root through a symbolic link",
                "Patch files only inside the project; a link that points elsewhere is never followed for writing.");
        }

        string realRelative = Path.GetRelativePath(_realRoot, real).Replace('\\', '/');
        if (IsGitPath(realRelative))
        {
            throw Invalid(rawPath, "it reaches into .git through a symbolic link", "Nothing under .git is ever written by a patch.", "PB1002");
        }

        // Judged by where the path really leads, not by its name: a link "state -> .patchbuild" must not let a patch
        // forge the journal that recovery and rollback act on.
        if (IsStatePath(realRelative))
        {
            throw Invalid(rawPath, $"it reaches {StateFolderName}, PatchBuild's own history, through a symbolic link",
                $"Nothing under {StateFolderName}/ is ever written by a patch; remove the link.");
        }

        return new WorkspacePath(relative, full);
    }

    // Planning resolves many files in the same folders: walking every component of every path again costs more than
    // the patch. A folder's real location is remembered; the last component is always looked at.
    private string CachedRealPath(string full)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return RealPath(full);
        }

        if (!_realFolders.TryGetValue(parent, out string? realParent))
        {
            realParent = RealPath(parent);
            _realFolders[parent] = realParent;
        }

        string candidate = Path.Combine(realParent, Path.GetFileName(full));
        return LinkTarget(candidate) is null ? candidate : RealPath(candidate);
    }

    /// <summary>Syntactic checks, without the disk: relative, no '..', no .git, no drive or device names.</summary>
    public static string Normalize(string rawPath)
    {
        string path = (rawPath ?? "").Trim();
        if (path.Length == 0)
        {
            throw Invalid(rawPath ?? "", "it is empty", $"Give the target file's path, {PatchRoot.Description}.");
        }

        if (path.IndexOf('\0') >= 0 || path.Any(c => c < ' '))
        {
            throw Invalid(rawPath!, "it contains control characters", "Write the path as plain text on one line.");
        }

        path = path.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw Invalid(rawPath!, "it is absolute", $"Use a path {PatchRoot.Description}, e.g. src/Program.cs.");
        }

        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                throw Invalid(rawPath!, "it contains '..'", "Paths may not climb out of the root; write them relative to the root.");
            }

            if (IsAmbiguousName(part))
            {
                throw Invalid(rawPath!, $"its part '{part}' is a name Windows rewrites or reserves (trailing dot or space, ':' stream, '~' short name, device name)",
                    "Use plain file and folder names; on Windows such names can alias other files, .git included.");
            }

            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            throw Invalid(rawPath!, "it names the root itself", "Name a file or folder below the root.");
        }

        string normalized = string.Join('/', parts);
        if (IsGitPath(normalized))
        {
            throw Invalid(rawPath!, "it is inside .git", "Nothing under .git is ever written by a patch.", "PB1002");
        }

        // PatchBuild's own journal and backups drive recovery and rollback: a patch that could forge them could make
        // the next run write anything.
        if (IsStatePath(normalized))
        {
            throw Invalid(rawPath!, $"it is inside {StateFolderName}, PatchBuild's own history", $"Nothing under {StateFolderName}/ is ever written by a patch; it holds the journal and backups.");
        }

        return normalized;
    }

    /// <summary>
    /// A path a patch creates or renames to must be a name every common file system can hold. Beyond what
    /// <see cref="Normalize"/> refuses everywhere, this refuses the characters Windows forbids in names (", &lt;, &gt;,
    /// |, *, ?) and the DEL and C1 controls: such a name cannot be checked out on Windows, and it is the raw material of
    /// argument and shell injection when the name is later passed to a tool (issue 14 §1). Existing files with such
    /// names may still be edited.
    /// </summary>
    public static void RequirePortableName(string rawPath)
    {
        string relative = Normalize(rawPath);
        int bad = relative.AsSpan().IndexOfAny(NonPortableCharacters);
        if (bad < 0)
        {
            bad = relative.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        if (bad >= 0)
        {
            throw Invalid(rawPath, $"a new name may not hold {DescribeCharacter(relative[bad])}",
                "Use letters, digits, spaces and - _ . for new files and folders: the name must be valid on Windows, macOS and Linux.");
        }
    }

    private static readonly System.Buffers.SearchValues<char> NonPortableCharacters = System.Buffers.SearchValues.Create("\"<>|*?");

    private static string DescribeCharacter(char c) =>
        char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"the character '{c}'";

    // The name only: Workspace knows nothing else of the state layer (State/ depends on Workspace, not the reverse).
    private const string StateFolderName = ".patchbuild";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    // Windows drops a trailing dot or space (".git." is ".git"), reads "name:stream" as a stream of "name", resolves
    // "GIT~1" to ".git", and opens devices for reserved names: each could alias a file the checks above refused.
    private static bool IsAmbiguousName(string part) =>
        part.EndsWith('.') || part.EndsWith(' ') || part.Contains(':') || IsShortName(part) ||
        DeviceNames.Contains(part.Split('.')[0]);

    private static bool IsShortName(string part)
    {
        int tilde = part.IndexOf('~', StringComparison.Ordinal);
        return tilde >= 0 && tilde + 1 < part.Length && char.IsAsciiDigit(part[tilde + 1]);
    }

    private static bool IsStatePath(string relative) => HasPart(relative, StateFolderName);

    private static bool IsGitPath(string relative) => HasPart(relative, ".git");

    // Every resolution asks both: the name's parts are walked in place rather than split into strings.
    private static bool HasPart(string relative, string name)
    {
        foreach (var part in relative.AsSpan().Split('/'))
        {
            if (relative.AsSpan(part).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The rule ids are the safety rules' (docs/safety.md): PB1001 escapes the root, PB1002 writes under .git.
    private static PatchException Invalid(string path, string why, string hint, string rule = "PB1001") =>
        Refusal($"Refused path '{path}': {why}.", path, hint, rule);

    private static PatchException Refusal(string message, string? file, string hint, string rule = "PB1001") =>
        new(new PatchError(ErrorCodes.InvalidFilePath, message)
        {
            File = file,
            Hint = hint,
            Rule = rule,
            Context = new Dictionary<string, object?> { ["rule"] = rule, ["severity"] = "error" },
        });

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) ||
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Resolves every symbolic link along the path, component by component, including links whose target does not
    /// exist yet (writing through them would create a file wherever they point).
    /// </summary>
    internal static string RealPath(string fullPath)
    {
        string current = Path.GetPathRoot(fullPath) ?? "/";
        string rest = fullPath[current.Length..];
        return RealPathFrom(current, rest.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), fullPath);
    }

    // The walk itself, from a folder already known to be real (no link in it) through the given components.
    private static string RealPathFrom(string current, IEnumerable<string> components, string fullPath)
    {
        var pending = new Queue<string>(components);
        int hops = 0;
        while (pending.Count > 0)
        {
            string part = pending.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, part);
            if (LinkTarget(next) is { } target)
            {
                if (++hops > 40)
                {
                    throw new PatchException(ErrorCodes.InvalidFilePath, $"Too many symbolic links under '{fullPath}'.", "Remove the link loop.");
                }

                string targetFull = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
                string targetRoot = Path.GetPathRoot(targetFull) ?? "/";
                var remaining = pending.ToList();
                pending = new Queue<string>(targetFull[targetRoot.Length..]
                    .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(remaining));
                current = targetRoot;
                continue;
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    // One call per component. On Unix reading the link (readlink) is the whole question: it fails for a file, a
    // folder or a missing entry alike. Windows asks the attributes first (a reparse point), as a link to a folder
    // must be read as a folder there. Asking as a file, then as a folder, then for the target tripled the calls.
    private static string? LinkTarget(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            return LinkReader.TryRead(path, out string? target) ? target : new FileInfo(path).LinkTarget;
        }

        if (!OperatingSystem.IsWindows())
        {
            return new FileInfo(path).LinkTarget;
        }

        FileSystemInfo info = new FileInfo(path);
        var attributes = info.Attributes;
        if ((int)attributes == -1 || !attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return null; // missing (nothing to follow) or a plain file or folder
        }

        if (attributes.HasFlag(FileAttributes.Directory))
        {
            info = new DirectoryInfo(path);
        }

        return info.LinkTarget;
    }
}
