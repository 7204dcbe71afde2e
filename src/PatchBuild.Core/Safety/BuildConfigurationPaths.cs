namespace PatchBuild.Core.Safety;

/// <summary>PB1003: the files that decide how code is built, restored, tested or shipped, and PatchBuild's own rules.</summary>
internal static class BuildConfigurationPaths
{
    private static readonly HashSet<string> FileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Directory.Packages.props", "NuGet.config", "global.json", ".gitlab-ci.yml", "patchbuild.json",
        "Jenkinsfile", "bitbucket-pipelines.yml", ".gitmodules", ".gitattributes",
    };

    private static readonly string[] HookFolders = [".husky/", ".githooks/", ".github/workflows/", ".github/actions/", ".circleci/"];

    public static bool IsBuildConfiguration(string relativePath)
    {
        string path = relativePath.Replace('\\', '/');
        string name = Path.GetFileName(path);
        if (FileKinds.IsMsBuild(path) || FileNames.Contains(name) || name.StartsWith("Directory.Build.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.StartsWith("azure-pipelines", StringComparison.OrdinalIgnoreCase) &&
            (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (path.Equals(".config/dotnet-tools.json", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/.config/dotnet-tools.json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string withSlash = "/" + path;
        return HookFolders.Any(folder => withSlash.Contains("/" + folder, StringComparison.OrdinalIgnoreCase));
    }
}
