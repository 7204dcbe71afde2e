using PatchBuild.Core.Configuration;

namespace PatchBuild.Core.Checks;

/// <summary>
/// The build's half of the one definition: the files below a project folder that the "patches.patterns" of
/// patchbuild.json name (the default names the build finds with its own globs). `patchbuild pending` prints them for
/// build/PatchBuild.targets, so the build, the hook and `check` answer from the same settings and the same matcher.
/// </summary>
public static class ConfiguredPatchFiles
{
    // The folders MSBuild's own globs leave out (build/PatchBuild.props): build output, dependencies, state, git.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", PatchFileNames.StateFolder, "bin", "obj", "node_modules" };

    /// <summary>
    /// Full paths of the configured pending patches below <paramref name="folder"/>, sorted. Patterns are matched
    /// against paths relative to the folder of the settings file, but only files inside <paramref name="folder"/> are
    /// ever listed: the walk neither leaves it nor follows links, whatever a pattern says.
    /// </summary>
    public static IReadOnlyList<string> Find(string folder)
    {
        string start = Path.GetFullPath(folder);
        string? settingsPath = PatchBuildConfigLoader.Locate(start);
        if (settingsPath is null)
        {
            return [];
        }

        var settings = PatchBuildConfigLoader.LoadFile(settingsPath).Patches;
        if (settings.Patterns.Count == 0)
        {
            return [];
        }

        string settingsFolder = Path.GetDirectoryName(settingsPath)!;
        var found = new List<string>();
        foreach (string file in FolderWalk.Files(start, SkippedFolders.Contains))
        {
            string relative = Path.GetRelativePath(settingsFolder, file).Replace('\\', '/');
            if (!relative.StartsWith("../", StringComparison.Ordinal) && PatchFileNames.IsPatchFile(relative, settings) && settings.Matches(relative))
            {
                found.Add(file);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
