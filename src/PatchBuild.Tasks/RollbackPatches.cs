using System;
using System.IO;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PatchBuild.Tasks.Engine;
using PatchBuild.Tasks.Logging;

namespace PatchBuild.Tasks;

/// <summary>
/// Undoes an apply under <see cref="Root"/> with the engine's `patchbuild rollback`: the entry <see cref="Id"/> names
/// (the one this build wrote), else the last one.
/// </summary>
public sealed class RollbackPatches : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    [Required] public string Root { get; set; } = "";
    public string? ProjectFile { get; set; }
    public string? Id { get; set; }
    public string? EnginePath { get; set; }
    public string? DotnetHost { get; set; }

    /// <summary>Runs the native engine where the package ships one for this machine (linux-x64); false: always dotnet.</summary>
    public bool NativeEngine { get; set; } = true;

    public void Cancel() => _cancel.Cancel();

    public override bool Execute()
    {
        var root = Path.GetFullPath(Root);
        var enginePath = string.IsNullOrEmpty(EnginePath) ? EngineLocator.DefaultEnginePath() : Path.GetFullPath(EnginePath);
        var engine = EngineLocator.Resolve(enginePath, DotnetHost, NativeEngine);
        var managed = EngineLocator.Resolve(enginePath, DotnetHost, allowNative: false);
        EngineRun run;
        try
        {
            var args = string.IsNullOrEmpty(Id) ? new[] { "--root", root, "--json" } : new[] { "--root", root, "--id", Id!, "--json" };
            var process = new EngineProcess(engine, engine.IsNative ? managed : null);
            run = process.Run("rollback", args, root, _cancel.Token);
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
            return Fail($"could not start the engine: {e.Message}");
        }

        if (run.ExitCode != 0)
            return Fail($"the engine exited with code {run.ExitCode}: {run.StandardErrorLine}");
        Log.LogMessage(MessageImportance.High, $"PatchBuild: rolled back the patches applied under {root}.");
        return true;
    }

    private bool Fail(string why)
    {
        Log.LogError(null, DiagnosticCodes.RollbackFailed, null, ProjectFile ?? "", 0, 0, 0, 0,
            $"PatchBuild could not roll back the patches ({why}). Run `patchbuild rollback --root \"{Root}\"` to restore the files.");
        return false;
    }
}
