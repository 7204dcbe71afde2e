using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PatchBuild.Tasks.Engine;

namespace PatchBuild.Tasks.Logging;

/// <summary>
/// Turns the engine's report into the build log: one summary line per patch at minimal verbosity, the diff at
/// normal verbosity in a dry run, and errors and warnings in the canonical `file(line,col): error PBxxxx: text`
/// form that IDEs turn into links.
/// </summary>
internal sealed class ReportLogger
{
    private readonly TaskLoggingHelper _log;
    private readonly string _root;
    private readonly Func<string, string> _displayName;

    public ReportLogger(TaskLoggingHelper log, string root, Func<string, string> displayName)
    {
        _log = log;
        _root = root;
        // Names come from the patch and the tree: shown escaped wherever they are printed.
        _displayName = path => LogText.Line(displayName(path));
    }

    public string FullPath(string? path) =>
        string.IsNullOrEmpty(path) ? "" : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(_root, path));

    public void LogSummaries(EngineReport report, IReadOnlyList<string> patches)
    {
        var prefix = report.DryRun ? "PatchBuild (dry run): " : "PatchBuild: ";
        var byPatch = report.Files
            .GroupBy(f => FullPath(f.PatchFile), PatchPathComparer)
            .ToDictionary(g => g.Key, g => g.ToList(), PatchPathComparer);
        foreach (var patch in patches)
        {
            byPatch.TryGetValue(patch, out var files);
            if (byPatch.Count == 1 && patches.Count == 1 && files is null) files = report.Files; // report without patchFile
            var verb = !report.Succeeded ? "not applied" : report.DryRun ? "would apply" : "applied";
            var detail = files is null || files.Count == 0
                ? report.Succeeded ? ": no file changes" : ""
                : ": " + string.Join(", ", files.Select(Describe));
            _log.LogMessage(MessageImportance.High, $"{prefix}{verb} {_displayName(patch)}{detail}");
        }
        if (report.DryRun && report.Diff.Length > 0)
            _log.LogMessage(MessageImportance.Normal, "PatchBuild (dry run) diff:\n" + LogText.Lines(report.Diff.TrimEnd('\n')));
    }

    public void LogWarnings(EngineReport report)
    {
        foreach (var warning in report.Warnings)
        {
            var (file, line, column) = Location(warning);
            var text = DiagnosticCodes.ForWarning(warning.Code) == DiagnosticCodes.EngineWarning && warning.Code.Length > 0
                ? $"{warning.Message} [{warning.Code}]"
                : warning.Message;
            _log.LogWarning(null, DiagnosticCodes.ForWarning(warning.Code), null, file, line, column, 0, 0, OneLine(text));
        }
    }

    /// <summary>
    /// One canonical line per finding: a validation error lists each syntax or compile diagnostic at its place in
    /// the planned target file, and its fix hint follows once as a message; any other error carries its hint.
    /// </summary>
    public void LogErrors(EngineReport report)
    {
        foreach (var error in report.Errors)
        {
            var code = DiagnosticCodes.ForError(error.Code, error.Rule);
            if (error.Diagnostics.Count > 0)
            {
                var patch = _displayName(FullPath(error.PatchFile));
                var why = error.Kind.Length > 0 ? $"a {error.Kind} error" : "an error";
                foreach (var diagnostic in error.Diagnostics)
                {
                    var id = diagnostic.Code.Length > 0 ? diagnostic.Code + ": " : "";
                    var file = FullPath(!string.IsNullOrEmpty(diagnostic.File) ? diagnostic.File : error.File);
                    var line = diagnostic.Line;
                    var column = line > 0 ? Math.Max(1, diagnostic.Column) : 0;
                    _log.LogError(null, code, null, file, line, column, 0, 0,
                        OneLine($"{id}{diagnostic.Message} ({why} the patch {patch} would leave; nothing was written)"));
                }
                if (!string.IsNullOrEmpty(error.Hint))
                    _log.LogMessage(MessageImportance.High, OneLine($"PatchBuild: {error.Hint}"));
                continue;
            }
            var (f, l, c) = Location(error);
            var message = string.IsNullOrEmpty(error.Hint) ? error.Message : $"{error.Message} Hint: {error.Hint}";
            _log.LogError(null, code, null, f, l, c, 0, 0, OneLine(message));
        }
    }

    /// <summary>MSBuild turns each line of a message into its own error: keep a finding on one line.</summary>
    internal static string OneLine(string text)
    {
        var parts = text.Split(new[] { "\r\n", "\n", "\r" }, StringSplitOptions.None)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0);
        // Line breaks fold into spaces first (a two-line hint stays one log line); what control characters remain are escaped.
        return LogText.Line(string.Join(" ", parts));
    }

    private (string File, int Line, int Column) Location(EngineProblem problem)
    {
        // Engine lines refer to the patch file when there is one (where the stale locator is written); the target
        // file is the fallback for problems that are about it.
        var file = !string.IsNullOrEmpty(problem.PatchFile) ? FullPath(problem.PatchFile) : FullPath(problem.File);
        var line = problem.Line;
        var column = line > 0 ? Math.Max(1, problem.Column) : 0;
        return (file, line, column);
    }

    private string Describe(EngineFileResult file)
    {
        var action = file.Action.Length > 0 ? file.Action.ToLowerInvariant() : "modify";
        var status = file.Status.Length > 0 && !string.Equals(file.Status, "applied", StringComparison.OrdinalIgnoreCase)
            ? ", " + file.Status.ToLowerInvariant()
            : "";
        var reason = string.IsNullOrEmpty(file.Reason) ? "" : " — " + LogText.Line(file.Reason);
        return $"{_displayName(FullPath(file.Path))} ({action}{status}){reason}";
    }

    private static StringComparer PatchPathComparer => Discovery.PendingPatchFinder.PathComparer;
}
