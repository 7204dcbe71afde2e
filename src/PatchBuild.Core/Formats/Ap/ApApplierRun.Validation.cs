using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>The checks a modification must pass before it is located: impossible combinations are refused here.</summary>
internal sealed partial class ApApplierRun
{
    private void Validate()
    {
        if (_snippet.Lines.Count == 0)
        {
            throw Invalid($"{ActionName} needs a snippet: the code to locate.", "Add a snippet with whole lines copied from the file (or '^' / '$' for the start or end of the file).");
        }

        // '^' starts a range (spec 3.2 boundary markers): REPLACE '^'..'$' is the whole file.
        bool rangeFromStart = _snippet.IsStartOfFile && _tail is not null && _mod.Action is LocatorAction.Replace or LocatorAction.Delete;
        if (_snippet.IsFileBoundary && _mod.Action is LocatorAction.Replace or LocatorAction.Delete && !rangeFromStart)
        {
            throw Invalid($"{ActionName} cannot use '{_snippet.Lines[0]}' as its snippet: '^' and '$' are positions, not text.", "Use INSERT_AFTER ^ or INSERT_BEFORE $ to add text at the start or end, or RECREATE to replace the whole file.");
        }

        if (_snippet.IsFileBoundary && (_anchor is not null || (_tail is not null && !rangeFromStart) || _mod.ScopeEnd))
        {
            throw Invalid($"'{_snippet.Lines[0]}' is the {(_snippet.IsStartOfFile ? "start" : "end")} of the file: it takes no anchor, snippet_tail or scope_end.", "Remove the anchor, snippet_tail and scope_end from this modification.");
        }

        if (_tail is not null && _mod.Action is LocatorAction.InsertAfter or LocatorAction.InsertBefore)
        {
            throw Invalid($"{ActionName} takes a single snippet, not a snippet_tail range.", "Insert after (or before) one snippet; use REPLACE for a range.");
        }

        if (_tail is not null && _mod.ScopeEnd)
        {
            throw Invalid("snippet_tail and scope_end both say where the range ends; use one of them.", "Keep scope_end to take the whole block, or snippet_tail to end at given lines.");
        }

        if (_tail is not null && _tail.IsStartOfFile)
        {
            throw Invalid("snippet_tail cannot be '^': a range ends after its snippet.", "Use '$' to run to the end of the file, or copy the range's last lines.");
        }

        if (_mod.IncludeLeadingBlankLines < 0 || _mod.IncludeTrailingBlankLines < 0)
        {
            throw Invalid("include_leading_blank_lines and include_trailing_blank_lines take a count of 0 or more.", "Use a number such as 1.");
        }

        if (_mod.Action == LocatorAction.Replace && _contentKey.Count == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.EmptyReplace, "REPLACE has no content: nothing to put in place of the snippet.")
            {
                Line = _mod.ContentLine ?? _mod.PatchLine,
                Hint = "To remove the code use DELETE; otherwise give the new code as content.",
            });
        }

        if (_mod.Action is LocatorAction.InsertAfter or LocatorAction.InsertBefore && _contentKey.Count == 0)
        {
            throw Invalid($"{ActionName} has no content to insert.", "Give the lines to insert as content.");
        }

        if (_mod.Action == LocatorAction.Delete && _contentKey.Count > 0)
        {
            if (Strict)
            {
                throw Invalid("DELETE takes no content.", "Remove the content, or use REPLACE to put new code in place of the snippet.");
            }

            _context.Warn("CONTENT_IGNORED", $"Modification {_mod.Number}: DELETE carries content; it was ignored.", _mod.ContentLine ?? _mod.PatchLine);
        }

        if (_tail is not null && !_tail.IsEndOfFile && !rangeFromStart && IsSuffix(_tail.Lines, _snippet.Lines))
        {
            // A frequent AI slip: the whole block went into the snippet and its last lines into the tail.
            if (!Strict)
            {
                _context.Warn("RANGE_CORRECTED", $"Modification {_mod.Number}: snippet_tail repeats the end of the snippet; the snippet alone was used as the range.", _mod.SnippetTailLine ?? _mod.PatchLine);
                _tail = null;
            }
        }
    }

    private static bool IsSuffix(IReadOnlyList<string> tail, IReadOnlyList<string> whole) =>
        tail.Count <= whole.Count && whole.Skip(whole.Count - tail.Count).SequenceEqual(tail);

    private string ActionName => _mod.Action switch
    {
        LocatorAction.InsertAfter => "INSERT_AFTER",
        LocatorAction.InsertBefore => "INSERT_BEFORE",
        _ => _mod.Action.ToString().ToUpperInvariant(),
    };

    private PatchException Invalid(string message, string hint, string code = ErrorCodes.InvalidModification) =>
        new(new PatchError(code, message) { Line = _mod.PatchLine > 0 ? _mod.PatchLine : null, Hint = hint });
}
