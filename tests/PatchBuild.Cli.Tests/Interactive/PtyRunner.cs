using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PatchBuild.Cli.Tests.Interactive;

/// <summary>
/// Runs the real `dotnet patchbuild.dll` under a real pseudo-terminal (python3's pty module, see pty_drive.py) and
/// types the answers whenever the tool asks. The driver waits for the tool's own prompt, never for time.
/// </summary>
public static class PtyRunner
{
    /// <summary>The end of every question the tool asks.</summary>
    public const string Prompt = "[?] help: ";

    public sealed record Run(int ExitCode, string Transcript)
    {
        /// <summary>How many questions were asked.</summary>
        public int Questions => CountOf(Transcript, Prompt);

        public static int CountOf(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<Run> RunAsync(string workingDirectory, IReadOnlyList<string> answers, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = new Dictionary<string, string?>
        {
            ["TERM"] = "xterm",
            ["NO_COLOR"] = null,
            ["VISUAL"] = null,
            ["EDITOR"] = null,
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        var spec = new
        {
            argv = new[] { Support.CliRunner.ToolFile }.Concat(Support.CliRunner.ToolPrefix).Concat(args).ToArray(),
            cwd = workingDirectory,
            env,
            prompt = Prompt,
            answers,
        };
        string specFile = Path.Combine(Path.GetTempPath(), $"pb-pty-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(specFile, JsonSerializer.Serialize(spec));
        try
        {
            var start = new ProcessStartInfo("python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interactive", "pty_drive.py"));
            start.ArgumentList.Add(specFile);
            using var process = Process.Start(start)!;
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await copy;
            string driverError = await error;
            Assert.True(driverError.Length == 0, "pty_drive.py: " + driverError);
            return new Run(process.ExitCode, Encoding.UTF8.GetString(output.ToArray()));
        }
        finally
        {
            File.Delete(specFile);
        }
    }
}
