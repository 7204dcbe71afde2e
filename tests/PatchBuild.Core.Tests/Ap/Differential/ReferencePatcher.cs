using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>What a patcher did with one patch: SUCCESS, PARTIAL or FAILED, and the error codes it named.</summary>
public sealed record PatcherOutcome(string Status, IReadOnlyList<string> Codes)
{
    public string? FirstCode => Codes.Count > 0 ? Codes[0] : null;

    public override string ToString() => $"{Status} [{string.Join(", ", Codes)}]";
}

/// <summary>
/// The ap spec's reference patcher (shared/spec/reference/ap.py beside the repository), run as a real python3 process.
/// Its failure codes come from the JSON report (a fatal error) or from afailed.md (a tolerant run that skipped
/// modifications).
/// </summary>
public static partial class ReferencePatcher
{
    private static readonly Lazy<string> Script = new(Locate);

    public static string ScriptPath => Script.Value;

    public static string SpecPath => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ScriptPath))!, "ap-3.2.md");

    public static PatcherOutcome Run(string patchFile, string root, bool strict)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(patchFile);
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(root);
        start.ArgumentList.Add("--json-report");
        if (strict)
        {
            start.ArgumentList.Add("--strict");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        string output = stdout.Result;
        if (process.ExitCode == 0)
        {
            return new PatcherOutcome("SUCCESS", []);
        }

        if (process.ExitCode == 2)
        {
            string report = Path.Combine(root, "afailed.md");
            var codes = File.Exists(report)
                ? CodeLine().Matches(File.ReadAllText(report)).Select(m => m.Groups[1].Value).ToList()
                : [];
            return new PatcherOutcome("PARTIAL", codes);
        }

        int json = output.LastIndexOf("\n{", StringComparison.Ordinal);
        string body = json >= 0 ? output[(json + 1)..] : output.TrimStart().StartsWith('{') ? output : "";
        if (body.Length == 0 && stderr.Result.Contains("Traceback", StringComparison.Ordinal))
        {
            // The reference itself crashed (it has a bug with new paths whose first folder exists).
            return new PatcherOutcome("CRASH", []);
        }

        if (body.Length == 0)
        {
            throw new InvalidOperationException($"ap.py exited {process.ExitCode} without a report.\n{output}\n{stderr.Result}");
        }

        using var document = JsonDocument.Parse(body);
        string code = document.RootElement.GetProperty("error").GetProperty("code").GetString()!;
        return new PatcherOutcome("FAILED", [code]);
    }

    /// <summary>The repository's root holds PatchBuild.sln; shared/ sits beside the repository.</summary>
    private static string Locate()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PatchBuild.sln")))
        {
            folder = folder.Parent;
        }

        if (folder?.Parent is null)
        {
            throw new InvalidOperationException("The repository root (PatchBuild.sln) was not found above " + AppContext.BaseDirectory);
        }

        string script = Path.Combine(folder.Parent.FullName, "shared", "spec", "reference", "ap.py");
        return File.Exists(script) ? script : throw new FileNotFoundException("The reference patcher must sit beside the repository.", script);
    }

    [GeneratedRegex(@"\*\*Code:\*\* `([^`]+)`")]
    private static partial Regex CodeLine();
}
