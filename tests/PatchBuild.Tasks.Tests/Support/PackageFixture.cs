namespace PatchBuild.Tasks.Tests.Support;

/// <summary>
/// Packs the PatchBuild package once per test run, from the current sources, into a temporary local feed, and
/// gives builds a private NuGet packages folder so no earlier copy of the package can be picked up.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), "pb-tasks-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(WorkRoot, "feed");
        PackagesFolder = Path.Combine(WorkRoot, "nuget-packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);

        PackResult = DotnetProcess.Run(RepoPaths.Root,
            ["pack", RepoPaths.PackageProject, "-c", RepoPaths.Configuration, "-o", Feed, "-nodeReuse:false", "-v:m"]);
        PackError = PackResult.ExitCode != 0 || !File.Exists(Path.Combine(Feed, "PatchBuild.0.1.0.nupkg"))
            ? "Packing PatchBuild failed:\n" + PackResult
            : null;

        // Builds under WorkRoot find this configuration: the local feed serves PatchBuild, nuget.org the rest.
        File.WriteAllText(Path.Combine(WorkRoot, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="patchbuild-test-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="patchbuild-test-feed"><package pattern="PatchBuild" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public string WorkRoot { get; }
    public string Feed { get; }
    public string PackagesFolder { get; }
    internal ProcessResult PackResult { get; }
    public string? PackError { get; }

    public IReadOnlyDictionary<string, string> BuildEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
    };

    /// <summary>Failed runs' binary logs are kept here, beside the test assembly, for a person to open.</summary>
    public static string FailedLogsFolder => Path.Combine(AppContext.BaseDirectory, "failed-build-logs");

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "PatchBuild package builds";
}
