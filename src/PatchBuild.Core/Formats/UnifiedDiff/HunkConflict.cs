using System.Globalization;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>The CONFLICT error of a hunk that matches nowhere: where it was expected, and the closest thing found.</summary>
internal static class HunkConflict
{
    public static PatchException Create(TargetLines target, List<PreparedHunk> hunks, PlacementResult forward, FileEditContext context)
    {
        var hunk = hunks[forward.FailedHunk];
        var old = hunk.Old;
        var (position, equal) = target.Closest(old, forward.FailedExpected);
        double similarity = old.Lines.Length == 0 ? 0 : (double)equal / old.Lines.Length;
        string percent = Math.Round(similarity * 100).ToString(CultureInfo.InvariantCulture) + "%";
        int statedLine = Math.Max(1, hunk.Hunk.OldStart);
        int expectedLine = forward.FailedExpected + 1;
        string where = expectedLine == statedLine ? $"line {statedLine}" : $"line {expectedLine} (stated {statedLine}, shifted by the hunks before it)";
        var (expectedText, foundText) = FirstDifference(target, old, position);

        string message = $"Hunk {hunk.Hunk.Number} ({hunk.Hunk.Header}) of '{context.Path.Relative}' does not match the file: expected at {where}; " +
            (equal > 0
                ? $"the closest match is at line {position + 1}, where {equal} of its {old.Lines.Length} old line(s) ({percent}) are equal"
                : "none of its old lines occur there or nearby") +
            (expectedText is not null ? $"; the first difference: the diff expects '{Shorten(expectedText)}' but the file has '{Shorten(foundText ?? "(end of file)")}'." : ".");

        bool fuzzMayHelp = context.Options.Fuzz < Math.Max(hunk.LeadingContext, hunk.TrailingContext);
        string hint = "The file changed since the diff was made. Regenerate the diff against the current file" +
            (fuzzMayHelp ? ", or allow fuzz (--fuzz 1 or 2) if only context lines near the hunk's edges differ." : ".");
        int alreadyAt = old.Lines.Length > 0 && hunk.New.Lines.Length > 0 ? target.FindNearest(hunk.New, 0, hunk.New.Lines.Length, forward.FailedExpected, 0) : -1;
        if (alreadyAt >= 0)
        {
            hint += $" This hunk's result is already at line {alreadyAt + 1}: the diff may have been applied in part, or by hand.";
        }

        var facts = new Dictionary<string, object?>
        {
            ["hunk"] = hunk.Hunk.Number,
            ["header"] = hunk.Hunk.Header,
            ["statedLine"] = statedLine,
            ["expectedLine"] = expectedLine,
            ["closestLine"] = equal > 0 ? position + 1 : null,
            ["similarity"] = Math.Round(similarity, 3),
            ["expectedText"] = expectedText,
            ["foundText"] = foundText,
        };
        return new PatchException(new PatchError(ErrorCodes.Conflict, message)
        {
            File = context.Path.Relative,
            Line = hunk.Hunk.PatchLine,
            Hint = hint,
            Context = facts,
        });
    }

    /// <summary>
    /// AMBIGUOUS_MATCH for the first hunk without line numbers whose old lines occur again after the place they were
    /// put: with no numbers to choose between them, guessing could edit the wrong place.
    /// </summary>
    public static PatchException? Ambiguous(TargetLines target, List<PreparedHunk> hunks, PlacementResult placement, FileEditContext context)
    {
        var numberless = Enumerable.Range(0, hunks.Count).Where(k => hunks[k].Hunk.Numberless).ToList();
        if (numberless.Count == 0)
        {
            return null;
        }

        // The part of the old side that matched (fuzz may have set edge lines aside), and where.
        var spans = numberless.Select(k =>
        {
            var place = placement.Placements[k];
            return (hunks[k].Old, place.IgnoredLeading, hunks[k].Old.Lines.Length - place.IgnoredTrailing, place.Start + place.IgnoredLeading);
        }).ToList();
        var later = RepeatFinder.LaterOccurrences(target, spans);
        int first = Array.FindIndex(later, p => p >= 0);
        if (first < 0)
        {
            return null;
        }

        var hunk = hunks[numberless[first]].Hunk;
        return new PatchException(new PatchError(ErrorCodes.AmbiguousMatch,
            $"Hunk {hunk.Number} ({hunk.Header}) of '{context.Path.Relative}' has no line numbers, and its lines occur at line {spans[first].Item4 + 1} and again at line {later[first] + 1}.")
        {
            File = context.Path.Relative,
            Line = hunk.PatchLine,
            Hint = "Add context lines that occur once in the file, or give the hunk its line numbers ('@@ -12,7 +12,8 @@').",
        });
    }

    private static (string? Expected, string? Found) FirstDifference(TargetLines target, HunkSide side, int position)
    {
        for (int i = 0; i < side.Lines.Length; i++)
        {
            int t = position + i;
            if (t >= target.Count)
            {
                return (side.Lines[i].ToString(), null);
            }

            if (!target.Lines.Span(t).SequenceEqual(side.Lines[i].Span))
            {
                return (side.Lines[i].ToString(), target.Lines[t]);
            }
        }

        return (null, null);
    }

    private static string Shorten(string text) => HunkReader.Shorten(text.Trim());
}
