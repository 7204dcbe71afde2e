namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// How a document is formatted, learned from the document itself, so new members look like their neighbours:
/// line ending, one level of indentation, the text around ':', and whether it is minified onto one line.
/// </summary>
internal sealed record JsoncLayout(string Newline, string IndentUnit, string Colon, bool Compact)
{
    private const int SearchLimit = 64;

    // Between inline elements when no sibling shows the way: a document that spaces its colons spaces its commas.
    public string Separator => Colon.EndsWith(' ') ? " " : "";

    public static JsoncLayout Detect(JsoncElement root, string newline)
    {
        var container = root.Container;
        bool compact = container is not null && root.ValueText.Span.IndexOfAny('\n', '\r') < 0;
        return new JsoncLayout(newline, DetectIndentUnit(container) ?? "  ", DetectColon(container) ?? (compact ? ":" : ": "), compact);
    }

    private static string? DetectIndentUnit(JsoncContainer? container)
    {
        for (int level = 0; container is not null && level < SearchLimit; level++)
        {
            for (int i = 0; i < Math.Min(container.Elements.Count, SearchLimit); i++)
            {
                var gap = container.Gaps[i].Span;
                int lineStart = Trivia.LastLineStart(gap);
                if (lineStart < 0)
                {
                    continue;
                }

                string indent = gap[lineStart..].ToString();
                string outer = container.LineIndent;
                if (indent.Length > outer.Length && indent.StartsWith(outer, StringComparison.Ordinal))
                {
                    return indent[outer.Length..];
                }
            }

            container = container.Elements.FirstOrDefault(e => e.Container is not null)?.Container;
        }

        return null;
    }

    private static string? DetectColon(JsoncContainer? container)
    {
        for (int level = 0; container is not null && level < SearchLimit; level++)
        {
            if (container.IsObject)
            {
                foreach (var member in container.Elements.Take(SearchLimit))
                {
                    var colon = member.Colon.Span;
                    if (!Trivia.HasComment(colon) && colon.IndexOfAny('\n', '\r') < 0)
                    {
                        return colon.ToString();
                    }
                }
            }

            container = container.Elements.FirstOrDefault(e => e.Container is not null)?.Container;
        }

        return null;
    }
}
