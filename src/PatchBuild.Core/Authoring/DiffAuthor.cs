using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// Turns the line differences between two versions of a file into ap edits, top to bottom. Each difference is widened
/// with unchanged neighbours until both patchers would carry it out verbatim: its region and its content start and
/// end on non-blank lines (values lose blank edges, spec 2.3), and content with a line at column 0 replaces a region
/// that starts at column 0 (patchers re-indent such content to the region, spec 3.6). Returns null when some
/// difference cannot be expressed by locator edits (the caller rewrites the file whole).
/// </summary>
internal static class DiffAuthor
{
    private const int MaxWidening = 64;

    private sealed class Hunk(int oa, int ob, int na, int nb)
    {
        public int OldFrom = oa, OldTo = ob, NewFrom = na, NewTo = nb;
    }

    private enum Fit
    {
        Ok,
        BlockedAbove,
        BlockedBelow,
    }

    public static List<AuthoredEdit>? Edits(KeyedLines older, KeyedLines newer)
    {
        var changes = LineDiff.Compute(older.Lines, newer.Lines);
        var hunks = new List<Hunk>();
        for (int c = 0; c < changes.Count; c++)
        {
            var change = changes[c];
            var hunk = new Hunk(change.DeleteStart, change.DeleteStart + change.DeleteCount, change.InsertStart, change.InsertStart + change.InsertCount);
            while (true)
            {
                // Lines between two differences are the same in both versions: a hunk may take them in, but reaching
                // a neighbouring difference makes the two one edit.
                int minOld = hunks.Count > 0 ? hunks[^1].OldTo : 0;
                int maxOld = c + 1 < changes.Count ? changes[c + 1].DeleteStart : older.Lines.Count;
                var fit = Normalise(hunk, older, newer, minOld, maxOld);
                if (fit == Fit.Ok)
                {
                    break;
                }

                if (fit == Fit.BlockedAbove && hunks.Count > 0 && hunk.OldFrom == minOld)
                {
                    var previous = hunks[^1];
                    hunks.RemoveAt(hunks.Count - 1);
                    hunk = new Hunk(previous.OldFrom, hunk.OldTo, previous.NewFrom, hunk.NewTo);
                }
                else if (fit == Fit.BlockedBelow && c + 1 < changes.Count && hunk.OldTo == maxOld)
                {
                    var next = changes[++c];
                    hunk.OldTo = next.DeleteStart + next.DeleteCount;
                    hunk.NewTo = next.InsertStart + next.InsertCount;
                }
                else
                {
                    return null;
                }
            }

            hunks.Add(hunk);
        }

        var edits = new List<AuthoredEdit>();
        for (int i = 0; i < hunks.Count; i++)
        {
            int previousOld = i > 0 ? hunks[i - 1].OldTo : 0, previousNew = i > 0 ? hunks[i - 1].NewTo : 0;
            int nextOld = i + 1 < hunks.Count ? hunks[i + 1].OldFrom : older.Lines.Count;
            if (!Author(hunks[i], older, newer, (previousOld, previousNew, nextOld), edits))
            {
                return null;
            }
        }

        return edits;
    }

    private static bool Author(Hunk hunk, KeyedLines older, KeyedLines newer, (int PreviousOld, int PreviousNew, int NextOld) bounds, List<AuthoredEdit> edits)
    {
        for (int attempt = 0; attempt < MaxWidening; attempt++)
        {
            // The text the patcher sees when it reaches this edit: earlier edits done, this one not yet.
            var current = KeyedLines.Splice(newer, hunk.NewFrom, older, hunk.OldFrom);
            var planner = new LocatorPlanner(current, older, current.CompactBefore[Math.Min(bounds.PreviousNew, hunk.NewFrom)]);
            var content = Content(newer, hunk);
            if (TryAuthor(hunk, older, newer, current, planner, content) is { } edit)
            {
                edits.Add(edit);
                return true;
            }

            // No unique locator or an insert a patcher would skip as "already applied": take in a neighbour and retry.
            if (!Widen(hunk, bounds.PreviousOld, bounds.NextOld, IsFlush(newer, hunk) || attempt % 2 == 1) || Normalise(hunk, older, newer, bounds.PreviousOld, bounds.NextOld) != Fit.Ok)
            {
                return false;
            }
        }

        return false;
    }

    private static AuthoredEdit? TryAuthor(Hunk hunk, KeyedLines older, KeyedLines newer, KeyedLines current, LocatorPlanner planner, List<string> content)
    {
        int at = hunk.NewFrom; // the edit's first line in the current text
        if (hunk.OldTo > hunk.OldFrom)
        {
            int p = current.CompactBefore[at], q = current.CompactBefore[at + hunk.OldTo - hunk.OldFrom - 1];
            if (content.Count > 0 && ContentAlreadyAround(current, p, q, newer, hunk))
            {
                return null;
            }

            return planner.ForRange(p, q, content.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()) is { } range
                ? AuthoredEdit.From(content.Count == 0 ? EditAction.Delete : EditAction.Replace, range, current, content)
                : null;
        }

        var key = newer.Slice(newer.CompactBefore[hunk.NewFrom], newer.CompactBefore[hunk.NewTo] - newer.CompactBefore[hunk.NewFrom]);
        int next = current.CompactBefore[at];
        if (!IsFlush(newer, hunk) && hunk.OldFrom > 0 && !IsBlank(older.Lines[hunk.OldFrom - 1]) && !StartsAt(current, next, key)
            && planner.ForPoint(next - 1, after: true) is { } after)
        {
            return AuthoredEdit.From(EditAction.InsertAfter, after, current, content);
        }

        if (hunk.OldFrom < older.Lines.Count && !IsBlank(older.Lines[hunk.OldFrom]) && !EndsBefore(current, next, key)
            && planner.ForPoint(next, after: false) is { } before)
        {
            return AuthoredEdit.From(EditAction.InsertBefore, before, current, content);
        }

        return null;
    }

    // A patcher skips a REPLACE whose content already surrounds its region (spec 3.1); widening avoids the look-alike.
    private static bool ContentAlreadyAround(KeyedLines current, int p, int q, KeyedLines newer, Hunk hunk)
    {
        var key = newer.Slice(newer.CompactBefore[hunk.NewFrom], newer.CompactBefore[hunk.NewTo] - newer.CompactBefore[hunk.NewFrom]);
        for (int start = Math.Max(0, q + 1 - key.Length); start <= p; start++)
        {
            if (start + key.Length >= q + 1 && StartsAt(current, start, key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsAt(KeyedLines text, int at, string[] key)
    {
        if (key.Length == 0 || at + key.Length > text.Count)
        {
            return false;
        }

        for (int i = 0; i < key.Length; i++)
        {
            if (!string.Equals(text.Keys[at + i], key[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EndsBefore(KeyedLines text, int at, string[] key) => at - key.Length >= 0 && StartsAt(text, at - key.Length, key);

    private static List<string> Content(KeyedLines newer, Hunk hunk)
    {
        var content = new List<string>(hunk.NewTo - hunk.NewFrom);
        for (int i = hunk.NewFrom; i < hunk.NewTo; i++)
        {
            content.Add(newer.Lines[i].TrimEnd());
        }

        return content;
    }

    /// <summary>Widens until region and content have non-blank edges and flush content meets a flush region.</summary>
    private static Fit Normalise(Hunk h, KeyedLines older, KeyedLines newer, int minOld, int maxOld)
    {
        while (true)
        {
            bool hasOld = h.OldTo > h.OldFrom, hasNew = h.NewTo > h.NewFrom;
            bool flush = hasNew && IsFlush(newer, h);

            // A pure insertion of flush content goes before a flush line (INSERT_BEFORE takes that line's indentation).
            bool flushMisfit = flush && (hasOld ? Indented(older.Lines[h.OldFrom]) : h.OldFrom >= older.Lines.Count || IsBlank(older.Lines[h.OldFrom]) || Indented(older.Lines[h.OldFrom]));
            bool top = (hasOld && IsBlank(older.Lines[h.OldFrom])) || (hasNew && IsBlank(newer.Lines[h.NewFrom])) || (flushMisfit && (hasOld || h.OldFrom == 0));
            bool bottom = (hasOld && IsBlank(older.Lines[h.OldTo - 1])) || (hasNew && IsBlank(newer.Lines[h.NewTo - 1])) || (flushMisfit && !top);
            if (!top && !bottom)
            {
                return Fit.Ok;
            }

            if (top)
            {
                if (h.OldFrom <= minOld || h.NewFrom == 0)
                {
                    return Fit.BlockedAbove;
                }

                h.OldFrom--;
                h.NewFrom--;
            }
            else if (!Down(h, maxOld, newer))
            {
                return Fit.BlockedBelow;
            }
        }
    }

    private static bool IsFlush(KeyedLines newer, Hunk h)
    {
        for (int i = h.NewFrom; i < h.NewTo; i++)
        {
            if (!IsBlank(newer.Lines[i]) && !Indented(newer.Lines[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Indented(string line) => line.Length > 0 && char.IsWhiteSpace(line[0]);

    private static bool Down(Hunk h, int maxOld, KeyedLines newer)
    {
        if (h.OldTo >= maxOld || h.NewTo >= newer.Lines.Count)
        {
            return false;
        }

        h.OldTo++;
        h.NewTo++;
        return true;
    }

    // One more unchanged line: above when there is one, else below.
    private static bool Widen(Hunk h, int minOld, int maxOld, bool preferBelow)
    {
        // Flush content keeps its flush first line below it. Otherwise the two directions take turns: content that
        // already follows the region (a look-alike a patcher would skip) is only cured from below.
        bool below = preferBelow && h.OldTo < maxOld;
        if (!below && h.OldFrom > minOld && h.NewFrom > 0)
        {
            h.OldFrom--;
            h.NewFrom--;
            return true;
        }

        if (h.OldTo >= maxOld)
        {
            return false;
        }

        h.OldTo++;
        h.NewTo++;
        return true;
    }

    private static bool IsBlank(string line) => line.AsSpan().Trim().IsEmpty;
}
