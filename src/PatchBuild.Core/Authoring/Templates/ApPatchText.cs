using System.Security.Cryptography;
using System.Text;
using PatchBuild.Core.Formats.Ap;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>One ap modification as authoring writes it: an action with its locators and content.</summary>
public sealed record ApModificationText(string Action, string? Snippet, string? Content)
{
    public string? Anchor { get; init; }
}

/// <summary>The modifications of one target file.</summary>
public sealed record ApFileText(string Path, IReadOnlyList<ApModificationText> Modifications);

/// <summary>
/// Writes ap 3.2 patch text. Values are carried verbatim, so the only way a value could change the patch's structure is
/// a line the parser reads as a directive: the ID is drawn until no value line starts with it, and a value line that
/// looks like a directive of any ID (which the lenient parser would take as "ID drift") is refused.
/// </summary>
public static class ApPatchText
{
    private const int Attempts = 64;

    public static string Write(IReadOnlyList<ApFileText> files, IEnumerable<string> summary, Func<string>? newId = null)
    {
        var items = new List<(string Directive, string? Value)>();
        foreach (var file in files)
        {
            items.Add(("FILE", file.Path));
            foreach (var modification in file.Modifications)
            {
                items.Add((modification.Action, null));
                if (modification.Anchor is not null)
                {
                    items.Add(("anchor", modification.Anchor));
                }

                if (modification.Snippet is not null)
                {
                    items.Add(("snippet", modification.Snippet));
                }

                if (modification.Content is not null)
                {
                    items.Add(("content", modification.Content));
                }
            }
        }

        return WriteDirectives(items, summary, newId);
    }

    /// <summary>
    /// Writes directives in order, each with its value (null: a KEY-ARGS directive without one), behind a fresh ID
    /// and ended by END.
    /// </summary>
    public static string WriteDirectives(IReadOnlyList<(string Directive, string? Value)> items, IEnumerable<string> summary, Func<string>? newId = null)
    {
        var values = items.Select(i => i.Value).OfType<string>()
            .SelectMany(v => v.Split('\n'))
            .Select(l => l.TrimEnd('\r'))
            .ToList();
        foreach (string line in values)
        {
            if (ApDirectiveReader.ReadAnyKnown(line.TrimStart(), 0) is not null)
            {
                throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue,
                    $"A line of the patch's content would read as an ap directive: '{Shorten(line)}'.",
                    "Such a line cannot be carried by an ap patch without changing its structure; write this edit by hand.");
            }
        }

        newId ??= RandomId;
        string id = "";
        for (int attempt = 0; ; attempt++)
        {
            id = newId();
            string candidate = id;
            if (!values.Any(l => l.TrimStart().StartsWith(candidate, StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            if (attempt >= Attempts)
            {
                throw new InvalidOperationException("No patch ID avoids the content's lines.");
            }
        }

        var sb = new StringBuilder();
        foreach (string line in summary)
        {
            sb.Append("# ").Append(Comment(line)).Append('\n');
        }

        if (sb.Length > 0)
        {
            sb.Append('\n');
        }

        sb.Append(id).Append(" AP 3.2\n");
        foreach (var (directive, value) in items)
        {
            bool opensBlock = directive.StartsWith("FILE", StringComparison.Ordinal) || ActionWords.Contains(directive.Split(' ')[0]);
            if (opensBlock)
            {
                sb.Append('\n');
            }

            sb.Append(id).Append(' ').Append(directive).Append('\n');
            if (!string.IsNullOrEmpty(value))
            {
                sb.Append(value.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
            }
        }

        // END proves an empty last value is deliberate (spec 2.5) and stops any reader at the patch's end.
        sb.Append('\n').Append(id).Append(" END\n");
        return sb.ToString();
    }

    private static readonly HashSet<string> ActionWords = ["REPLACE", "INSERT_AFTER", "INSERT_BEFORE", "DELETE", "CREATE", "RECREATE", "RENAME"];

    /// <summary>Eight lowercase hex digits, as the spec asks.</summary>
    public static string RandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>A summary line stays one comment line whatever it holds.</summary>
    private static string Comment(string text) =>
        new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
