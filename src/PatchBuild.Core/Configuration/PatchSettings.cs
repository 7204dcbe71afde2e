namespace PatchBuild.Core.Configuration;

/// <summary>
/// The "patches" section of patchbuild.json: extra names of pending patch files, beside the defaults
/// (<see cref="Checks.PatchFileNames"/>). The build, the hook and `patchbuild check` all read them from here.
/// </summary>
public sealed record PatchSettings
{
    public const string Section = "patches";
    public const string PatternsKey = "patterns";

    /// <summary>A cloned settings file is untrusted: a pattern list is short and each pattern is a name, not a program.</summary>
    public const int MaxPatterns = 32;
    public const int MaxPatternLength = 200;

    public static PatchSettings Default { get; } = new();

    /// <summary>Globs over paths relative to the folder that holds patchbuild.json; a glob without '/' matches a file name in any folder.</summary>
    public IReadOnlyList<PathGlob> Patterns { get; init; } = [];

    public bool Matches(string relativePath) => Patterns.Any(p => p.IsMatch(relativePath));

    /// <summary>
    /// Why a pattern is refused, or null when it is usable. Patterns only ever filter files already listed inside the
    /// root, so they cannot reach outside it; these rules keep a hostile file from making every file "a patch" or
    /// from naming places no patch may be (absolute paths, "..", .git, PatchBuild's own state).
    /// </summary>
    public static string? Problem(string pattern)
    {
        if (pattern.Length == 0 || pattern.Trim().Length != pattern.Length)
        {
            return "it is empty or has spaces around it";
        }

        if (pattern.Length > MaxPatternLength)
        {
            return $"it is longer than {MaxPatternLength} characters";
        }

        string normalised = pattern.Replace('\\', '/');
        if (normalised.StartsWith('/') || (normalised.Length > 1 && normalised[1] == ':'))
        {
            return "it is an absolute path; patterns are relative to the folder of patchbuild.json";
        }

        var segments = normalised.Split('/');
        if (segments.Any(s => s is ".." or "."))
        {
            return "it has a '.' or '..' segment; a pending patch is always inside the workspace";
        }

        if (segments.Any(s => s.Equals(".git", StringComparison.OrdinalIgnoreCase) || s.Equals(Checks.PatchFileNames.StateFolder, StringComparison.OrdinalIgnoreCase)))
        {
            return "it names .git or .patchbuild, where no patch file is ever read from";
        }

        if (segments[^1].All(c => c is '*' or '?'))
        {
            return "its file name is only wildcards, so every file would count as a patch";
        }

        return null;
    }
}
