using System.Text.RegularExpressions;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Configuration;

/// <summary>An exception to one rule, always with the reason a reviewer gave for it.</summary>
public sealed record AllowEntry(string Reason)
{
    public PathGlob? Path { get; init; }

    /// <summary>Tested against the whole added line the finding sits in.</summary>
    public Regex? Pattern { get; init; }

    public bool Covers(string file, string lineText) =>
        (Path is null || Path.IsMatch(file)) && (Pattern is null || Pattern.IsMatch(lineText));
}

public sealed record RuleSettings
{
    public RuleSeverity? Severity { get; init; }
    public IReadOnlyList<AllowEntry> Allow { get; init; } = [];
}

/// <summary>Every section of patchbuild.json, read by <see cref="PatchBuildConfigLoader"/> once per run.</summary>
public sealed record PatchBuildConfig
{
    public const int DefaultMaxChangedLines = 500;
    public const int DefaultMaxChangedFiles = 50;

    public static PatchBuildConfig Default { get; } = new();

    /// <summary>The file the settings came from; null for the defaults.</summary>
    public string? SourcePath { get; init; }

    public IReadOnlyDictionary<string, RuleSettings> Rules { get; init; } = new Dictionary<string, RuleSettings>(StringComparer.OrdinalIgnoreCase);

    public int MaxChangedLines { get; init; } = DefaultMaxChangedLines;

    public int MaxChangedFiles { get; init; } = DefaultMaxChangedFiles;

    /// <summary>The "limits" section: input sizes past which a run is refused.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>The "history" section: backups, retention, the default merge strategy.</summary>
    public HistorySettings History { get; init; } = HistorySettings.Default;

    /// <summary>The "hook" section: what the pre-commit check requires.</summary>
    public HookSettings Hook { get; init; } = HookSettings.Default;

    /// <summary>The "patches" section: extra names of pending patch files.</summary>
    public PatchSettings Patches { get; init; } = PatchSettings.Default;

    /// <summary>The "ai" section: model, endpoint, attempts and timeout of `patchbuild ai`.</summary>
    public AiSettings Ai { get; init; } = AiSettings.Default;

    public RuleSeverity SeverityOf(SafetyRule rule) =>
        rule.Configurable && Rules.TryGetValue(rule.Id, out var settings) && settings.Severity is { } severity ? severity : rule.DefaultSeverity;

    public AllowEntry? AllowanceFor(SafetyRule rule, string file, string lineText) =>
        rule.Configurable && Rules.TryGetValue(rule.Id, out var settings)
            ? settings.Allow.FirstOrDefault(a => a.Covers(file, lineText))
            : null;
}
