using PatchBuild.Core.Configuration;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// The one rule for the folder a patch's relative target paths resolve against, shared by `dotnet build`,
/// `patchbuild apply`, the pre-commit hook and `patchbuild check`, so they never disagree about a patch: the
/// nearest folder, from the patch file's own folder upwards, that holds a project file (*.csproj, *.fsproj,
/// *.vbproj, *.proj) or a patchbuild.json, or is the top of a git repository. A patch queued in a sub-folder
/// (queued/afix.ap naming src/Foo.cs) so means the project's src/Foo.cs, as its author meant. When no such folder
/// exists the patch file's folder is the root, as the formats specify. An explicit root (--root, PatchBuildRoot)
/// overrides the rule.
/// </summary>
public static class PatchRoot
{
    /// <summary>How hints describe the rule, in one place.</summary>
    public const string Description =
        "relative to the patch's root: the nearest folder above the patch holding a project file or patchbuild.json, or the git top level (or --root)";

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj", ".proj"];

    /// <summary>The root for the patch file at <paramref name="patchFile"/> (it need not exist).</summary>
    public static string For(string patchFile)
    {
        string folder = Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(Path.GetFullPath(patchFile))!);

        // The configuration's own search: bounded at the git top level, and never trusting a folder anyone may
        // write to (/tmp), where a planted project file could redirect every patch below it.
        foreach (var candidate in PatchBuildConfigLoader.SearchFolders(folder))
        {
            if (IsRoot(candidate))
            {
                return Path.TrimEndingDirectorySeparator(candidate.FullName);
            }
        }

        return folder;
    }

    /// <summary>
    /// The root every patch of one run shares: the explicit one, else the rule's answer, which must be the same for
    /// all of them (they are planned in one workspace). Null with <paramref name="conflict"/> set when they differ.
    /// </summary>
    public static string? Common(IEnumerable<string> patchFiles, string? explicitRoot, out string? conflict)
    {
        conflict = null;
        if (explicitRoot is not null)
        {
            return Path.GetFullPath(explicitRoot);
        }

        string? first = null;
        string? firstPatch = null;
        foreach (string patch in patchFiles)
        {
            string root = For(patch);
            if (first is null)
            {
                (first, firstPatch) = (root, patch);
            }
            else if (!string.Equals(first, root, StringComparison.Ordinal))
            {
                conflict = $"'{firstPatch}' resolves its paths against '{first}', but '{patch}' against '{root}'";
                return null;
            }
        }

        return first ?? Directory.GetCurrentDirectory();
    }

    private static bool IsRoot(DirectoryInfo folder)
    {
        if (!folder.Exists)
        {
            return false;
        }

        if (File.Exists(Path.Combine(folder.FullName, PatchBuildConfigLoader.FileName))
            || Directory.Exists(Path.Combine(folder.FullName, ".git")) || File.Exists(Path.Combine(folder.FullName, ".git")))
        {
            return true;
        }

        try
        {
            return folder.EnumerateFiles("*proj").Any(f => ProjectExtensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
