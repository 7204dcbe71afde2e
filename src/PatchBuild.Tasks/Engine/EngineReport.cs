using System;
using System.Collections.Generic;
using System.Globalization;
using PatchBuild.Tasks.Json;

namespace PatchBuild.Tasks.Engine;

/// <summary>The engine's <c>--json</c> report, read leniently: a field the engine leaves out is simply empty.</summary>
internal sealed class EngineReport
{
    public string Status { get; private set; } = "";
    public bool DryRun { get; private set; }
    public List<EngineFileResult> Files { get; } = new();
    public List<EngineProblem> Warnings { get; } = new();
    public List<EngineProblem> Errors { get; } = new();
    public string Diff { get; private set; } = "";

    /// <summary>Where the applied patch files were moved (--archive).</summary>
    public List<string> ArchivedPatches { get; } = new();

    /// <summary>The folder the engine resolved the patches' paths against.</summary>
    public string? Root { get; private set; }

    /// <summary>The journal entry the apply wrote: a later rollback undoes exactly this one.</summary>
    public string? HistoryId { get; private set; }

    public bool Succeeded => string.Equals(Status, "SUCCESS", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">The text is not JSON or not the report's shape.</exception>
    public static EngineReport Parse(string json)
    {
        if (JsonValueReader.Parse(json) is not Dictionary<string, object?> root)
            throw new FormatException("The engine's report is not a JSON object.");

        var report = new EngineReport
        {
            Status = Text(root, "status") ?? "",
            DryRun = root.TryGetValue("dryRun", out var dry) && dry is true,
            Diff = Text(root, "diff") ?? "",
            HistoryId = Text(root, "historyId"),
            Root = Text(root, "root"),
        };
        foreach (var file in Objects(root, "files"))
            report.Files.Add(EngineFileResult.From(file));
        if (root.TryGetValue("archivedPatches", out var archived) && archived is List<object?> paths)
            foreach (var path in paths)
                if (path is string text) report.ArchivedPatches.Add(text);
        foreach (var warning in Objects(root, "warnings"))
            report.Warnings.Add(EngineProblem.From(warning));

        foreach (var error in Objects(root, "errors"))
            report.Errors.Add(EngineProblem.From(error));
        if (report.Errors.Count == 0 && root.TryGetValue("error", out var single) && single is Dictionary<string, object?> one)
            report.Errors.Add(EngineProblem.From(one));
        return report;
    }

    internal static string? Text(Dictionary<string, object?> obj, string name) =>
        obj.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => null,
        } : null;

    internal static int Number(Dictionary<string, object?> obj, string name) =>
        obj.TryGetValue(name, out var value) && value is double d && d >= 0 && d <= int.MaxValue ? (int)d : 0;

    internal static IEnumerable<Dictionary<string, object?>> Objects(Dictionary<string, object?> obj, string name)
    {
        if (!obj.TryGetValue(name, out var value) || value is not List<object?> list) yield break;
        foreach (var item in list)
            if (item is Dictionary<string, object?> child) yield return child;
    }
}

/// <summary>One entry of the report's <c>files</c> list.</summary>
internal sealed class EngineFileResult
{
    public string Path { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? PatchFile { get; private set; }
    public string? NewPath { get; private set; }
    public int Applied { get; private set; }
    public int Skipped { get; private set; }
    public int Failed { get; private set; }
    public string? Reason { get; private set; }

    internal static EngineFileResult From(Dictionary<string, object?> obj) => new()
    {
        Path = EngineReport.Text(obj, "path") ?? "",
        Action = EngineReport.Text(obj, "action") ?? "",
        Status = EngineReport.Text(obj, "status") ?? "",
        PatchFile = EngineReport.Text(obj, "patchFile"),
        NewPath = EngineReport.Text(obj, "newPath"),
        Applied = EngineReport.Number(obj, "applied"),
        Skipped = EngineReport.Number(obj, "skipped"),
        Failed = EngineReport.Number(obj, "failed"),
        Reason = EngineReport.Text(obj, "reason"),
    };
}

/// <summary>An error or a warning of the report, with where it points.</summary>
internal sealed class EngineProblem
{
    public string Code { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? File { get; private set; }
    public string? PatchFile { get; private set; }
    public int Line { get; private set; }
    public int Column { get; private set; }
    public string? Hint { get; private set; }
    public string? Rule { get; private set; }

    /// <summary>For a validation error: "syntax" or "compile".</summary>
    public string Kind { get; private set; } = "";
    public List<EngineProblem> Diagnostics { get; } = new();

    internal static EngineProblem From(Dictionary<string, object?> obj)
    {
        var problem = new EngineProblem
        {
            Code = EngineReport.Text(obj, "code") ?? EngineReport.Text(obj, "id") ?? "",
            Message = EngineReport.Text(obj, "message") ?? "",
            File = EngineReport.Text(obj, "file"),
            PatchFile = EngineReport.Text(obj, "patchFile"),
            Line = EngineReport.Number(obj, "line"),
            Column = EngineReport.Number(obj, "column"),
            Hint = EngineReport.Text(obj, "hint"),
        };
        if (obj.TryGetValue("context", out var ctx) && ctx is Dictionary<string, object?> context)
        {
            problem.Rule = EngineReport.Text(context, "rule");
            problem.Kind = EngineReport.Text(context, "kind") ?? "";
            foreach (var diagnostic in EngineReport.Objects(context, "diagnostics"))
                problem.Diagnostics.Add(From(diagnostic));
        }
        return problem;
    }
}
