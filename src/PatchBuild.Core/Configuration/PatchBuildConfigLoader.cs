using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Configuration;

/// <summary>
/// Finds and reads patchbuild.json. It is always read from disk before a plan is judged, never from planned content,
/// so a patch cannot loosen the rules that judge it (and editing the file is itself PB1003).
/// </summary>
public static class PatchBuildConfigLoader
{
    public const string FileName = "patchbuild.json";

    /// <summary>The explicit path when given, else the nearest patchbuild.json from the root upwards; null when none.</summary>
    public static string? Locate(string root, string? explicitPath = null)
    {
        if (explicitPath is not null)
        {
            string full = Path.GetFullPath(explicitPath, root);
            if (!File.Exists(full))
            {
                throw Error($"Configuration file not found: '{explicitPath}'.", "Check the --config path, or leave it out to use the nearest patchbuild.json.", full);
            }

            return full;
        }

        foreach (var dir in SearchFolders(root))
        {
            string candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The folders a configuration is looked for in, nearest first: up to the git top level (inclusive) when the root is
    /// in a repository. Folders anyone may write to (/tmp) are never trusted: a file there could switch rules off for
    /// every user's patches.
    /// </summary>
    public static IEnumerable<DirectoryInfo> SearchFolders(string root)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(root)); dir is not null; dir = dir.Parent)
        {
            if (!IsWorldWritable(dir))
            {
                yield return dir;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                yield break;
            }
        }
    }

    private static bool IsWorldWritable(DirectoryInfo dir) =>
        !OperatingSystem.IsWindows() && dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherWrite) != 0;

    /// <summary>Loads the configuration that applies to <paramref name="root"/>; the defaults when there is none.</summary>
    public static PatchBuildConfig Load(string root, string? explicitPath = null)
    {
        string? path = Locate(root, explicitPath);
        return path is null ? PatchBuildConfig.Default : LoadFile(path);
    }

    public static PatchBuildConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error($"Cannot read '{path}': {ex.Message}", "Check the file's permissions.", path);
        }

        return Parse(text, path);
    }

    /// <summary>Reads the file's bytes as git or the disk hold them (UTF-8, with or without a byte order mark).</summary>
    public static PatchBuildConfig Parse(ReadOnlySpan<byte> content, string? path = null)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        return Parse(Encoding.UTF8.GetString(content.StartsWith(bom) ? content[bom.Length..] : content), path);
    }

    public static PatchBuildConfig Parse(string text, string? path = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw Error($"{Name(path)} is not valid JSON: {ex.Message}", "Fix the JSON syntax; docs/schema/patchbuild.schema.json describes the file.", path, (int?)ex.LineNumber + 1);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{Name(path)} must hold a JSON object.", "Start from the example in docs/safety.md.", path);
            }

            var root = document.RootElement;
            var config = new PatchBuildConfig
            {
                SourcePath = path,
                Limits = ParseInputLimits(root, path),
                History = ParseHistory(root, path),
                Hook = ParseHook(root, path),
                Patches = ParsePatches(root, path),
                Ai = ParseAi(root, path),
            };
            if (!root.TryGetProperty("safety", out var safety))
            {
                return config;
            }

            Expect(safety, JsonValueKind.Object, "safety", path);
            var rules = new Dictionary<string, RuleSettings>(StringComparer.OrdinalIgnoreCase);
            if (safety.TryGetProperty("rules", out var rulesElement))
            {
                Expect(rulesElement, JsonValueKind.Object, "safety.rules", path);
                foreach (var property in rulesElement.EnumerateObject())
                {
                    rules[property.Name] = ParseRule(property, path);
                }
            }

            config = config with { Rules = rules };
            if (safety.TryGetProperty("limits", out var limits))
            {
                Expect(limits, JsonValueKind.Object, "safety.limits", path);
                config = config with
                {
                    MaxChangedLines = Limit(limits, "maxChangedLines", PatchBuildConfig.DefaultMaxChangedLines, path),
                    MaxChangedFiles = Limit(limits, "maxChangedFiles", PatchBuildConfig.DefaultMaxChangedFiles, path),
                };
            }

            return config;
        }
    }

    private static HistorySettings ParseHistory(JsonElement root, string? path)
    {
        const string section = HistorySettings.Section;
        if (!root.TryGetProperty(section, out var element))
        {
            return HistorySettings.Default;
        }

        Expect(element, JsonValueKind.Object, section, path);
        var settings = HistorySettings.Default;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            string where = $"{section}.{property.Name}";
            settings = property.Name switch
            {
                "backupDir" => settings with { BackupDir = value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } dir ? dir
                    : throw Error($"{Name(path)}: {where} must be a folder path.", "Write a path relative to the workspace root, e.g. \"backupDir\": \".patchbuild/backups\".", path) },
                "maxAgeDays" => settings with { MaxAgeDays = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double days) && days >= 0 ? days
                    : throw Error($"{Name(path)}: {where} must be a number of days, 0 or more.", "Set e.g. \"maxAgeDays\": 30.", path) },
                "maxBytes" => settings with { MaxBytes = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long bytes) && bytes >= 0 ? bytes
                    : throw Error($"{Name(path)}: {where} must be a whole number of bytes, 0 or more.", "Set e.g. \"maxBytes\": 268435456 (256 MiB).", path) },
                "backups" => settings with { Backups = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
                    : throw Error($"{Name(path)}: {where} must be true or false.", "Set \"backups\": true to keep backups for rollback.", path) },
                "mergeStrategy" => settings with { MergeStrategy = (value.ValueKind == JsonValueKind.String ? MergeStrategies.Parse(value.GetString()) : null)
                    ?? throw Error($"{Name(path)}: {where} must be \"ours\", \"theirs\", \"union\" or \"manual\".", "Pick one of the four strategies (docs/rollback.md).", path) },
                _ => throw Error($"{Name(path)}: unknown setting '{property.Name}' in {section}.", "The history settings are backupDir, maxAgeDays, maxBytes, backups and mergeStrategy.", path),
            };
        }

        return settings;
    }

    private static AiSettings ParseAi(JsonElement root, string? path)
    {
        const string section = AiSettings.Section;
        if (!root.TryGetProperty(section, out var element))
        {
            return AiSettings.Default;
        }

        Expect(element, JsonValueKind.Object, section, path);
        var settings = AiSettings.Default;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            string where = $"{section}.{property.Name}";
            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            switch (property.Name)
            {
                case "model":
                    string? modelProblem = text is null ? "it is not a string" : AiSettings.ModelProblem(text);
                    settings = modelProblem is null ? settings with { Model = text }
                        : throw Error($"{Name(path)}: {where} is refused: {modelProblem}.", "Write the model's name as the endpoint knows it, e.g. \"model\": \"gpt-4.1-mini\".", path);
                    break;
                case "baseUrl":
                    Uri? uri = null;
                    string? urlProblem = text is null ? "it is not a string" : AiSettings.BaseUrlProblem(text, fromRepository: true, out uri);
                    settings = urlProblem is null ? settings with { BaseUrl = uri }
                        : throw Error($"{Name(path)}: {where} is refused: {urlProblem}.", "Write the endpoint up to /v1, e.g. \"baseUrl\": \"https://api.openai.com/v1\" or \"http://127.0.0.1:8080/v1\".", path);
                    break;
                case "maxAttempts":
                    settings = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int attempts) && attempts is >= 1 and <= AiSettings.MaxAttemptsLimit ? settings with { MaxAttempts = attempts }
                        : throw Error($"{Name(path)}: {where} must be a whole number from 1 to {AiSettings.MaxAttemptsLimit}.", "Set e.g. \"maxAttempts\": 3.", path);
                    break;
                case "timeoutSeconds":
                    settings = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int seconds) && seconds is >= 1 and <= AiSettings.MaxTimeoutSeconds ? settings with { TimeoutSeconds = seconds }
                        : throw Error($"{Name(path)}: {where} must be a whole number of seconds from 1 to {AiSettings.MaxTimeoutSeconds}.", "Set e.g. \"timeoutSeconds\": 120.", path);
                    break;
                default:
                    throw Error($"{Name(path)}: unknown setting '{property.Name}' in {section}.",
                        "The ai settings are model, baseUrl, maxAttempts and timeoutSeconds; the key comes from OPENAI_API_KEY only.", path);
            }
        }

        return settings;
    }

    private static HookSettings ParseHook(JsonElement root, string? path)
    {
        const string section = HookSettings.Section;
        if (!root.TryGetProperty(section, out var element))
        {
            return HookSettings.Default;
        }

        Expect(element, JsonValueKind.Object, section, path);
        var settings = HookSettings.Default;
        foreach (var property in element.EnumerateObject())
        {
            settings = property.Name switch
            {
                "requireApplied" => settings with { RequireApplied = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? property.Value.GetBoolean()
                    : throw Error($"{Name(path)}: {section}.requireApplied must be true or false.", "Set \"requireApplied\": true to block commits while patches are pending.", path) },
                _ => throw Error($"{Name(path)}: unknown setting '{property.Name}' in {section}.", "The hook setting is requireApplied.", path),
            };
        }

        return settings;
    }

    private static PatchSettings ParsePatches(JsonElement root, string? path)
    {
        const string section = PatchSettings.Section;
        if (!root.TryGetProperty(section, out var element))
        {
            return PatchSettings.Default;
        }

        Expect(element, JsonValueKind.Object, section, path);
        foreach (var unknown in element.EnumerateObject().Where(p => p.Name != PatchSettings.PatternsKey))
        {
            throw Error($"{Name(path)}: unknown setting '{unknown.Name}' in {section}.", "The patches setting is patterns.", path);
        }

        if (!element.TryGetProperty(PatchSettings.PatternsKey, out var list))
        {
            return PatchSettings.Default;
        }

        string where = $"{section}.{PatchSettings.PatternsKey}";
        Expect(list, JsonValueKind.Array, where, path);
        if (list.GetArrayLength() > PatchSettings.MaxPatterns)
        {
            throw Error($"{Name(path)}: {where} holds {list.GetArrayLength()} patterns; at most {PatchSettings.MaxPatterns} are read.",
                "Name your patch files by a few conventions, e.g. \"ai-*.md\".", path);
        }

        var patterns = new List<PathGlob>();
        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            string? text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            string? problem = text is null ? "it is not a string" : PatchSettings.Problem(text);
            if (problem is not null)
            {
                throw Error($"{Name(path)}: {where}[{index}] is refused: {problem}.",
                    "Write a name or a glob relative to the folder of patchbuild.json, e.g. \"ai-answer.md\" or \"answers/*.md\".", path);
            }

            patterns.Add(new PathGlob(text!));
            index++;
        }

        return new PatchSettings { Patterns = patterns };
    }

    private static InputLimits ParseInputLimits(JsonElement root, string? path)
    {
        if (!root.TryGetProperty(InputLimits.Section, out var section))
        {
            return InputLimits.Default;
        }

        Expect(section, JsonValueKind.Object, InputLimits.Section, path);
        foreach (var unknown in section.EnumerateObject().Where(p => p.Name is not (InputLimits.MaxPatchFileBytesKey or InputLimits.MaxLineLengthKey or InputLimits.MaxTargetFileBytesKey)))
        {
            throw Error($"{Name(path)}: unknown setting '{unknown.Name}' in {InputLimits.Section}.",
                $"The limits are {InputLimits.MaxPatchFileBytesKey}, {InputLimits.MaxLineLengthKey} and {InputLimits.MaxTargetFileBytesKey}.", path);
        }

        return new InputLimits
        {
            MaxPatchFileBytes = SizeLimit(section, InputLimits.MaxPatchFileBytesKey, InputLimits.DefaultMaxPatchFileBytes, path),
            MaxLineLength = (int)Math.Min(int.MaxValue, SizeLimit(section, InputLimits.MaxLineLengthKey, InputLimits.DefaultMaxLineLength, path)),
            MaxTargetFileBytes = SizeLimit(section, InputLimits.MaxTargetFileBytesKey, InputLimits.DefaultMaxTargetFileBytes, path),
        };
    }

    private static long SizeLimit(JsonElement section, string name, long fallback, string? path)
    {
        if (!section.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n) || n < 1)
        {
            throw Error($"{Name(path)}: {InputLimits.Section}.{name} must be a whole number of at least 1.", $"Set e.g. \"{name}\": {fallback}.", path);
        }

        return n;
    }

    private static RuleSettings ParseRule(JsonProperty property, string? path)
    {
        string where = $"safety.rules.{property.Name}";
        var rule = SafetyRules.Find(property.Name)
            ?? throw Error($"{Name(path)}: unknown rule '{property.Name}' in {where}.", $"Known rules: {string.Join(", ", SafetyRules.All.Select(r => r.Id))}.", path);
        if (!rule.Configurable)
        {
            throw Error($"{Name(path)}: {rule.Id} ({rule.Title}) cannot be configured.",
                $"Remove {where}: paths outside the root and under .git are always refused.", path);
        }

        if (property.Value.ValueKind == JsonValueKind.String)
        {
            return new RuleSettings { Severity = Severity(property.Value, where, path) };
        }

        Expect(property.Value, JsonValueKind.Object, where, path);
        RuleSeverity? severity = property.Value.TryGetProperty("severity", out var s) ? Severity(s, where + ".severity", path) : null;
        var allow = new List<AllowEntry>();
        if (property.Value.TryGetProperty("allow", out var allowElement))
        {
            Expect(allowElement, JsonValueKind.Array, where + ".allow", path);
            int index = 0;
            foreach (var entry in allowElement.EnumerateArray())
            {
                allow.Add(ParseAllow(entry, $"{where}.allow[{index++}]", path));
            }
        }

        foreach (var unknown in property.Value.EnumerateObject().Where(p => p.Name is not ("severity" or "allow")))
        {
            throw Error($"{Name(path)}: unknown setting '{unknown.Name}' in {where}.", "A rule takes \"severity\" and \"allow\".", path);
        }

        return new RuleSettings { Severity = severity, Allow = allow };
    }

    private static AllowEntry ParseAllow(JsonElement entry, string where, string? path)
    {
        Expect(entry, JsonValueKind.Object, where, path);
        string? reason = OptionalString(entry, "reason", where, path);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Error($"{Name(path)}: {where} has no \"reason\".",
                "Every exception to a safety rule must say why it is safe, e.g. \"reason\": \"migrations are reviewed by the DBA team\".", path);
        }

        string? glob = OptionalString(entry, "path", where, path);
        string? pattern = OptionalString(entry, "pattern", where, path);
        if (glob is null && pattern is null)
        {
            throw Error($"{Name(path)}: {where} allows nothing: it needs \"path\" (a glob) and/or \"pattern\" (a regex).",
                "Name the files (\"path\": \"db/migrations/**\") or the content (\"pattern\": \"DROP TABLE tmp_\") the exception covers.", path);
        }

        Regex? regex = null;
        if (pattern is not null)
        {
            try
            {
                regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                throw Error($"{Name(path)}: {where}.pattern is not a usable regex: {ex.Message}",
                    "Use a .NET regex without backreferences or lookarounds (they are not allowed so that matching stays linear).", path);
            }
        }

        return new AllowEntry(reason) { Path = glob is null ? null : new PathGlob(glob), Pattern = regex };
    }

    private static RuleSeverity Severity(JsonElement value, string where, string? path)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text?.ToLowerInvariant() switch
        {
            "error" => RuleSeverity.Error,
            "warning" or "warn" => RuleSeverity.Warning,
            "off" or "none" => RuleSeverity.Off,
            _ => throw Error($"{Name(path)}: {where} must be \"error\", \"warning\" or \"off\".", "Set the severity to one of error, warning, off.", path),
        };
    }

    private static int Limit(JsonElement limits, string name, int fallback, string? path)
    {
        if (!limits.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n) || n < 1)
        {
            throw Error($"{Name(path)}: safety.limits.{name} must be a whole number of at least 1.", $"Set e.g. \"{name}\": {fallback}.", path);
        }

        return n;
    }

    private static string? OptionalString(JsonElement element, string name, string where, string? path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error($"{Name(path)}: {where}.{name} must be a string.", $"Write \"{name}\" as a JSON string.", path);
        }

        return value.GetString();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where, string? path)
    {
        if (element.ValueKind != kind)
        {
            throw Error($"{Name(path)}: {where} must be a JSON {kind.ToString().ToLowerInvariant()}.", "See docs/schema/patchbuild.schema.json.", path);
        }
    }

    private static string Name(string? path) => path is null ? FileName : $"'{path}'";

    private static PatchException Error(string message, string hint, string? path, int? line = null) =>
        new(new PatchError(ErrorCodes.InvalidConfig, message) { File = path, Line = line, Hint = hint });
}
