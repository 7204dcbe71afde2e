using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// One part of a FILE block as read so far: an action with its values and options, and the span of patch lines it
/// came from. <see cref="ToLocatorModification"/> checks it and turns it into the model.
/// </summary>
internal sealed class ApModificationDraft(ApDraftAction action, int line, int rawStartIndex, bool actionInferred)
{
    public ApDraftAction Action { get; } = action;

    /// <summary>Line of the action directive (or, when the action was inferred, of the value that began the draft).</summary>
    public int Line { get; } = line;

    /// <summary>The action line was missing and was repeated from the previous modification.</summary>
    public bool ActionInferred { get; } = actionInferred;

    public int RawStartIndex { get; } = rawStartIndex;

    public int RawEndIndex { get; private set; } = rawStartIndex + 1;

    public ApValue? Snippet { get; set; }
    public ApValue? Anchor { get; set; }
    public ApValue? SnippetTail { get; set; }
    public ApValue? Content { get; set; }

    /// <summary>RENAME's destination.</summary>
    public string? NewPath { get; set; }

    public int? IncludeLeadingBlankLines { get; set; }
    public int? IncludeTrailingBlankLines { get; set; }
    public bool ScopeEnd { get; set; }
    public int? FirstOptionLine { get; set; }

    public bool HasLocator => Snippet is not null || Anchor is not null;

    public bool HasOptions => FirstOptionLine is not null;

    public bool IsBare => Snippet is null && Anchor is null && SnippetTail is null && Content is null && !HasOptions;

    /// <summary>Holds everything its action needs, so a further snippet can only belong to a next modification.</summary>
    public bool IsComplete => ApDraftActions.IsLocator(Action) && HasLocator
        && (!ApDraftActions.NeedsContent(Action) || Content is not null);

    public ApValue? Get(ApKeyword slot) => slot switch
    {
        ApKeyword.Snippet => Snippet,
        ApKeyword.Anchor => Anchor,
        ApKeyword.SnippetTail => SnippetTail,
        ApKeyword.Content => Content,
        _ => null,
    };

    public void Set(ApKeyword slot, ApValue value)
    {
        switch (slot)
        {
            case ApKeyword.Snippet: Snippet = value; break;
            case ApKeyword.Anchor: Anchor = value; break;
            case ApKeyword.SnippetTail: SnippetTail = value; break;
            case ApKeyword.Content: Content = value; break;
        }

        ExtendTo(value.RawEndIndex);
    }

    public void ExtendTo(int rawEndIndex) => RawEndIndex = Math.Max(RawEndIndex, rawEndIndex);

    /// <summary>The directives and values exactly as written (lines joined by "\n"), so a retry patch can quote them.</summary>
    public string RawText(ApPatchLines lines, string patchId)
    {
        string body = string.Join('\n', lines.Slice(RawStartIndex, RawEndIndex)) + "\n";
        // A retry patch built from this text must still say what to do, so the inferred action is written out.
        return ActionInferred ? $"{patchId} {ApDraftActions.NameOf(Action)}\n{body}" : body;
    }

    public LocatorModification ToLocatorModification(int number, ApBlockContext block)
    {
        var diagnostics = block.Diagnostics;
        string name = ApDraftActions.NameOf(Action);
        var snippet = Snippet;
        var anchor = Anchor;
        var tail = SnippetTail;

        if (snippet is null && anchor is not null)
        {
            block.Forgive(ApDeviation.AnchorWithoutSnippet, anchor.DirectiveLine,
                $"{name} in modification {number} has an anchor but no snippet; the anchor is used as the snippet.");
            snippet = anchor with { };
            anchor = null;
        }

        var action = Action;
        var content = Content;
        if (Action == ApDraftAction.Delete && Content is not null)
        {
            if (block.Diagnostics.Strict)
            {
                throw block.Error(ErrorCodes.InvalidModification, Content.DirectiveLine, number,
                    $"DELETE in modification {number} has content, but a delete writes nothing.",
                    "Remove the content directive, or use REPLACE to put new code in place of the snippet.");
            }

            block.Forgive(ApDeviation.DeleteWithContent, Content.DirectiveLine, $"DELETE in modification {number} carries content; it is ignored.");
            content = null;
        }

        if (Action == ApDraftAction.Replace && Content is { IsBlank: true })
        {
            // The parser already refused an empty content that ends the patch (truncation), so this one was closed by a
            // directive and the emptiness is deliberate: the spec reads it as DELETE (2.5, 3.6).
            if (block.Diagnostics.Strict)
            {
                throw block.Error(ErrorCodes.EmptyReplace, Content.DirectiveLine, number,
                    $"REPLACE in modification {number} has an empty content; strict mode wants DELETE for that.",
                    "Use DELETE with the same snippet to remove code.");
            }

            block.Forgive(ApDeviation.EmptyReplace, Content.DirectiveLine, $"REPLACE in modification {number} has an empty content; it is applied as DELETE.");
            action = ApDraftAction.Delete;
            content = null;
        }

        if (snippet is null)
        {
            throw tail is not null
                ? block.Error(ErrorCodes.InvalidModification, tail.DirectiveLine, number,
                    $"Modification {number} ({name}) has a snippet_tail but no snippet.",
                    "snippet_tail marks the end of a range that starts at a snippet: add '<id> snippet' with the range's first lines.")
                : block.Error(ErrorCodes.InvalidModification, Line, number,
                    Action == ApDraftAction.Delete
                        ? $"DELETE in modification {number} has no snippet, and it is not alone in its FILE block, so it cannot mean 'delete the file'."
                        : $"{name} in modification {number} has no snippet: nothing says where to apply it.",
                    Action == ApDraftAction.Delete
                        ? "Add '<id> snippet' with the code to delete; to delete the whole file, give it a FILE block holding only the DELETE line."
                        : "Add '<id> snippet' with the code to find (use '^' for the start of the file or '$' for its end).");
        }

        RequireText(snippet, "snippet", number, block);
        if (anchor is not null)
        {
            RequireText(anchor, "anchor", number, block);
        }

        if (tail is not null)
        {
            RequireText(tail, "snippet_tail", number, block);
            if (ApDraftActions.IsInsert(Action))
            {
                throw block.Error(ErrorCodes.InvalidModification, tail.DirectiveLine, number,
                    $"{name} in modification {number} has a snippet_tail, but inserts need a single point, not a range.",
                    "Remove snippet_tail; snippet_tail only goes with REPLACE or DELETE.");
            }

            if (ApSnippetText.EndsWithLinesOf(snippet.Text, tail.Text))
            {
                block.Forgive(ApDeviation.TailInsideSnippet, tail.DirectiveLine,
                    $"the snippet_tail of modification {number} repeats the last lines of its snippet; the snippet alone is used.");
                tail = null;
            }
        }

        CheckContent(action, content, number, name, block);
        return new LocatorModification(ApDraftActions.ToLocator(action))
        {
            Number = number,
            PatchLine = Line,
            RawText = RawText(block.Lines, block.PatchId),
            Snippet = snippet.Text,
            SnippetLine = snippet.DirectiveLine,
            Anchor = anchor?.Text,
            AnchorLine = anchor?.DirectiveLine,
            SnippetTail = tail?.Text,
            SnippetTailLine = tail?.DirectiveLine,
            Content = content?.Text,
            ContentLine = content?.DirectiveLine,
            IncludeLeadingBlankLines = IncludeLeadingBlankLines ?? 0,
            IncludeTrailingBlankLines = IncludeTrailingBlankLines ?? 0,
            ScopeEnd = ScopeEnd,
        };
    }

    private void CheckContent(ApDraftAction action, ApValue? content, int number, string name, ApBlockContext block)
    {
        if (action == ApDraftAction.Delete || content is { IsBlank: false })
        {
            return;
        }

        int line = content?.DirectiveLine ?? Line;
        if (content is null)
        {
            throw block.Error(ErrorCodes.MissingContent, line, number,
                $"{name} in modification {number} has no content.",
                "Give the new code under '<id> content'; to remove code, use DELETE with the same snippet.");
        }

        string what = "an empty content";
        throw block.Error(ErrorCodes.InvalidModification, line, number,
            $"{name} in modification {number} has {what}: there is nothing to insert.",
            "Put the code to insert under '<id> content'.");
    }

    private static void RequireText(ApValue value, string name, int number, ApBlockContext block)
    {
        if (value.IsBlank)
        {
            throw block.Error(ErrorCodes.InvalidModification, value.DirectiveLine, number,
                $"The {name} of modification {number} is empty.",
                $"Put the code lines of the {name} on the lines below '<id> {name}'.");
        }
    }
}
