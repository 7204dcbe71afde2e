using System.Diagnostics;

namespace PatchBuild.Cli.Tests.Support;

/// <summary>Runs the CLI in-process (fast, for output and exit codes) or as a real process (`dotnet patchbuild.dll`, or the native tool).</summary>
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

    /// <summary>
    /// A native patchbuild executable named by PATCHBUILD_TEST_TOOL: tests/run.sh runs this suite a second time
    /// against the ahead-of-time compiled tool that the linux-x64 package ships, so every process test also holds for
    /// it. Unset, the process tests run `dotnet patchbuild.dll`.
    /// </summary>
    public static string? NativeTool { get; } =
        Environment.GetEnvironmentVariable("PATCHBUILD_TEST_TOOL") is { Length: > 0 } native ? System.IO.Path.GetFullPath(native) : null;

    /// <summary>The program a process test starts, and the arguments that come before the tool's own.</summary>
    public static string ToolFile => NativeTool ?? "dotnet";

    public static IReadOnlyList<string> ToolPrefix => NativeTool is null ? [EnginePath] : [];

    /// <summary>The tool as one sh command line (for wrappers and hooks that exec it).</summary>
    public static string ToolShellCommand => NativeTool is null ? $"dotnet '{EnginePath}'" : $"'{NativeTool}'";

    /// <summary>A start for the tool under test with the given arguments; the caller sets the rest.</summary>
    public static ProcessStartInfo ToolStart(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(ToolFile) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (string arg in ToolPrefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static Task<Run> ProcessAsync(string workingDirectory, params string[] args) => ProcessWithInputAsync(workingDirectory, null, args);

    /// <summary>A real process; <paramref name="stdin"/>, when given, is written to its standard input, which is then closed.</summary>
    public static async Task<Run> ProcessWithInputAsync(string workingDirectory, string? stdin, params string[] args)
    {
        var start = ToolStart(workingDirectory, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = stdin is not null;

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
