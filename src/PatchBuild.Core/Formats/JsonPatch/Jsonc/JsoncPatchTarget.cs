using System.Text;
using System.Text.Json;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// Applies RFC 6902 operations to JSON text (comments and trailing commas allowed) without disturbing anything the
/// operations do not touch: the document is read once into slices, edits replace slices, and writing copies every
/// untouched container verbatim. Indentation, spacing around ':', comma placement and line endings of new members
/// are taken from their neighbours.
/// </summary>
internal sealed class JsoncPatchTarget : IJsonPatchTarget
{
    private static readonly JsonDocumentOptions ReadBack = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = JsoncParser.MaxDepth * 2,
    };

    private readonly Seg _leading;
    private readonly Seg _trailing;
    private readonly JsoncLayout _layout;
    private JsoncElement _root;

    /// <exception cref="JsoncSyntaxException">The text is not JSON.</exception>
    public JsoncPatchTarget(string text, string newline)
    {
        (_leading, _root, _trailing) = JsoncParser.ParseDocument(text);
        _layout = JsoncLayout.Detect(_root, newline);
    }

    private readonly record struct Location(JsoncContainer? Container, int Index);

    public void Add(JsonPointer path, JsonElement value) => Add(path, indent => JsonValueFormatter.Format(value, indent, _layout));

    public void Remove(JsonPointer path)
    {
        if (path.IsRoot)
        {
            throw PointerFailures.RemoveRoot();
        }

        var location = Find(path);
        RemoveAt(location.Container!, location.Index);
    }

    public void Replace(JsonPointer path, JsonElement value)
    {
        var location = Find(path);
        SetValue(location, indent => JsonValueFormatter.Format(value, indent, _layout));
    }

    public void Move(JsonPointer from, JsonPointer path)
    {
        var source = Find(from);
        if (from.Text == path.Text)
        {
            return;
        }

        if (path.IsProperChildOf(from))
        {
            throw PointerFailures.MoveIntoItself(from, path);
        }

        if (from.IsRoot)
        {
            throw PointerFailures.RemoveRoot();
        }

        string text = RenderValue(ElementAt(source));
        string oldIndent = LineIndentOf(source);
        RemoveAt(source.Container!, source.Index);
        Add(path, indent => Reindent(text, oldIndent, indent));
    }

    public void Copy(JsonPointer from, JsonPointer path)
    {
        var source = Find(from);
        string text = RenderValue(ElementAt(source));
        string oldIndent = LineIndentOf(source);
        Add(path, indent => Reindent(text, oldIndent, indent));
    }

    public string? Test(JsonPointer path, JsonElement expected)
    {
        string text = RenderValue(ElementAt(Find(path)));
        using var actual = JsonDocument.Parse(text, ReadBack);
        return JsonValueEquality.AreEqual(actual.RootElement, expected) ? null : text;
    }

    public string Render()
    {
        var sb = new StringBuilder(_leading.Length + _root.ValueText.Length + _trailing.Length + 256);
        Append(sb, _leading);
        AppendValue(sb, _root);
        Append(sb, _trailing);
        return sb.ToString();
    }

    private void Add(JsonPointer path, Func<string, string> format)
    {
        if (path.IsRoot)
        {
            SetValue(new Location(null, 0), format);
            return;
        }

        var parent = ElementAt(Find(path.Parent));
        int depth = path.Tokens.Count - 1;
        var container = parent.Container ?? throw PointerFailures.NotContainer(path, depth, KindOf(parent));
        string token = path.Last;
        if (container.IsObject)
        {
            int existing = container.IndexOfMember(token);
            if (existing >= 0)
            {
                SetValue(new Location(container, existing), format);
            }
            else
            {
                Insert(container, container.Elements.Count, token, format);
            }

            return;
        }

        int index = token == "-" ? container.Elements.Count : JsonPointer.ArrayIndex(token);
        if (index < 0)
        {
            throw PointerFailures.BadIndex(path, depth);
        }

        if (index > container.Elements.Count)
        {
            throw PointerFailures.IndexOutOfRange(path, depth, container.Elements.Count, forAdd: true);
        }

        Insert(container, index, null, format);
    }

    private Location Find(JsonPointer pointer)
    {
        var location = new Location(null, 0);
        var current = _root;
        for (int depth = 0; depth < pointer.Tokens.Count; depth++)
        {
            var container = current.Container ?? throw PointerFailures.NotContainer(pointer, depth, KindOf(current));
            string token = pointer.Tokens[depth];
            int index;
            if (container.IsObject)
            {
                index = container.IndexOfMember(token);
                if (index < 0)
                {
                    throw PointerFailures.NoMember(pointer, depth);
                }
            }
            else
            {
                if (token == "-")
                {
                    throw PointerFailures.DashNotAllowed(pointer, depth);
                }

                index = JsonPointer.ArrayIndex(token);
                if (index < 0)
                {
                    throw PointerFailures.BadIndex(pointer, depth);
                }

                if (index >= container.Elements.Count)
                {
                    throw PointerFailures.IndexOutOfRange(pointer, depth, container.Elements.Count, forAdd: false);
                }
            }

            location = new Location(container, index);
            current = container.Elements[index];
        }

        return location;
    }

    private JsoncElement ElementAt(Location location) => location.Container?.Elements[location.Index] ?? _root;

    private void SetValue(Location location, Func<string, string> format)
    {
        string indent = LineIndentOf(location);
        var value = ParseNewValue(format(indent), location.Container, indent);
        var element = ElementAt(location);
        element.ValueText = value.ValueText;
        element.Container = value.Container;
        if (location.Container is null)
        {
            _root = element;
        }
        else
        {
            MarkDirty(location.Container);
        }
    }

    private void Insert(JsoncContainer container, int index, string? key, Func<string, string> format)
    {
        var gaps = container.Gaps;
        int count = container.Elements.Count;
        string indent;
        if (count == 0)
        {
            // Into an empty container: one level deeper than the line the container opens on.
            string outer = container.LineIndent;
            indent = _layout.Compact ? outer : outer + _layout.IndentUnit;
            string inside = gaps[0].Span.TrimEnd(" \t\r\n").ToString();
            gaps[0] = Seg.Of(_layout.Compact ? inside : inside + _layout.Newline + indent);
            gaps.Add(Seg.Of(_layout.Compact ? "" : _layout.Newline + outer));
        }
        else if (index < count)
        {
            var before = gaps[index].Span;
            int lineStart = Trivia.LastLineStart(before);
            if (lineStart >= 0)
            {
                // The neighbour starts its own line: the new element gets a line of its own just above the
                // neighbour's leading comments, and the neighbour keeps its comments.
                indent = before[lineStart..].ToString();
                int firstLineEnd = Trivia.FirstLineEnd(before);
                gaps[index] = Seg.Of(string.Concat(before[..firstLineEnd], indent));
                gaps.Insert(index + 1, Seg.Of("," + _layout.Newline + before[firstLineEnd..].ToString()));
            }
            else
            {
                indent = container.LineIndent;
                gaps.Insert(index + 1, Seg.Of("," + InlineSpace(container)));
            }
        }
        else
        {
            var last = gaps[count - 1].Span;
            var after = gaps[count].Span;
            int lineStart = Trivia.LastLineStart(last);
            bool trailingComma = Trivia.HasComma(after);
            if (lineStart >= 0)
            {
                indent = last[lineStart..].ToString();
                int firstLineEnd = Trivia.FirstLineEnd(after);
                if (firstLineEnd >= 0)
                {
                    // Keep a comment on the last element's line with that element; later comment lines stay last.
                    gaps[count] = Seg.Of("," + Trivia.WithoutComma(after[..firstLineEnd]) + indent);
                    gaps.Add(Seg.Of((trailingComma ? "," : "") + _layout.Newline + after[firstLineEnd..].ToString()));
                }
                else
                {
                    gaps[count] = Seg.Of("," + _layout.Newline + indent);
                    gaps.Add(Seg.Of((trailingComma ? "," : "") + Trivia.WithoutComma(after)));
                }
            }
            else
            {
                indent = container.LineIndent;
                gaps[count] = Seg.Of("," + InlineSpace(container));
                gaps.Add(Seg.Of((trailingComma ? "," : "") + Trivia.WithoutComma(after)));
            }
        }

        var element = new JsoncElement();
        if (key is not null)
        {
            element.Key = key;
            element.KeyText = Seg.Of(JsonValueFormatter.QuoteName(key));
            element.Colon = Seg.Of(ColonOf(container));
        }

        var value = ParseNewValue(format(indent), container, indent);
        element.ValueText = value.ValueText;
        element.Container = value.Container;
        container.Elements.Insert(index, element);
        if (key is not null && index == container.Elements.Count - 1)
        {
            container.NoteAppendedMember(key, index);
        }
        else
        {
            container.ForgetMemberIndex();
        }
        MarkDirty(container);
    }

    private void RemoveAt(JsoncContainer container, int index)
    {
        var gaps = container.Gaps;
        int count = container.Elements.Count;
        var before = gaps[index].Span;
        var after = gaps[index + 1].Span;
        bool ownLine = Trivia.LastLineStart(before) >= 0 && Trivia.FirstLineEnd(after) >= 0;
        string merged;
        if (count == 1 && !Trivia.HasComment(before) && !Trivia.HasComment(after))
        {
            merged = "";
        }
        else if (ownLine)
        {
            // Drop the element's whole line (with a comment on that line); comment lines around it stay.
            merged = string.Concat(before[..Trivia.LastLineStart(before)], after[Trivia.FirstLineEnd(after)..]);
            if (index == count - 1 && !Trivia.HasComma(after))
            {
                merged = Trivia.WithoutComma(merged);
            }
        }
        else if (index < count - 1)
        {
            merged = before.ToString();
        }
        else
        {
            merged = count == 1 ? Trivia.WithoutComma(string.Concat(before, after)) : after.ToString();
        }

        gaps[index] = Seg.Of(merged);
        gaps.RemoveAt(index + 1);
        container.Elements.RemoveAt(index);
        container.ForgetMemberIndex();
        MarkDirty(container);
    }

    private static JsoncElement ParseNewValue(string text, JsoncContainer? owner, string indent)
    {
        try
        {
            return JsoncParser.ParseFragment(text, owner, indent);
        }
        catch (JsoncSyntaxException ex)
        {
            // The editor writes only valid JSON, so the one way here is a value that nests too deep where it lands.
            throw new JsonPatchFailure(ErrorCodes.ValidationFailed, $"the result would not be valid: {ex.Message}.",
                $"Keep documents within {JsoncParser.MaxDepth} levels of nesting.");
        }
    }

    private string LineIndentOf(Location location)
    {
        if (location.Container is not { } container)
        {
            return "";
        }

        var gap = container.Gaps[location.Index].Span;
        int lineStart = Trivia.LastLineStart(gap);
        return lineStart >= 0 ? gap[lineStart..].ToString() : container.LineIndent;
    }

    private string ColonOf(JsoncContainer container)
    {
        foreach (var member in container.Elements)
        {
            var colon = member.Colon.Span;
            if (!Trivia.HasComment(colon) && colon.IndexOfAny('\n', '\r') < 0)
            {
                return colon.ToString();
            }
        }

        return _layout.Colon;
    }

    private string InlineSpace(JsoncContainer container)
    {
        for (int i = 1; i < container.Elements.Count; i++)
        {
            if (Trivia.SpaceAfterComma(container.Gaps[i].Span) is { } space)
            {
                return space;
            }
        }

        return _layout.Separator;
    }

    private static void MarkDirty(JsoncContainer? container)
    {
        while (container is { Dirty: false })
        {
            container.Dirty = true;
            container = container.Parent;
        }
    }

    private static string KindOf(JsoncElement element) => element.ValueText.Span[0] switch
    {
        '"' => "a string",
        't' or 'f' => "a boolean",
        'n' => "null",
        _ => "a number",
    };

    private static string RenderValue(JsoncElement element)
    {
        var sb = new StringBuilder();
        AppendValue(sb, element);
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, JsoncElement element)
    {
        if (element.Container is { Dirty: true } container)
        {
            AppendContainer(sb, container);
        }
        else
        {
            Append(sb, element.ValueText);
        }
    }

    private static void AppendContainer(StringBuilder sb, JsoncContainer container)
    {
        sb.Append(container.Open);
        for (int i = 0; i < container.Elements.Count; i++)
        {
            Append(sb, container.Gaps[i]);
            var element = container.Elements[i];
            if (container.IsObject)
            {
                Append(sb, element.KeyText);
                Append(sb, element.Colon);
            }

            AppendValue(sb, element);
        }

        Append(sb, container.Gaps[^1]);
        sb.Append(container.Close);
    }

    private static void Append(StringBuilder sb, Seg seg) => sb.Append(seg.Source, seg.Start, seg.Length);

    /// <summary>Moves a value's continuation lines from its old indentation to its new one.</summary>
    private static string Reindent(string text, string oldIndent, string newIndent)
    {
        if (oldIndent == newIndent || text.IndexOf('\n') < 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(oldIndent, StringComparison.Ordinal))
            {
                lines[i] = newIndent + lines[i][oldIndent.Length..];
            }
        }

        return string.Join('\n', lines);
    }
}
