using System.Text;
using System.Text.Json;
using PatchBuild.Core.Model;
using PatchBuild.Core.Processes;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Asks MSBuild itself what a project compiles: `dotnet msbuild -getItem/-getProperty` after ResolveReferences,
/// run as a separate process. Loading MSBuild in process (Microsoft.Build + Locator) would tie Core to one MSBuild
/// version and its assembly-loading rules; the command line gives the same evaluation with none of that.
/// </summary>
public static class ProjectEvaluator
{
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    private static readonly string[] Properties = ["LangVersion", "DefineConstants", "OutputType", "AllowUnsafeBlocks", "MSBuildProjectDirectory", "TargetFramework", "TargetFrameworks"];

    public static ProjectInputs Evaluate(string projectFile, string? targetFramework = null)
    {
        if (!File.Exists(projectFile))
        {
            throw Failure($"Project file not found: '{projectFile}'.", "Pass an existing .csproj with --project.");
        }

        var args = new List<string> { "msbuild", projectFile, "-restore", "-nologo", "-nodeReuse:false", "-t:ResolveReferences", "-getItem:Compile", "-getItem:ReferencePath", "-getItem:Using" };
        args.AddRange(Properties.Select(p => "-getProperty:" + p));
        if (targetFramework is not null)
        {
            args.Add("-p:TargetFramework=" + targetFramework);
        }

        var (exitCode, stdout, stderr) = Run(args, Path.GetDirectoryName(projectFile)!);
        int json = stdout.IndexOf('{');
        if (exitCode != 0 || json < 0)
        {
            string output = (stdout + "\n" + stderr).Trim();
            throw Failure($"Could not evaluate '{projectFile}' (dotnet msbuild exit code {exitCode}): {Tail(output, 15)}",
                "Make sure `dotnet build` works for the project (restore included), or pass the sources and references explicitly.");
        }

        using var document = JsonDocument.Parse(stdout[json..]);
        var root = document.RootElement;
        string Property(string name) =>
            root.TryGetProperty("Properties", out var props) && props.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

        // A multi-targeting project's outer build resolves no references: evaluate its first target framework.
        if (targetFramework is null && Property("TargetFramework").Length == 0 && Property("TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..])
        {
            return Evaluate(projectFile, first);
        }

        var sources = Items(root, "Compile").Select(i => Metadata(i, "FullPath")).Where(p => p.Length > 0 && File.Exists(p)).ToList();
        var references = Items(root, "ReferencePath").Select(i => Metadata(i, "FullPath") is { Length: > 0 } full ? full : Metadata(i, "Identity")).Where(File.Exists).ToList();
        bool hasGeneratedUsings = sources.Any(s => s.EndsWith(".GlobalUsings.g.cs", StringComparison.OrdinalIgnoreCase));
        return new ProjectInputs
        {
            Sources = sources,
            References = references,
            LanguageVersion = NullIfEmpty(Property("LangVersion")),
            PreprocessorSymbols = Property("DefineConstants").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            OutputType = NullIfEmpty(Property("OutputType")),
            AllowUnsafeBlocks = Property("AllowUnsafeBlocks").Equals("true", StringComparison.OrdinalIgnoreCase),
            ProjectDirectory = NullIfEmpty(Property("MSBuildProjectDirectory")) ?? Path.GetDirectoryName(projectFile),
            GlobalUsings = hasGeneratedUsings ? null : GlobalUsings(Items(root, "Using")),
        };
    }

    private static string? GlobalUsings(IEnumerable<JsonElement> usings)
    {
        var sb = new StringBuilder();
        foreach (var item in usings)
        {
            string name = Metadata(item, "Identity");
            string alias = Metadata(item, "Alias");
            bool isStatic = Metadata(item, "Static").Equals("true", StringComparison.OrdinalIgnoreCase);
            sb.Append("global using ")
              .Append(isStatic ? "static " : "")
              .Append(alias.Length > 0 ? alias + " = " : "")
              .Append("global::").Append(name).Append(";\n");
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string name) =>
        root.TryGetProperty("Items", out var items) && items.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [];

    private static string Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> args, string workingDirectory)
    {
        ProcessOutcome outcome;
        try
        {
            outcome = ProcessRunner.Run(new ProcessCommand("dotnet", [.. args], workingDirectory) { Environment = TestCommandRunner.QuietDotnet }, Timeout);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw Failure($"Could not start `dotnet`: {ex.Message}", "Install the .NET SDK and put `dotnet` on the PATH.");
        }

        if (outcome.TimedOut)
        {
            throw Failure($"Evaluating the project took longer than {Timeout.TotalSeconds:0} s.", "Check that `dotnet restore` works offline for the project.");
        }

        return (outcome.ExitCode ?? -1, outcome.OutputText, outcome.Error);
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static PatchException Failure(string message, string hint) => new(new PatchError(ErrorCodes.ValidationFailed, message) { Hint = hint });
}
