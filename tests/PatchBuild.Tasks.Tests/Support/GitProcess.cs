using System.Diagnostics;

namespace PatchBuild.Tasks.Tests.Support;

/// <summary>Runs real git in a sample's folder, shut off from the user's global and system configuration.</summary>
internal static class GitProcess
{
    public static ProcessResult Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "PatchBuild Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@patchbuild.invalid";
        foreach (string name in new[] { "CI", "ContinuousIntegrationBuild", "GITHUB_ACTIONS", "DOTNET_HOST_PATH", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output + error.Result, null);
    }

    /// <summary>Runs git and fails the test when it fails.</summary>
    public static string Require(string folder, params string[] args)
    {
        var result = Run(folder, args);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed: {result.Output}");
        return result.Output;
    }
}
