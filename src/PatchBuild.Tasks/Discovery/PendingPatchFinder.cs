using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PatchBuild.Tasks.Discovery;

/// <summary>
/// Decides which patch files belong to a project: under its folder, outside build output and PatchBuild's own
/// store, and not inside the folder of another (nested) project, which applies its own patches. The result is in
/// ordinal order of the relative path, the order the engine applies them in.
/// </summary>
internal sealed class PendingPatchFinder
{
    private static readonly string[] SkippedFolders = { "bin", "obj", ".patchbuild", "node_modules", ".git", ".vs" };
    private readonly string _projectDirectory;
    private readonly Dictionary<string, bool> _holdsProject = new(PathComparer);

    public PendingPatchFinder(string projectDirectory) =>
        _projectDirectory = Path.GetFullPath(projectDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary>The file system is case-insensitive on Windows and macOS by default; treat paths accordingly there.</summary>
    public static StringComparer PathComparer { get; } =
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Keeps the candidates (e.g. the PatchBuildPatch items) that are this project's, in apply order.</summary>
    public IReadOnlyList<string> Filter(IEnumerable<string> candidates) =>
        candidates
            .Select(Path.GetFullPath)
            .Where(File.Exists)
            .Where(BelongsToProject)
            .Distinct(PathComparer)
            .OrderBy(RelativePath, StringComparer.Ordinal)
            .ToList();

    /// <summary>Walks the project folder for files whose names match the patterns (used when no items are given).</summary>
    public IReadOnlyList<string> Discover(IEnumerable<string> fileNamePatterns)
    {
        var patterns = fileNamePatterns.Select(FileNamePart).Where(p => p.Length > 0).ToArray();
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(_projectDirectory);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir))
                if (patterns.Any(p => WildcardMatch(Path.GetFileName(file), p)))
                    found.Add(file);
            foreach (var sub in Directory.EnumerateDirectories(dir))
                if (!IsSkippedFolder(Path.GetFileName(sub)) && !HoldsProject(sub))
                    pending.Push(sub);
        }
        return Filter(found);
    }

    public string RelativePath(string fullPath)
    {
        var prefix = _projectDirectory + Path.DirectorySeparatorChar;
        var relative = fullPath.StartsWith(prefix, PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
            ? fullPath.Substring(prefix.Length)
            : fullPath;
        return relative.Replace('\\', '/');
    }

    private bool BelongsToProject(string fullPath)
    {
        var relative = RelativePath(fullPath);
        if (relative == fullPath.Replace('\\', '/')) return false;
        var segments = relative.Split('/');
        if (segments.Take(segments.Length - 1).Any(IsSkippedFolder)) return false;

        var dir = Path.GetDirectoryName(fullPath);
        while (dir is not null && !PathComparer.Equals(dir, _projectDirectory))
        {
            if (HoldsProject(dir)) return false;
            dir = Path.GetDirectoryName(dir);
        }
        return true;
    }

    private static bool IsSkippedFolder(string name) =>
        SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase);

    private bool HoldsProject(string dir)
    {
        if (!_holdsProject.TryGetValue(dir, out var holds))
        {
            holds = Directory.EnumerateFiles(dir, "*.*proj").Any(f => f.EndsWith("proj", StringComparison.OrdinalIgnoreCase));
            _holdsProject[dir] = holds;
        }
        return holds;
    }

    private static string FileNamePart(string pattern)
    {
        var trimmed = pattern.Trim();
        var slash = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\'));
        return slash >= 0 ? trimmed.Substring(slash + 1) : trimmed;
    }

    /// <summary>'*' and '?' matching without regular expressions: linear, no backtracking blow-up.</summary>
    internal static bool WildcardMatch(string name, string pattern)
    {
        int n = 0, p = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(name[n])))
            {
                n++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
