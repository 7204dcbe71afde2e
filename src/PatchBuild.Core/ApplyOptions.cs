using PatchBuild.Core.Model;

namespace PatchBuild.Core;

/// <summary>How a set of patches is applied. The same options serve the CLI, the MSBuild task and the hook.</summary>
public sealed record ApplyOptions
{
    /// <summary>Folder that relative target paths resolve against; default: the patches' root (see PatchRoot).</summary>
    public string? Root { get; init; }

    /// <summary>
    /// The working-tree folder that <see cref="Root"/> stands for when the root is a copy (the hook's staged copy):
    /// git's own settings (core.hooksPath, include.path) are read there for PB1003. Null: the root itself.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// Answers "does the history record a patch with this text hash as applied (and not rolled back)?"; asked only
    /// when an ap DELETE finds nothing to delete. Set by the engine from the workspace's journal.
    /// </summary>
    internal Func<string, bool>? PatchRecordedAsApplied { get; init; }

    /// <summary>
    /// Receives the afailed.md text (as --partial writes it) when planning fails; `patchbuild ai` sends it back to
    /// the model. Nothing is written for it.
    /// </summary>
    internal Action<string>? PlanFailureReport { get; init; }

    /// <summary>Plan and render the diff; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Refuse the deviations the lenient ap parser and matcher would forgive.</summary>
    public bool Strict { get; init; }

    /// <summary>Apply what resolves; skip and report what fails instead of failing everything.</summary>
    public bool Partial { get; init; }

    /// <summary>Unified diffs: how many context lines at a hunk's edges may be ignored.</summary>
    public int Fuzz { get; init; }

    /// <summary>Skip syntax and compile validation (never the path rules).</summary>
    public bool Force { get; init; }

    /// <summary>After a successful apply, move the patch files into .patchbuild/applied so they are no longer pending.</summary>
    public bool Archive { get; init; }

    /// <summary>
    /// Keep a journal entry and backups under .patchbuild/ and take the workspace lock (default). Off, the commit is
    /// still atomic per file but cannot be rolled back or recovered after a crash.
    /// </summary>
    public bool RecordHistory { get; init; } = true;

    /// <summary>Where backup packs go (CLI --backup-dir); relative paths are relative to the workspace root. Default: .patchbuild/backups.</summary>
    public string? BackupDir { get; init; }

    /// <summary>Keep backups after the commit (needed for rollback); null: patchbuild.json's history.backups, else true.</summary>
    public bool? Backups { get; init; }

    /// <summary>Backups older than this are pruned after each successful apply; null: history.maxAgeDays, else 30 days.</summary>
    public TimeSpan? BackupMaxAge { get; init; }

    /// <summary>How long to wait for another PatchBuild process holding the workspace lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How overlaps are settled when a change made against older content (FileChange.BaseHash) meets a file that
    /// changed since; null: history.mergeStrategy, else overlaps fail with CONFLICT.
    /// </summary>
    public MergeStrategy? MergeStrategy { get; init; }

    /// <summary>Answers to single conflicts by their index (as reported in ApplyResult.Conflicts); they win over <see cref="MergeStrategy"/>.</summary>
    public IReadOnlyDictionary<int, MergeStrategy>? ConflictResolutions { get; init; }

    /// <summary>The project whose sources and references compile validation uses (evaluated with `dotnet msbuild`).</summary>
    public string? ProjectFile { get; init; }

    /// <summary>Reference assemblies for compile validation; with <see cref="CompileSources"/> they skip project evaluation.</summary>
    public IReadOnlyList<string> CompileReferences { get; init; } = [];

    /// <summary>The project's C# source files (full or root-relative paths) for compile validation.</summary>
    public IReadOnlyList<string> CompileSources { get; init; } = [];

    /// <summary>C# language version ("latest", "12", "preview"); null: the compiler's default.</summary>
    public string? LanguageVersion { get; init; }

    /// <summary>Preprocessor symbols (DefineConstants) for parsing C#.</summary>
    public IReadOnlyList<string> PreprocessorSymbols { get; init; } = [];

    /// <summary>The project's OutputType (Exe, WinExe, Library) for compile validation; default Library.</summary>
    public string? OutputType { get; init; }

    /// <summary>The project allows unsafe code (AllowUnsafeBlocks).</summary>
    public bool AllowUnsafeBlocks { get; init; }

    /// <summary>A command run after writing (e.g. "dotnet test"); when it fails the patch is rolled back.</summary>
    public string? TestCommand { get; init; }

    /// <summary>How long <see cref="TestCommand"/> may run; default 10 minutes.</summary>
    public TimeSpan? TestTimeout { get; init; }

    /// <summary>Receives the test command's output lines as they come.</summary>
    public Action<string>? TestOutput { get; init; }

    /// <summary>An explicit patchbuild.json; default: found by walking up from the root.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Input size limits; null: patchbuild.json's "limits" section, else the defaults.</summary>
    public Configuration.InputLimits? Limits { get; init; }

    /// <summary>
    /// patchbuild.json as this run read it (from <see cref="ConfigPath"/> or the nearest file). The engine fills it in
    /// once, at the start of a run; a caller may pass settings of its own instead of a file.
    /// </summary>
    public Configuration.PatchBuildConfig? Config { get; init; }

    /// <summary>The dialect every patch of the run is read as (CLI --format); null: detected per patch.</summary>
    public Model.PatchFormat? Format { get; init; }

    /// <summary>Apply unified diffs in reverse (CLI --reverse, -R), as git apply -R does.</summary>
    public bool Reverse { get; init; }

    /// <summary>
    /// Where the patch named <see cref="PatchInput.StandardInputName"/> ("-") is read from; the CLI passes its
    /// standard input. Null: "-" is refused.
    /// </summary>
    public Func<Stream>? StandardInput { get; init; }
}
