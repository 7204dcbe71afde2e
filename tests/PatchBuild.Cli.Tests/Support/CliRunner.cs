using System.Diagnostics;

namespace PatchBuild.Cli.Tests.Support;

/// <summary>Runs the CLI in-process (fast, for output and exit codes) or as a real `dotnet patchbuild.dll` process.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static async Task<Run> InProcessAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The patchbuild.dll built beside the tests (the test project references the CLI).</summary>
    public static string EnginePath => System.IO.Path.Combine(AppContext.BaseDirectory, "patchbuild.dll");

    public static async Task<Run> ProcessAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(EnginePath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
