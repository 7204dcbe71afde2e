using System.Diagnostics;

namespace PatchBuild.Cli.Tests.Support;

/// <summary>Runs the CLI in-process (fast, for output and exit codes) or as a real `dotnet patchbuild.dll` process.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    /// <summary>In-process, with <paramref name="stdin"/> as standard input (for `apply -`).</summary>
    public static async Task<Run> InProcessWithInputAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stdin));
        int code = await CliApp.RunAsync(args, stdout, stderr, input);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<Run> InProcessAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The patchbuild.dll built beside the tests (the test project references the CLI).</summary>
    public static string EnginePath => System.IO.Path.Combine(AppContext.BaseDirectory, "patchbuild.dll");

    public static Task<Run> ProcessAsync(string workingDirectory, params string[] args) => ProcessWithInputAsync(workingDirectory, null, args);

    /// <summary>A real process; <paramref name="stdin"/>, when given, is written to its standard input, which is then closed.</summary>
    public static async Task<Run> ProcessWithInputAsync(string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        start.ArgumentList.Add(EnginePath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
