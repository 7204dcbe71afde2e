namespace PatchBuild.Core.Checks;

/// <summary>Which file names are patch files PatchBuild applies, and which are leftovers nobody should commit.</summary>
public static class PatchFileNames
{
    public const string StateFolder = ".patchbuild";

    /// <summary>afix*.ap, patch.json, *.patch, *.diff; never the retry file afailed.ap, never PatchBuild's own archive.</summary>
    public static bool IsPatchFile(string path)
    {
        if (IsUnderStateFolder(path))
        {
            return false;
        }

        string name = FileName(path);
        return (name.StartsWith("afix", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".ap", StringComparison.OrdinalIgnoreCase))
            || name.Equals("patch.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".patch", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".diff", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The reason a path is a leftover, or null when it is not one.</summary>
    public static string? LeftoverReason(string path)
    {
        if (IsUnderStateFolder(path))
        {
            return "PatchBuild's own state (journal, backups, archived patches) lives under .patchbuild/ and is never committed";
        }

        string name = FileName(path);
        if (name.Equals("afailed.ap", StringComparison.OrdinalIgnoreCase) || name.Equals("afailed.md", StringComparison.OrdinalIgnoreCase))
        {
            return "it is the report of a partially failed patch run";
        }

        if (name.EndsWith(".rej", StringComparison.OrdinalIgnoreCase))
        {
            return "it holds hunks that a patch tool rejected";
        }

        if (name.EndsWith(".orig", StringComparison.OrdinalIgnoreCase))
        {
            return "it is a backup that a merge or patch tool leaves behind";
        }

        return null;
    }

    /// <summary>True for a path with a .patchbuild folder anywhere in it (each workspace root keeps its own).</summary>
    public static bool IsUnderStateFolder(string path) =>
        path.StartsWith(StateFolder + "/", StringComparison.Ordinal) || path.Contains("/" + StateFolder + "/", StringComparison.Ordinal);

    private static string FileName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
