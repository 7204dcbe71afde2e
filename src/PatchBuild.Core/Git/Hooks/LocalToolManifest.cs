namespace PatchBuild.Core.Git.Hooks;

/// <summary>
/// The local tool manifest that makes the installed hook run `dotnet tool run patchbuild`: the same search the hook
/// script makes at commit time, from the top of the working tree (a hook's current folder) up.
/// </summary>
public static class LocalToolManifest
{
    private const string PackageId = "\"patchbuild.tool\"";

    /// <summary>The manifest listing PatchBuild.Tool that `dotnet tool run` would use from <paramref name="folder"/>; null when none does.</summary>
    public static string? Find(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, ".config", "dotnet-tools.json"), Path.Combine(dir.FullName, "dotnet-tools.json") })
            {
                if (Lists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool Lists(string manifest)
    {
        try
        {
            return File.Exists(manifest) && File.ReadAllText(manifest).Contains(PackageId, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
