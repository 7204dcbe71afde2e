using System.CommandLine;

namespace PatchBuild.Cli;

/// <summary>"Did you mean" for a mistyped option: the command's own option closest to what was typed.</summary>
public static class OptionSuggestions
{
    /// <summary>The option of <paramref name="command"/> that <paramref name="typed"/> most likely meant, or null.</summary>
    public static string? Closest(Command command, string typed)
    {
        if (!typed.StartsWith('-'))
        {
            return null;
        }

        string wanted = Simplify(typed.Split('=', 2)[0]);
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in names)
        {
            // Dashes and case are the usual slips (--dryrun, --Dry-Run): they cost nothing; other typos one each.
            int distance = Distance(wanted, Simplify(name));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return bestDistance <= Math.Max(1, Math.Min(2, wanted.Length / 3)) ? best : null;
    }

    /// <summary>The hint line for an unknown option, or "" when nothing is close.</summary>
    public static string Hint(Command command, string typed) =>
        Closest(command, typed) is { } name ? $" Did you mean '{name}'?" : "";

    private static string Simplify(string option) => option.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
