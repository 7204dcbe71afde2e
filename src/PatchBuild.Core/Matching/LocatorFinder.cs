using System.Runtime.InteropServices;

namespace PatchBuild.Core.Matching;

/// <summary>Where a locator occurs in the file's original text (compact positions of each match's first line).</summary>
internal sealed record LocatorHits(IReadOnlyList<int> Starts, int Length, bool Decorated)
{
    public static LocatorHits None(int length) => new([], length, false);
}

/// <summary>
/// Finds every occurrence of a locator in the indexed text: candidates come from the locator's rarest line, each is
/// confirmed with one hash comparison. When nothing matches exactly, a second pass forgives decoration on the first
/// line (on either side) — the caller decides whether that is allowed.
/// </summary>
internal sealed class LocatorFinder(LineIndex index)
{
    public LocatorHits Find(LocatorText locator)
    {
        var lines = locator.Lines;
        int m = lines.Count;
        if (m == 0)
        {
            return LocatorHits.None(0);
        }

        int[] ids = new int[m];
        for (int t = 0; t < m; t++)
        {
            ids[t] = index.IdOf(lines[t]);
        }

        var exact = FindExact(ids);
        if (exact.Count > 0)
        {
            return new LocatorHits(exact, m, false);
        }

        var decorated = FindDecorated(lines, ids);
        return decorated.Count > 0 ? new LocatorHits(decorated, m, true) : LocatorHits.None(m);
    }

    private List<int> FindExact(int[] ids)
    {
        var result = new List<int>();
        int pivot = -1;
        for (int t = 0; t < ids.Length; t++)
        {
            if (ids[t] < 0)
            {
                return result;
            }

            if (pivot < 0 || index.PositionsOf(ids[t]).Length < index.PositionsOf(ids[pivot]).Length)
            {
                pivot = t;
            }
        }

        // One line: the id is the line, so every position is a match and no hash needs comparing.
        if (ids.Length == 1)
        {
            result.AddRange(index.PositionsOf(ids[0]));
            return result;
        }

        ulong hash = index.HashOf(ids, 0);
        foreach (int position in index.PositionsOf(ids[pivot]))
        {
            int start = position - pivot;
            if (index.RunEquals(start, ids, 0, hash))
            {
                result.Add(start);
            }
        }

        return result;
    }

    private List<int> FindDecorated(IReadOnlyList<string> lines, int[] ids)
    {
        var found = new SortedSet<int>();
        for (int t = 1; t < ids.Length; t++)
        {
            if (ids[t] < 0)
            {
                return [];
            }
        }

        ulong restHash = index.HashOf(ids, 1);
        void Consider(ReadOnlySpan<int> firstLineCandidates)
        {
            foreach (int start in firstLineCandidates)
            {
                if (ids.Length == 1 || index.RunEquals(start + 1, ids, 1, restHash))
                {
                    found.Add(start);
                }
            }
        }

        // The file's line carries decoration the locator lacks ("- foo()" in a markdown list, "// foo()" commented out).
        Consider(CollectionsMarshal.AsSpan(index.PositionsOfUndecorated(lines[0])));

        // The locator's first line carries decoration the file lacks.
        string stripped = LineDecoration.Strip(lines[0]);
        if (!ReferenceEquals(stripped, lines[0]) && stripped.Length > 0)
        {
            int id = index.IdOf(stripped);
            if (id >= 0)
            {
                Consider(index.PositionsOf(id));
            }

            Consider(CollectionsMarshal.AsSpan(index.PositionsOfUndecorated(stripped)));
        }

        return [.. found];
    }
}
