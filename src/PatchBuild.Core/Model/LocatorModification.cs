namespace PatchBuild.Core.Model;

public enum LocatorAction
{
    Replace,
    InsertAfter,
    InsertBefore,
    Delete,
}

/// <summary>
/// An edit that finds its place by code snippets (the ap format): never by line numbers.
/// The special snippet "^" is the start of the file and "$" its end.
/// </summary>
public sealed record LocatorModification(LocatorAction Action) : Modification
{
    public string? Snippet { get; init; }
    public string? Anchor { get; init; }
    public string? SnippetTail { get; init; }

    /// <summary>New text for Replace and the inserts; null for Delete.</summary>
    public string? Content { get; init; }

    public int IncludeLeadingBlankLines { get; init; }
    public int IncludeTrailingBlankLines { get; init; }

    /// <summary>The locator addresses the whole block its snippet opens (brackets, or indentation).</summary>
    public bool ScopeEnd { get; init; }

    /// <summary>Line in the patch of each value, for precise error locations.</summary>
    public int? SnippetLine { get; init; }
    public int? AnchorLine { get; init; }
    public int? SnippetTailLine { get; init; }
    public int? ContentLine { get; init; }
}
