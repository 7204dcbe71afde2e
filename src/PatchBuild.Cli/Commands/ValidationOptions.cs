using System.CommandLine;
using PatchBuild.Core;

namespace PatchBuild.Cli.Commands;

/// <summary>The compile- and test-validation options shared by the commands that apply patches.</summary>
public sealed class ValidationOptions
{
    private readonly Option<string?> _project = new("--project") { Description = "Project whose sources and references compile validation uses (evaluated with dotnet msbuild)." };
    private readonly Option<string[]> _references = new("--reference") { Description = "A reference assembly for compile validation (repeat; use a response file @refs.rsp for many)." };
    private readonly Option<string[]> _sources = new("--source") { Description = "A C# source file of the project for compile validation (repeat)." };
    private readonly Option<string?> _define = new("--define") { Description = "Preprocessor symbols, separated by ';' (DefineConstants)." };
    private readonly Option<string?> _langVersion = new("--lang-version") { Description = "C# language version for syntax and compile validation." };
    private readonly Option<bool> _validateCompile = new("--validate-compile") { Description = "Refuse a patch that adds compile errors (needs --project, or --source and --reference)." };
    private readonly Option<string?> _test = new("--test") { Description = "Command run after writing (e.g. \"dotnet test\"); if it fails, the patch is rolled back." };
    private readonly Option<int?> _testTimeout = new("--test-timeout") { Description = "Seconds the --test command may run (default 600)." };
    private readonly Option<string?> _config = new("--config") { Description = "patchbuild.json to use (default: found by walking up from the root)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _project, _references, _sources, _define, _langVersion, _validateCompile, _test, _testTimeout, _config })
        {
            command.Options.Add(option);
        }
    }

    public ApplyOptions Apply(ParseResult parse, ApplyOptions options, CliConsole console)
    {
        string? project = parse.GetValue(_project);
        string[] sources = parse.GetValue(_sources) ?? [];
        string[] references = parse.GetValue(_references) ?? [];
        if (parse.GetValue(_validateCompile) && project is null && sources.Length == 0)
        {
            throw new UsageException("--validate-compile needs --project X.csproj, or --source and --reference lists.");
        }

        if (project is not null && !File.Exists(project))
        {
            throw new UsageException($"--project '{project}' does not exist.");
        }

        if (parse.GetValue(_testTimeout) is <= 0)
        {
            throw new UsageException("--test-timeout takes a number of seconds, 1 or more.");
        }

        return options with
        {
            ProjectFile = project is null ? null : Path.GetFullPath(project),
            CompileSources = sources,
            CompileReferences = references,
            PreprocessorSymbols = (parse.GetValue(_define) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            LanguageVersion = parse.GetValue(_langVersion),
            TestCommand = parse.GetValue(_test),
            TestTimeout = parse.GetValue(_testTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            TestOutput = line => console.Error.WriteLine($"  | {line}"),
            ConfigPath = parse.GetValue(_config),
        };
    }
}
