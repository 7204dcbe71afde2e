namespace PatchBuild.Tasks.Tests.Support;

/// <summary>Where the repository under test is: the folder holding PatchBuild.sln above the test assembly.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string PackageProject => Path.Combine(Root, "src", "PatchBuild.Package", "PatchBuild.Package.csproj");

    /// <summary>The test assembly's own configuration: the package is packed from the same build.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatchBuild.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"PatchBuild.sln not found above {AppContext.BaseDirectory}.");
    }
}
