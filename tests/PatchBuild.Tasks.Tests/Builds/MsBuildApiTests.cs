using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;
using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>
/// The sample built in this process through the MSBuild API, with the SDK's MSBuild found by Microsoft.Build.Locator
/// (as IDE extensions and tools do), rather than by a `dotnet build` process.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class MsBuildApiTests(PackageFixture fixture)
{
    private static readonly object RegisterLock = new();

    [Fact]
    public void Quickstart_builds_through_the_MSBuild_API_and_applies_its_patches()
    {
        lock (RegisterLock)
        {
            if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterDefaults();
        }

        var project = SampleProject.CopyOf(fixture, "Quickstart");
        var (succeeded, log) = InProcessBuild.RestoreAndBuild(project.PathOf("Quickstart.csproj"), fixture.PackagesFolder);

        Assert.True(succeeded, log);
        Assert.Contains("PatchBuild: applied afix.ap: Program.cs", log);
        Assert.Contains("settings version {version}", project.Read("Program.cs"));
        Assert.False(project.Exists("afix.ap"));
    }
}

/// <summary>Kept apart so no MSBuild type is loaded before the Locator has registered the SDK's MSBuild.</summary>
internal static class InProcessBuild
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (bool Succeeded, string Log) RestoreAndBuild(string projectPath, string packagesFolder)
    {
        var log = new System.Text.StringBuilder();
        var logger = new Microsoft.Build.Logging.ConsoleLogger(Microsoft.Build.Framework.LoggerVerbosity.Normal, s => { lock (log) log.Append(s); }, _ => { }, () => { });
        var saved = new Dictionary<string, string?>();
        void Set(string name, string? value)
        {
            saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }

        // The build runs in this process and so reads its environment: the test-private packages, and no CI marker.
        Set("NUGET_PACKAGES", packagesFolder);
        Set("CI", null);
        Set("ContinuousIntegrationBuild", null);
        try
        {
            var parameters = new Microsoft.Build.Execution.BuildParameters { Loggers = [logger], EnableNodeReuse = false, MaxNodeCount = 1 };
            var manager = Microsoft.Build.Execution.BuildManager.DefaultBuildManager;
            var restore = manager.Build(parameters, new Microsoft.Build.Execution.BuildRequestData(projectPath,
                new Dictionary<string, string?> { ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString() }!, null, ["Restore"], null,
                Microsoft.Build.Execution.BuildRequestDataFlags.ClearCachesAfterBuild));
            if (restore.OverallResult != Microsoft.Build.Execution.BuildResultCode.Success) return (false, log.ToString());

            var build = manager.Build(parameters, new Microsoft.Build.Execution.BuildRequestData(projectPath,
                new Dictionary<string, string?>()!, null, ["Build"], null));
            return (build.OverallResult == Microsoft.Build.Execution.BuildResultCode.Success, log.ToString());
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}
