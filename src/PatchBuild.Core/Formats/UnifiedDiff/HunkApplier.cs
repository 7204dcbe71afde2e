using PatchBuild.Core.Matching;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Applies one file's hunks to its planned text, as git apply does: on the file's bytes. A line is what lies
/// between two newlines, so a CR before the newline is part of it, and a UTF-8 byte order mark is part of line 1;
/// a hunk matches only lines with the same bytes, and writes its lines with exactly the bytes it holds. Where that
/// finds no place and git apply would refuse, the hunks are tried once more as text: lines compared without the CR
/// and the byte order mark, new lines taking the ending of the lines around them (an LF diff of a CRLF file).
/// </summary>
public sealed class HunkApplier : IModificationApplier
{
    public bool CanApply(Modification modification) => modification is HunkModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var source = ((HunkModification)modification).Hunks;
        var document = context.Document;
        if (source.Count == 0)
        {
            return ModificationOutcome.AlreadyApplied("the diff has no hunks");
        }

        var hunks = source.Select(h => new PreparedHunk(h)).ToList();
        var view = GitView.Of(document);
        try
        {
            var target = new TargetLines(view.Lines);
            var forward = HunkPlacer.Place(target, hunks, newSide: false, context.Options.Fuzz);
            if (!forward.Exact && IsAlreadyApplied(target, hunks, forward))
            {
                return ModificationOutcome.AlreadyApplied("already applied: the file already holds the diff's result");
            }

            if (forward.AllPlaced)
            {
                if (HunkConflict.Ambiguous(target, hunks, forward, context) is { } ambiguous)
                {
                    throw ambiguous;
                }

                var result = Build(view.Lines, view.EndsWithNewline, hunks, forward);
                if (result.SameAs(view.Lines, view.EndsWithNewline))
                {
                    return ModificationOutcome.AlreadyApplied("already applied: the diff changes nothing in the file");
                }

                context.Document = view.ToDocument(result, hunks);
                return ModificationOutcome.Applied() with { Notes = Notes(hunks, forward) };
            }

            if (!view.DiffersAsText && !hunks.Any(h => h.Hunk.Lines.Any(l => l.AsSpan().Contains('\r'))))
            {
                throw HunkConflict.Create(target, hunks, forward, context);
            }
        }
        finally
        {
            // The file's line spans go back to the pool: nothing made from them (the new document) refers to them.
            view.Lines.Release();
        }

        return ApplyAsText(source, document, context);
    }

    private static ModificationOutcome ApplyAsText(IReadOnlyList<DiffHunk> source, TextDocument document, FileEditContext context)
    {
        var hunks = source.Select(h => new PreparedHunk(h, lenient: true)).ToList();
        var target = new TargetLines(SourceLines.Of(document.Lines));
        var forward = HunkPlacer.Place(target, hunks, newSide: false, context.Options.Fuzz);
        if (!forward.Exact && IsAlreadyApplied(target, hunks, forward))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the file already holds the diff's result");
        }

        if (!forward.AllPlaced)
        {
            throw HunkConflict.Create(target, hunks, forward, context);
        }

        if (HunkConflict.Ambiguous(target, hunks, forward, context) is { } ambiguous)
        {
            throw ambiguous;
        }

        var built = Build(target.Lines, document.EndsWithNewline, hunks, forward);
        if (built.SameAs(target.Lines, document.EndsWithNewline))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the diff changes nothing in the file");
        }

        var result = new TextDocument(built.Materialize(), document.Newline, built.EndsWithNewline) { Encoding = document.Encoding };
        result.AdoptShapeOf(document);
        context.Document = result;
        var notes = Notes(hunks, forward);
        notes.Add("the diff's line endings (or byte order mark) differ from the file's: applied to the text, new lines take the file's line endings");
        return ModificationOutcome.Applied() with { Notes = notes };
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

    private static PatchedLines Build(SourceLines source, bool sourceEndsWithNewline, List<PreparedHunk> hunks, PlacementResult placement)
    {
        var result = new PatchedLines(source, sourceEndsWithNewline);
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
            result.AddSource(cursor, regionStart);
            result.AddWritten(hunk.New.Lines, place.IgnoredLeading, newLength - place.IgnoredTrailing);
            cursor = regionEnd;
            // (Trailing context that fuzz ignored may reach past the end of a file that lost its last lines.)
            touchesEnd = place.Start + oldLength >= source.Count;
            last = hunk;
        }

        result.AddSource(cursor, source.Count);
        bool endsWithNewline = sourceEndsWithNewline;
        if (touchesEnd && last is not null)
        {
            if (last.Hunk.NewMissingFinalNewline)
            {
                endsWithNewline = false;
            }
            else if (last.Hunk.OldMissingFinalNewline || source.Count == 0)
            {
                endsWithNewline = true;
            }
        }

        result.EndsWithNewline = endsWithNewline && result.Count > 0;
        return result;
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
