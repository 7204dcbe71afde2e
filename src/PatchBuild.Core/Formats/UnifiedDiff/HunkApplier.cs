using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Applies one file's hunks to its planned text. Lines are compared without terminators, so a CRLF file takes a
/// diff made with LF (and keeps CRLF). The result is built in one pass over the original lines.
/// </summary>
public sealed class HunkApplier : IModificationApplier
{
    public bool CanApply(Modification modification) => modification is HunkModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var source = ((HunkModification)modification).Hunks;
        var hunks = new List<PreparedHunk>(source.Count);
        foreach (var hunk in source)
        {
            hunks.Add(new PreparedHunk(hunk));
        }

        var document = context.Document;
        if (hunks.Count == 0)
        {
            return ModificationOutcome.AlreadyApplied("the diff has no hunks");
        }

        var target = new TargetLines(document.Lines);
        var forward = HunkPlacer.Place(target, hunks, newSide: false, context.Options.Fuzz);
        if (!forward.Exact && IsAlreadyApplied(target, hunks, forward))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the file already holds the diff's result");
        }

        if (!forward.AllPlaced)
        {
            throw HunkConflict.Create(target, hunks, forward, context);
        }

        var result = Build(document, hunks, forward);
        if (result.EndsWithNewline == document.EndsWithNewline && SameLines(result.Lines, document.Lines))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the diff changes nothing in the file");
        }

        context.Document = result;
        return ModificationOutcome.Applied() with { Notes = Notes(hunks, forward) };
    }

    // The result is present when every hunk's new side is found (where the earlier hunks lead) and the old side
    // either is not, or only at a worse place: one that contradicts a hunk's file-edge context, or further away.
    // (Without the edge rule, a hunk that appends at the end of the file would append again on every run.) Hunks with an empty new side prove nothing by matching, so at least
    // one hunk must bring lines (or the file must be empty, as a diff that deletes everything leaves it).
    private static bool IsAlreadyApplied(TargetLines target, List<PreparedHunk> hunks, PlacementResult forward)
    {
        if (target.Count > 0 && hunks.All(h => h.New.Lines.Length == 0))
        {
            return false;
        }

        var reverse = HunkPlacer.Place(target, hunks, newSide: true, maxFuzz: 0);
        return reverse.AllPlaced &&
               (!forward.AllPlaced || (reverse.MissedEdges, reverse.TotalDeviation).CompareTo((forward.MissedEdges, forward.TotalDeviation)) < 0);
    }

    private static TextDocument Build(TextDocument original, List<PreparedHunk> hunks, PlacementResult placement)
    {
        var source = original.Lines;
        int growth = hunks.Sum(h => h.New.Lines.Length - h.Old.Lines.Length);
        var lines = new List<string>(Math.Max(0, source.Count + growth));
        int cursor = 0;
        bool touchesEnd = false;
        PreparedHunk? last = null;
        for (int k = 0; k < hunks.Count; k++)
        {
            var hunk = hunks[k];
            var place = placement.Placements[k];
            int oldLength = hunk.Old.Lines.Length, newLength = hunk.New.Lines.Length;
            int regionStart = place.Start + place.IgnoredLeading;
            int regionEnd = place.Start + oldLength - place.IgnoredTrailing;
            for (int i = cursor; i < regionStart; i++)
            {
                lines.Add(source[i]);
            }

            for (int i = place.IgnoredLeading; i < newLength - place.IgnoredTrailing; i++)
            {
                lines.Add(hunk.New.Lines[i]);
            }

            cursor = regionEnd;
            // (Trailing context that fuzz ignored may reach past the end of a file that lost its last lines.)
            touchesEnd = place.Start + oldLength >= source.Count;
            last = hunk;
        }

        for (int i = cursor; i < source.Count; i++)
        {
            lines.Add(source[i]);
        }

        var result = new TextDocument(lines, original.Newline, original.EndsWithNewline, original.HasBom);
        if (touchesEnd && last is not null)
        {
            if (last.Hunk.NewMissingFinalNewline)
            {
                result.EndsWithNewline = false;
            }
            else if (last.Hunk.OldMissingFinalNewline || source.Count == 0)
            {
                result.EndsWithNewline = true;
            }
        }

        if (lines.Count == 0)
        {
            result.EndsWithNewline = false;
        }

        return result;
    }

    private static bool SameLines(List<string> a, List<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Notes(List<PreparedHunk> hunks, PlacementResult placement)
    {
        var notes = new List<string>();
        for (int k = 0; k < hunks.Count; k++)
        {
            var place = placement.Placements[k];
            if (place.Offset != 0)
            {
                notes.Add($"hunk {hunks[k].Hunk.Number} applied at offset {place.Offset:+0;-0} (line {place.Start + 1})");
            }

            if (place.Fuzz > 0)
            {
                notes.Add($"hunk {hunks[k].Hunk.Number} needed fuzz {place.Fuzz}");
            }
        }

        return notes;
    }
}
