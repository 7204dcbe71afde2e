using System.Text;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// The values of --set: "k=v,k2=v2", in one or several options. A comma separates pairs only where the next text is
/// "name=", so "parameters=int id, string name" needs no escaping; "\," is a literal comma and "\\" a backslash.
/// </summary>
public static class TemplateValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string> sets)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string set in sets)
        {
            foreach (string pair in SplitPairs(set))
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string name = equals > 0 ? pair[..equals].Trim() : "";
                if (!TemplateParser.VariableName().IsMatch(name))
                {
                    throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"'{Shorten(pair)}' is not NAME=VALUE.",
                        "Write --set name=Phone,propertyType=string (\\, for a comma inside a value).");
                }

                if (!values.TryAdd(name, Unescape(pair[(equals + 1)..])))
                {
                    throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"'{name}' is set twice.", "Give each variable once.");
                }
            }
        }

        return values;
    }

    /// <summary>Every given value checked against its variable, defaults added, required ones demanded.</summary>
    public static Dictionary<string, string> Resolve(TemplateDefinition template, IReadOnlyDictionary<string, string> given)
    {
        var unknown = given.Keys.Where(k => template.Variable(k) is null).ToList();
        if (unknown.Count > 0)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue,
                $"Template '{template.Name}' has no variable {string.Join(", ", unknown.Select(u => $"'{u}'"))}.",
                $"Its variables: {Describe(template)}.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in template.Variables)
        {
            if (given.TryGetValue(variable.Name, out string? value))
            {
                values[variable.Name] = variable.Check(value);
            }
            else if (variable.Required)
            {
                throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"Template '{template.Name}' needs a value for '{variable.Name}'.",
                    $"Add --set {variable.Name}=... ({variable.KindName}: {variable.Description}).");
            }
            else if (variable.Default is not null)
            {
                values[variable.Name] = variable.Default;
            }
        }

        return values;
    }

    public static string Describe(TemplateDefinition template) =>
        template.Variables.Count == 0 ? "none" : string.Join(", ", template.Variables.Select(v => $"{v.Name} ({v.KindName}{(v.Required ? ", required" : v.Default is { } d ? $", default '{d}'" : ", optional")})"));

    private static IEnumerable<string> SplitPairs(string set)
    {
        var current = new StringBuilder();
        for (int i = 0; i < set.Length; i++)
        {
            char c = set[i];
            if (c == '\\' && i + 1 < set.Length && set[i + 1] is ',' or '\\')
            {
                current.Append(c).Append(set[++i]);
                continue;
            }

            if (c == ',' && StartsPair(set, i + 1))
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        yield return current.ToString();
    }

    private static bool StartsPair(string set, int at)
    {
        int i = at;
        while (i < set.Length && set[i] == ' ')
        {
            i++;
        }

        int start = i;
        while (i < set.Length && (char.IsAsciiLetterOrDigit(set[i]) || set[i] == '_'))
        {
            i++;
        }

        return i > start && i < set.Length && set[i] == '=' && !char.IsAsciiDigit(set[start]);
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '\\')
            {
                i++;
            }

            sb.Append(value[i]);
        }

        return sb.ToString();
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
