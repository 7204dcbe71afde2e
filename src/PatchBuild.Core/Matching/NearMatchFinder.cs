namespace PatchBuild.Core.Matching;

/// <summary>
/// Suggests where a missing locator probably meant to point. Only lines sharing a word with the locator are scored,
/// and the work is capped, so even a failing patch against a huge file stays fast.
/// </summary>
internal sealed class NearMatchFinder(LineIndex index)
{
    private const int MaxPostingsPerToken = 4000;
    private const int MaxVotes = 200_000;
    private Dictionary<string, List<int>>? _tokens;

    public (IReadOnlyList<NearMatch> Matches, NearMatch? ContainingLine) Find(LocatorText locator, int count = 3)
    {
        var lines = locator.Lines;
        var tokens = _tokens ??= BuildTokenIndex();
        var votes = new Dictionary<int, int>();
        NearMatch? containing = null;
        var checkedForFragment = new HashSet<int>();
        int work = 0;
        for (int t = 0; t < lines.Count && work < MaxVotes; t++)
        {
            foreach (string token in Tokenize(lines[t]).Distinct())
            {
                if (!tokens.TryGetValue(token, out var postings) || postings.Count > MaxPostingsPerToken)
                {
                    continue;
                }

                foreach (int k in postings)
                {
                    if (++work > MaxVotes)
                    {
                        break;
                    }

                    int start = k - t;
                    if (start >= 0)
                    {
                        votes[start] = votes.GetValueOrDefault(start) + 1;
                    }

                    // Only the first line is checked for being a fragment, each file line once: bounded by the file's size.
                    if (containing is null && t == 0 && checkedForFragment.Add(k) && index.Normalized[k].Length > lines[t].Length
                        && index.Normalized[k].Contains(lines[t], StringComparison.Ordinal))
                    {
                        containing = new NearMatch(index.OriginalLine[k] + 1, 1.0, index.Normalized[k]);
                    }
                }
            }
        }

        var scored = votes
            .OrderByDescending(v => v.Value).ThenBy(v => v.Key)
            .Take(25)
            .Select(v => (Start: v.Key, Score: Similarity(lines, v.Key)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Start)
            .Take(count)
            .Select(s => new NearMatch(index.OriginalLine[s.Start] + 1, Math.Round(s.Score, 3), Window(s.Start, lines.Count)))
            .ToList();
        return (scored, containing);
    }

    private double Similarity(IReadOnlyList<string> lines, int start)
    {
        double total = 0;
        for (int t = 0; t < lines.Count; t++)
        {
            if (start + t < index.Count)
            {
                total += Dice(lines[t], index.Normalized[start + t]);
            }
        }

        return total / lines.Count;
    }

    private string Window(int start, int length) =>
        string.Join("\n", index.Normalized.Skip(start).Take(Math.Min(length, 5)));

    // Dice coefficient over character bigrams: cheap, and tolerant of small edits anywhere in the line.
    private static double Dice(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        a = a.Length > 300 ? a[..300] : a;
        b = b.Length > 300 ? b[..300] : b;
        var bigrams = new Dictionary<int, int>();
        for (int i = 0; i + 1 < a.Length; i++)
        {
            int key = (a[i] << 16) | a[i + 1];
            bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
        }

        int shared = 0;
        for (int i = 0; i + 1 < b.Length; i++)
        {
            int key = (b[i] << 16) | b[i + 1];
            if (bigrams.TryGetValue(key, out int n) && n > 0)
            {
                bigrams[key] = n - 1;
                shared++;
            }
        }

        return 2.0 * shared / (a.Length - 1 + b.Length - 1);
    }

    private Dictionary<string, List<int>> BuildTokenIndex()
    {
        var result = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int k = 0; k < index.Count; k++)
        {
            foreach (string token in Tokenize(index.Normalized[k]).Distinct())
            {
                if (!result.TryGetValue(token, out var list))
                {
                    result[token] = list = [];
                }

                list.Add(k);
            }
        }

        return result;
    }

    private static IEnumerable<string> Tokenize(string line)
    {
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsLetterOrDigit(line[i]) || line[i] == '_')
            {
                int start = i;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_'))
                {
                    i++;
                }

                if (i - start >= 2)
                {
                    yield return line[start..i];
                }
            }
            else
            {
                i++;
            }
        }
    }
}
