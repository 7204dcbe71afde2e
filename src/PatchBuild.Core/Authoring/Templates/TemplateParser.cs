using System.Text.RegularExpressions;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// Reads a template file: a front matter between two "---" lines (description, target, operation, the operation's
/// settings and one "var" line per variable), then the body. Repository templates are untrusted like patches, so
/// the reader is strict: unknown keys, unknown kinds and placeholders that name no variable are errors, not guesses.
/// </summary>
public static partial class TemplateParser
{
    public const int MaxLength = 64 * 1024;
    private const int MaxVariables = 32;

    /// <summary>The built-in placeholder that stands for --file.</summary>
    public const string FileVariable = "file";

    private static readonly HashSet<string> SettingKeys = ["into", "after"];

    public static TemplateDefinition Parse(string name, TemplateSource source, string text, string? filePath = null)
    {
        if (text.Length > MaxLength)
        {
            throw Invalid(name, $"it is larger than {MaxLength / 1024} KiB");
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0 || lines[first].Trim() != "---")
        {
            throw Invalid(name, "it does not start with a '---' line opening the front matter");
        }

        int close = Array.FindIndex(lines, first + 1, l => l.Trim() == "---");
        if (close < 0)
        {
            throw Invalid(name, "its front matter has no closing '---' line");
        }

        string? description = null;
        string? operation = null;
        var targets = new List<string>();
        var variables = new List<TemplateVariable>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = first + 1; i < close; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("var ", StringComparison.Ordinal))
            {
                variables.Add(Variable(name, line, i + 1));
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Invalid(name, $"line {i + 1} is neither 'key: value' nor 'var NAME KIND ...'");
            }

            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "description":
                    description = value;
                    break;
                case "operation":
                    operation = value;
                    break;
                case "target":
                    targets.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case var k when SettingKeys.Contains(k):
                    settings[k] = value;
                    break;
                default:
                    throw Invalid(name, $"line {i + 1} has the unknown key '{key}' (known: description, target, operation, into, after, var)");
            }
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw Invalid(name, "it has no 'description:'");
        }

        if (operation is null || !TemplateOperations.Names.Contains(operation))
        {
            throw Invalid(name, $"its 'operation:' must be one of {string.Join(", ", TemplateOperations.Names)}");
        }

        if (targets.Any(t => !t.StartsWith('.') || t.Length < 2 || t.Any(c => !char.IsLetterOrDigit(c) && c != '.')))
        {
            throw Invalid(name, "'target:' lists file name endings such as .cs or .csproj");
        }

        if (variables.Count > MaxVariables || variables.GroupBy(v => v.Name).Any(g => g.Count() > 1))
        {
            throw Invalid(name, $"its variables are repeated or more than {MaxVariables}");
        }

        if (variables.Any(v => v.Name == FileVariable))
        {
            throw Invalid(name, $"'{FileVariable}' is the target file (--file); it cannot be declared");
        }

        string body = string.Join('\n', lines.Skip(close + 1));
        var known = variables.Select(v => v.Name).Append(FileVariable).ToHashSet();
        foreach (string where in settings.Values.Append(body))
        {
            foreach (Match match in Placeholder().Matches(where))
            {
                if (!known.Contains(match.Groups[1].Value))
                {
                    throw Invalid(name, $"the placeholder '{match.Value}' names no declared variable");
                }
            }
        }

        var definition = new TemplateDefinition(name, source, description!, operation)
        {
            Targets = targets,
            Variables = variables,
            Settings = settings,
            Body = body,
            FilePath = filePath,
        };
        TemplateOperations.Get(operation).CheckDefinition(definition);
        return definition;
    }

    /// <summary>
    /// Fills {{name}} placeholders in one pass, so a value holding "{{x}}" stays as written; an optional variable
    /// without a value fills in as nothing.
    /// </summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out string? v) ? v : "");

    public static bool HasPlaceholder(string text) => Placeholder().IsMatch(text);

    internal static Model.PatchException Invalid(string name, string why) =>
        AuthoringFailure.Of(AuthoringErrorCodes.InvalidTemplate, $"Template '{name}' is invalid: {why}.",
            "Fix the template file (format: docs/authoring.md, \"Templates\").");

    // var NAME KIND required|optional|default=VALUE [description...]
    private static TemplateVariable Variable(string template, string line, int number)
    {
        var parts = line.Split((char[]?)null, 5, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || !VariableName().IsMatch(parts[1]) || !TemplateVariable.KindNames.TryGetValue(parts[2], out var kind))
        {
            throw Invalid(template, $"line {number} must read 'var NAME KIND required|optional|default=VALUE description' with KIND one of {string.Join(", ", TemplateVariable.KindNames.Keys)}");
        }

        string description = parts.Length > 4 ? parts[4] : "";
        if (parts[3] is "required" or "optional")
        {
            return new TemplateVariable(parts[1], kind, parts[3] == "required", null, description);
        }

        if (!parts[3].StartsWith("default=", StringComparison.Ordinal))
        {
            throw Invalid(template, $"line {number}: '{parts[3]}' is not required, optional or default=VALUE");
        }

        var variable = new TemplateVariable(parts[1], kind, false, parts[3]["default=".Length..], description);
        if (variable.Default!.Length > 0)
        {
            variable.Check(variable.Default);
        }

        return variable;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}\z")]
    internal static partial Regex VariableName();
}
