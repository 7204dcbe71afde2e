using System.Buffers;

namespace PatchBuild.Core.Safety;

/// <summary>
/// The keyword prefilter of every content detector as one search: a text is scanned once for all keywords instead of
/// once per detector, and the answer is a bit per detector (index in <see cref="ContentDetectors.All"/>) whose
/// keyword occurs, with the detector's own case rule.
/// </summary>
internal sealed class DetectorKeywords
{
    /// <summary>
    /// Keywords shorter than this are searched on their own: the shared search is much faster when every keyword has
    /// three characters or more, and two-letter pairs such as "rm" are common in ordinary words.
    /// </summary>
    private const int MinShared = 3;

    private readonly SearchValues<string> _any;
    private readonly (SearchValues<string> Keyword, ulong Detectors)[] _short;
    private readonly (string Keyword, StringComparison Comparison, ulong Detectors)[] _entries;

    public DetectorKeywords(IReadOnlyList<ContentDetector> detectors)
    {
        if (detectors.Count > 64)
        {
            throw new InvalidOperationException("More than 64 content detectors: widen the detector mask.");
        }

        // Plain lists and loops: this runs once per process, where every generic instantiation costs JIT time.
        var all = new List<(string Keyword, StringComparison Comparison, ulong Detectors)>();
        for (int d = 0; d < detectors.Count; d++)
        {
            var comparison = detectors[d].IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (string keyword in detectors[d].Keywords)
            {
                int at = all.FindIndex(e => e.Keyword == keyword && e.Comparison == comparison);
                if (at < 0)
                {
                    all.Add((keyword, comparison, 1UL << d));
                }
                else
                {
                    all[at] = (keyword, comparison, all[at].Detectors | (1UL << d));
                }
            }
        }

        var shared = new List<(string, StringComparison, ulong)>();
        var sharedKeywords = new List<string>();
        var shortOnes = new List<(SearchValues<string>, ulong)>();
        foreach (var (keyword, comparison, mask) in all)
        {
            if (keyword.Length < MinShared)
            {
                // Each on its own: string.IndexOf ignoring case is slow under invariant globalization, SearchValues is not.
                shortOnes.Add((SearchValues.Create([keyword], comparison), mask));
                continue;
            }

            shared.Add((keyword, comparison, mask));
            if (!sharedKeywords.Exists(k => k.Equals(keyword, StringComparison.OrdinalIgnoreCase)))
            {
                sharedKeywords.Add(keyword);
            }
        }

        _entries = [.. shared];
        _short = [.. shortOnes];

        // Searched without case: every case-sensitive occurrence is also one without case, and each hit is then
        // checked against the keywords with their own comparison.
        _any = SearchValues.Create([.. sharedKeywords], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every place in <paramref name="text"/> where a keyword of a detector among <paramref name="wanted"/> starts,
    /// with the detectors it is a keyword of.
    /// </summary>
    /// <remarks>Places come in no particular order.</remarks>
    public void Hits(ReadOnlySpan<char> text, ulong wanted, List<(int Offset, ulong Detectors)> hits)
    {
        foreach (var (keyword, detectors) in _short)
        {
            if ((detectors & wanted) == 0)
            {
                continue;
            }

            int from = 0;
            while (from < text.Length && text[from..].IndexOfAny(keyword) is var found and >= 0)
            {
                hits.Add((from + found, detectors & wanted));
                from += found + 1;
            }
        }

        int at = 0;
        while (at < text.Length)
        {
            int found = text[at..].IndexOfAny(_any);
            if (found < 0)
            {
                return;
            }

            at += found;
            var rest = text[at..];
            ulong here = 0;
            foreach (var (keyword, comparison, detectors) in _entries)
            {
                if ((detectors & wanted & ~here) != 0 && rest.StartsWith(keyword, comparison))
                {
                    here |= detectors;
                }
            }

            if ((here & wanted) != 0)
            {
                hits.Add((at, here & wanted));
            }

            at++;
        }
    }
}
