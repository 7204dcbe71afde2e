namespace PatchBuild.Core.Authoring;

internal enum EditAction
{
    Replace,
    Delete,
    InsertAfter,
    InsertBefore,
}

/// <summary>One locator modification as it will be written: the locator values' lines and the content lines.</summary>
internal sealed record AuthoredEdit(EditAction Action, IReadOnlyList<string> Snippet, IReadOnlyList<string> Content)
{
    public IReadOnlyList<string>? Anchor { get; init; }

    public IReadOnlyList<string>? Tail { get; init; }

    /// <summary>Builds the edit's locator values from the lines of the text the choice was made in.</summary>
    public static AuthoredEdit From(EditAction action, LocatorChoice choice, KeyedLines text, IReadOnlyList<string> content) =>
        new(action, Lines(choice.Snippet, text), content)
        {
            Anchor = choice.Anchor is { } a ? Lines(a, text) : null,
            Tail = choice.Tail is { } t ? Lines(t, text) : null,
        };

    // The file's own lines (indentation kept, for the reader), blank lines between them included: matchers skip them.
    private static List<string> Lines(CompactSpan span, KeyedLines text)
    {
        var lines = new List<string>();
        for (int i = text.Raw[span.From]; i <= text.Raw[span.Last]; i++)
        {
            lines.Add(text.Lines[i].TrimEnd());
        }

        return lines;
    }
}

/// <summary>What one FILE block of the written patch does.</summary>
internal abstract record AuthoredFile(string Path)
{
    public sealed record Modify(string Path, IReadOnlyList<AuthoredEdit> Edits, string? Newline) : AuthoredFile(Path);

    public sealed record Create(string Path, IReadOnlyList<string> Content) : AuthoredFile(Path);

    public sealed record Recreate(string Path, IReadOnlyList<string> Content) : AuthoredFile(Path);

    public sealed record Delete(string Path) : AuthoredFile(Path);

    public sealed record Rename(string Path, string To) : AuthoredFile(Path);
}
