using System.Text.RegularExpressions;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "ap": the body is an ap patch with placeholders in its values. The body is split into directives with its own
/// ID first and filled afterwards, then written again behind a fresh ID, so a value can add lines to a value but
/// never a directive. Placeholders on directive lines are refused: an argument is structure.
/// </summary>
public sealed partial class ApBodyOperation : ITemplateOperation
{
    public string Name => "ap";

    public bool NeedsTarget(TemplateDefinition template) => template.Body.Contains("{{", StringComparison.Ordinal) && Regex.IsMatch(template.Body, @"\{\{\s*file\s*\}\}");

    public void CheckDefinition(TemplateDefinition template) => Directives(template);

    public TemplateOutput Run(TemplateRun run)
    {
        var values = new Dictionary<string, string>(run.Values, StringComparer.Ordinal);
        if (run.TargetPath is not null)
        {
            values[TemplateParser.FileVariable] = run.TargetPath;
        }

        var items = new List<(string Directive, string? Value)>();
        foreach (var (directive, value) in Directives(run.Template))
        {
            string? filled = value is null ? null : TemplateParser.Fill(value, values);
            if (directive.StartsWith("FILE", StringComparison.Ordinal) || directive.StartsWith("RENAME", StringComparison.Ordinal))
            {
                filled = filled?.Trim();
                if (filled is null || filled.Length == 0 || filled.Contains('\n', StringComparison.Ordinal) || filled.Contains('\r', StringComparison.Ordinal))
                {
                    throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, "A file path of the template's patch is empty or holds a line break.",
                        "Give one relative path (--file) and values without line breaks.");
                }
            }

            items.Add((directive, filled));
        }

        string summary = $"Template {run.Template.Name}: {run.Template.Description}";
        return new TemplateOutput(null, ApPatchText.WriteDirectives(items, [summary]), PatchFormat.Ap);
    }

    /// <summary>The body's directives (keyword and arguments, without the ID) and their raw values.</summary>
    private static List<(string Directive, string? Value)> Directives(TemplateDefinition template)
    {
        var lines = template.Body.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int header = lines.FindIndex(l => Header().IsMatch(l));
        if (header < 0)
        {
            throw TemplateParser.Invalid(template.Name, "an 'ap' body needs an 'ID AP 3.2' header line");
        }

        string id = Header().Match(lines[header]).Groups[1].Value;
        var result = new List<(string, string?)>();
        string? directive = null;
        var value = new List<string>();
        void Flush()
        {
            if (directive is null)
            {
                return;
            }

            string text = string.Join('\n', value).Trim('\n');
            result.Add((directive, IsValueKey(directive) ? text : null));
        }

        for (int i = header + 1; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.StartsWith(id + " ", StringComparison.Ordinal))
            {
                Flush();
                directive = line[(id.Length + 1)..].Trim();
                value.Clear();
                if (TemplateParser.HasPlaceholder(directive))
                {
                    throw TemplateParser.Invalid(template.Name, $"line '{line}' puts a placeholder on a directive line; placeholders belong in values");
                }

                if (directive == "END")
                {
                    directive = null;
                    break;
                }

                continue;
            }

            if (directive is not null)
            {
                value.Add(line);
            }
            else if (line.Trim().Length > 0)
            {
                throw TemplateParser.Invalid(template.Name, $"text before the first directive: '{line}'");
            }
        }

        Flush();
        if (!result.Any(r => r.Item1.StartsWith("FILE", StringComparison.Ordinal)))
        {
            throw TemplateParser.Invalid(template.Name, "the ap body has no FILE directive");
        }

        return result;
    }

    private static bool IsValueKey(string directive) =>
        directive.Split(' ')[0] is "FILE" or "RENAME" or "snippet" or "anchor" or "content" or "snippet_tail";

    [GeneratedRegex(@"^(\S+)\s+AP\s+3\.\d+\s*$")]
    private static partial Regex Header();
}
