using System.Buffers;

namespace PatchBuild.Core.Safety;

/// <summary>
/// The keyword prefilter of every content detector as one search: a text is scanned once for all keywords instead of
/// once per detector, and the answer is a bit per detector (index in <see cref="ContentDetectors.All"/>) whose
/// keyword occurs, with the detector's own case rule.
/// </summary>
internal sealed class DetectorKeywords
{
    private readonly SearchValues<string> _any;
    private readonly (string Keyword, StringComparison Comparison, ulong Detectors)[] _entries;

    public DetectorKeywords(IReadOnlyList<ContentDetector> detectors)
    {
        if (detectors.Count > 64)
        {
            throw new InvalidOperationException("More than 64 content detectors: widen the detector mask.");
        }

        var entries = new Dictionary<(string, StringComparison), ulong>();
        for (int d = 0; d < detectors.Count; d++)
        {
            var comparison = detectors[d].IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (string keyword in detectors[d].Keywords)
            {
                entries[(keyword, comparison)] = entries.GetValueOrDefault((keyword, comparison)) | (1UL << d);
            }
        }

        _entries = entries.Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).ToArray();

        // Searched without case: every case-sensitive occurrence is also one without case, and each hit is then
        // checked against the keywords with their own comparison.
        _any = SearchValues.Create(_entries.Select(e => e.Keyword).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every place in <paramref name="text"/> where a keyword of a detector among <paramref name="wanted"/> starts,
    /// with the detectors it is a keyword of.
    /// </summary>
    public void Hits(ReadOnlySpan<char> text, ulong wanted, List<(int Offset, ulong Detectors)> hits)
    {
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
