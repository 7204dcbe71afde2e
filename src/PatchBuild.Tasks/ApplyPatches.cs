using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PatchBuild.Tasks.Discovery;
using PatchBuild.Tasks.Engine;
using PatchBuild.Tasks.Logging;

namespace PatchBuild.Tasks;

/// <summary>
/// Applies a project's pending patches in one engine transaction, or previews them (<see cref="DryRun"/>), or
/// fails the build because they are pending (<see cref="Mode"/> Verify). Every parameter has a default, so
/// <c>&lt;ApplyPatches DryRun="true" /&gt;</c> alone in a target previews the patches of the project's folder.
/// </summary>
public sealed class ApplyPatches : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The patch files; when not given (and <see cref="SearchProjectFolder"/>), the project folder is searched.</summary>
    public ITaskItem[]? Patches { get; set; }

    /// <summary>Search the project folder when <see cref="Patches"/> is empty. The package's own target turns it off.</summary>
    public bool SearchProjectFolder { get; set; } = true;

    /// <summary>File name patterns for that search, separated by ';'.</summary>
    public string PatchPatterns { get; set; } = "afix*.ap;patch.json";

    public string? ProjectDirectory { get; set; }

    /// <summary>
    /// Folder the engine resolves target paths against. Empty: the engine's one rule for every front end (the nearest
    /// folder above the patch with a project file or patchbuild.json, or the git top level), here the project folder.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Apply, Verify (fail when anything is pending, start no process) or Off.</summary>
    public string Mode { get; set; } = "Apply";

    public bool DryRun { get; set; }
    public bool Strict { get; set; }

    /// <summary>Move each applied patch file to .patchbuild/applied/ so it is no longer pending.</summary>
    public bool Archive { get; set; } = true;

    public bool ValidateCompile { get; set; }
    public string? ProjectFile { get; set; }
    public ITaskItem[]? References { get; set; }
    public ITaskItem[]? Sources { get; set; }
    public string? DefineConstants { get; set; }
    public string? LangVersion { get; set; }

    /// <summary>The project's Compile items: a patch that deletes a source file takes it out of this build.</summary>
    public ITaskItem[]? CompileItems { get; set; }

    /// <summary>Extension of the language's sources (".cs"); a created file with it joins this build's Compile items.</summary>
    public string SourceExtension { get; set; } = ".cs";

    public bool AddCreatedSources { get; set; } = true;

    public string? EnginePath { get; set; }
    public string? DotnetHost { get; set; }

    /// <summary>Runs the native engine where the package ships one for this machine (linux-x64); false: always dotnet.</summary>
    public bool NativeEngine { get; set; } = true;
    public int LockTimeoutSeconds { get; set; } = 300;

    [Output] public ITaskItem[] AppliedPatches { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public ITaskItem[] ChangedFiles { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public ITaskItem[] CompileToAdd { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public ITaskItem[] CompileToRemove { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>True when this run wrote changes (not a dry run, not a no-op).</summary>
    [Output] public bool PatchesApplied { get; private set; }

    /// <summary>The history entry of this apply, so the test-command rollback undoes this apply and no other.</summary>
    [Output] public string? HistoryId { get; private set; }

    /// <summary>The folder the patches were applied under: where a rollback of <see cref="HistoryId"/> runs.</summary>
    [Output] public string? AppliedRoot { get; private set; }

    public void Cancel() => _cancel.Cancel();

    /// <summary>Where an error about the whole run points: the project, so IDEs show it against it.</summary>
    private string MessageFile => !string.IsNullOrEmpty(ProjectFile) ? ProjectFile! : BuildEngine?.ProjectFileOfTaskNode ?? "";

    public override bool Execute()
    {
        if (string.Equals(Mode, "Off", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IsKnownMode(Mode))
        {
            Log.LogError(null, DiagnosticCodes.EngineFailed, null, MessageFile, 0, 0, 0, 0,
                $"PatchBuildMode '{Mode}' is not one of Apply, Verify, Off.");
            return false;
        }

        var projectDirectory = ResolveProjectDirectory();
        var explicitRoot = string.IsNullOrEmpty(Root) ? null : Path.GetFullPath(Root);
        var root = explicitRoot ?? projectDirectory;
        var finder = new PendingPatchFinder(projectDirectory);
        var patches = FindPatches(finder);
        if (patches.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, "PatchBuild: no pending patches.");
            return true;
        }

        if (string.Equals(Mode, "Verify", StringComparison.OrdinalIgnoreCase))
            return ReportPending(patches, finder);

        using var applyLock = DryRun ? null : ApplyLock.TryAcquire(root, projectDirectory, TimeSpan.FromSeconds(LockTimeoutSeconds), _cancel.Token);
        if (!DryRun && applyLock is null)
        {
            if (!_cancel.IsCancellationRequested)
                Log.LogError(null, DiagnosticCodes.LockTimeout, null, MessageFile, 0, 0, 0, 0,
                    $"Another build has been applying patches under {root} for {LockTimeoutSeconds} s; try again when it ends.");
            return false;
        }

        // A concurrent build (another inner build of this project) may have applied and archived them meanwhile.
        var stillPending = patches.Where(File.Exists).ToList();
        if (stillPending.Count < patches.Count)
            Log.LogMessage(MessageImportance.Normal, $"PatchBuild: {patches.Count - stillPending.Count} patch(es) were applied by a concurrent build.");
        if (stillPending.Count == 0) return true;

        return RunEngine(stillPending, explicitRoot, projectDirectory, finder);
    }

    private static bool IsKnownMode(string mode) =>
        new[] { "Apply", "Verify", "Off" }.Contains(mode, StringComparer.OrdinalIgnoreCase);

    private string ResolveProjectDirectory()
    {
        if (!string.IsNullOrEmpty(ProjectDirectory)) return Path.GetFullPath(ProjectDirectory);
        var projectFile = !string.IsNullOrEmpty(ProjectFile) ? ProjectFile : BuildEngine?.ProjectFileOfTaskNode;
        return Path.GetDirectoryName(Path.GetFullPath(projectFile ?? ".")) ?? Directory.GetCurrentDirectory();
    }

    private IReadOnlyList<string> FindPatches(PendingPatchFinder finder)
    {
        var candidates = Patches is { Length: > 0 }
            ? finder.Filter(Patches.Select(p => p.GetMetadata("FullPath")))
            : SearchProjectFolder
                ? finder.Discover(PatchPatterns.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
                : Array.Empty<string>();

        var ours = new List<string>();
        foreach (var patch in candidates)
        {
            if (PatchJsonShape.IsForeign(patch))
            {
                Log.LogWarning(null, DiagnosticCodes.ForeignPatchJson, null, patch, 0, 0, 0, 0,
                    "This patch.json has no top-level \"patches\" array, so it is not a PatchBuild patch and was left alone. " +
                    "Rename it, or remove it from the PatchBuildPatch items, to silence this warning.");
                continue;
            }
            ours.Add(patch);
        }
        return ours;
    }

    private bool ReportPending(IReadOnlyList<string> patches, PendingPatchFinder finder)
    {
        var names = string.Join(", ", patches.Select(p => LogText.Line(finder.RelativePath(p))));
        var noun = patches.Count == 1 ? "pending patch" : "pending patches";
        Log.LogError(null, DiagnosticCodes.PendingPatches, null, MessageFile, 0, 0, 0, 0,
            $"{patches.Count} {noun}: {names}; apply them locally with dotnet build or patchbuild apply");
        return false;
    }

    private bool RunEngine(IReadOnlyList<string> patches, string? explicitRoot, string projectDirectory, PendingPatchFinder finder)
    {
        var enginePath = string.IsNullOrEmpty(EnginePath) ? EngineLocator.DefaultEnginePath() : Path.GetFullPath(EnginePath);
        if (!File.Exists(enginePath))
        {
            Log.LogError(null, DiagnosticCodes.EngineMissing, null, MessageFile, 0, 0, 0, 0,
                $"The PatchBuild engine was not found at {enginePath}. Restore the PatchBuild package again (dotnet restore --force).");
            return false;
        }

        var engine = EngineLocator.Resolve(enginePath, DotnetHost, NativeEngine);
        var managed = EngineLocator.Resolve(enginePath, DotnetHost, allowNative: false);
        Log.LogMessage(MessageImportance.Low, $"PatchBuild: {engine} apply ({patches.Count} patch file(s), root {explicitRoot ?? "by the patches' location"})");

        EngineRun run;
        try
        {
            var process = new EngineProcess(engine, engine.IsNative ? managed : null);
            run = process.Run("apply", BuildArguments(patches, explicitRoot), projectDirectory, _cancel.Token);
            if (process.Started != engine)
            {
                Log.LogMessage(MessageImportance.Normal, $"PatchBuild: the native engine {engine} could not start here; ran {process.Started} instead.");
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            Log.LogError(null, DiagnosticCodes.EngineFailed, null, MessageFile, 0, 0, 0, 0,
                $"Could not start the PatchBuild engine ({engine}): {e.Message}");
            return false;
        }

        EngineReport report;
        try
        {
            report = EngineReport.Parse(run.StandardOutput);
        }
        catch (FormatException e)
        {
            var stderr = run.StandardErrorLine;
            Log.LogError(null, DiagnosticCodes.EngineFailed, null, MessageFile, 0, 0, 0, 0,
                $"The PatchBuild engine exited with code {run.ExitCode} without a readable report ({e.Message})" +
                (stderr.Length > 0 ? ": " + stderr : "."));
            return false;
        }

        var root = !string.IsNullOrEmpty(report.Root) ? report.Root! : explicitRoot ?? projectDirectory;
        var logger = new ReportLogger(Log, root, finder.RelativePath);
        logger.LogSummaries(report, patches);
        logger.LogWarnings(report);
        if (!report.Succeeded || run.ExitCode != 0)
        {
            logger.LogErrors(report);
            if (report.Errors.Count == 0)
                Log.LogError(null, DiagnosticCodes.EngineFailed, null, MessageFile, 0, 0, 0, 0,
                    $"PatchBuild could not apply the patches (status {report.Status}, exit code {run.ExitCode}). {run.StandardErrorLine}".Trim());
            Log.LogMessage(MessageImportance.High, "PatchBuild: nothing was written; the patches are still pending.");
            return false;
        }

        if (!report.DryRun)
        {
            SetOutputs(report, patches, logger, projectDirectory);
            AppliedRoot = root;
            if (PatchesApplied && !string.IsNullOrEmpty(report.HistoryId)) LogHowToUndo(report, patches, root, finder);
        }
        return true;
    }

    // The compile that follows may fail because of what was just applied, and the patch file is archived by then:
    // say which patches this build applied and the one command that undoes exactly this apply.
    private void LogHowToUndo(EngineReport report, IReadOnlyList<string> patches, string root, PendingPatchFinder finder)
    {
        var names = string.Join(", ", patches.Select(finder.RelativePath));
        var archived = report.ArchivedPatches.Count == 0
            ? ""
            : $" The patch file{(report.ArchivedPatches.Count == 1 ? " was" : "s were")} moved to {string.Join(", ", report.ArchivedPatches.Select(finder.RelativePath))}.";
        Log.LogMessage(MessageImportance.High,
            $"PatchBuild: this build applied {names} (history entry {report.HistoryId}).{archived} " +
            $"If the build now fails because of it, undo it with: patchbuild rollback --id {report.HistoryId} --root \"{root}\"");
    }

    private List<string> BuildArguments(IReadOnlyList<string> patches, string? explicitRoot)
    {
        // One timeout: the engine waits for the workspace lock as long as this task waits for its own.
        var args = new List<string>(patches) { "--json", "--lock-timeout", LockTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (explicitRoot is not null) args.AddRange(new[] { "--root", explicitRoot });
        if (DryRun) args.Add("--dry-run");
        if (Strict) args.Add("--strict");
        if (Archive && !DryRun) args.Add("--archive");
        if (ValidateCompile)
        {
            Log.LogMessage(MessageImportance.Low,
                $"PatchBuild: compile validation against {References?.Length ?? 0} reference(s) and {Sources?.Length ?? 0} source file(s).");
            args.Add("--validate-compile");
            if (!string.IsNullOrEmpty(ProjectFile)) args.AddRange(new[] { "--project", Path.GetFullPath(ProjectFile) });
            foreach (var reference in References ?? Array.Empty<ITaskItem>())
                args.AddRange(new[] { "--reference", reference.GetMetadata("FullPath") });
            foreach (var source in Sources ?? Array.Empty<ITaskItem>())
                args.AddRange(new[] { "--source", source.GetMetadata("FullPath") });
            if (!string.IsNullOrEmpty(DefineConstants)) args.AddRange(new[] { "--define", DefineConstants! });
            if (!string.IsNullOrEmpty(LangVersion)) args.AddRange(new[] { "--lang-version", LangVersion! });
        }
        return args;
    }

    private void SetOutputs(EngineReport report, IReadOnlyList<string> patches, ReportLogger logger, string projectDirectory)
    {
        // A rename changes two paths: the old one leaves the build, the new one may join it.
        var changed = report.Files
            .Where(f => !IsUnchanged(f))
            .SelectMany(f => f.NewPath is null
                ? new[] { (Path: logger.FullPath(f.Path), Action: f.Action.ToLowerInvariant()) }
                : new[] { (Path: logger.FullPath(f.Path), Action: "rename"), (Path: logger.FullPath(f.NewPath), Action: "create") })
            .Where(f => f.Path.Length > 0)
            .ToList();
        PatchesApplied = changed.Count > 0;
        HistoryId = report.HistoryId;
        AppliedPatches = patches.Select(p => (ITaskItem)new TaskItem(MsBuildItemSpec.Escape(p))).ToArray();
        ChangedFiles = changed.Select(f =>
        {
            var item = new TaskItem(MsBuildItemSpec.Escape(f.Path));
            item.SetMetadata("PatchBuildAction", f.Action);
            return (ITaskItem)item;
        }).ToArray();

        var compile = CompileItems ?? Array.Empty<ITaskItem>();
        var compileByPath = compile.GroupBy(c => c.GetMetadata("FullPath"), PendingPatchFinder.PathComparer)
            .ToDictionary(g => g.Key, g => g.ToList(), PendingPatchFinder.PathComparer);

        // Whatever the action is called, a changed path that no longer exists has left the build.
        CompileToRemove = changed
            .Where(f => !File.Exists(f.Path) && compileByPath.ContainsKey(f.Path))
            .SelectMany(f => compileByPath[f.Path])
            .ToArray();

        var prefix = projectDirectory.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        CompileToAdd = !AddCreatedSources
            ? Array.Empty<ITaskItem>()
            : changed
                .Where(f => File.Exists(f.Path)
                            && string.Equals(Path.GetExtension(f.Path), SourceExtension, StringComparison.OrdinalIgnoreCase)
                            && f.Path.StartsWith(prefix, StringComparison.Ordinal)
                            && !compileByPath.ContainsKey(f.Path)
                            && !IsUnderBuildFolders(f.Path.Substring(prefix.Length)))
                .Select(f => (ITaskItem)new TaskItem(MsBuildItemSpec.Escape(f.Path.Substring(prefix.Length))))
                .ToArray();
    }

    private static bool IsUnchanged(EngineFileResult file) =>
        file.Status.Equals("skipped", StringComparison.OrdinalIgnoreCase)
        || file.Status.Equals("not_written", StringComparison.OrdinalIgnoreCase)
        || file.Status.Equals("failed", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnderBuildFolders(string relative)
    {
        var first = relative.Replace('\\', '/').Split('/')[0];
        return first is "bin" or "obj" or ".patchbuild";
    }
}
