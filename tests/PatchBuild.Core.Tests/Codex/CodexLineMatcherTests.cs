using PatchBuild.Core.Formats.Codex;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>The indexed matcher against the plain definition of the ladder: a full scan per level, strictest first.</summary>
public sealed class CodexLineMatcherTests
{
    private static readonly string[] Pieces = ["a", " a", "a ", "\ta\t", "b", "x \u2014 y", "x - y", "\u201Cq\u201D", "\"q\"", "", "  ", "c\u00A0d", "c d"];

    [Fact]
    public void Indexed_search_finds_what_a_scan_per_level_finds()
    {
        var random = new Random(2026);
        for (int round = 0; round < 3000; round++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 14)).Select(_ => Pieces[random.Next(Pieces.Length)]).ToList();
            var pattern = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pieces[random.Next(Pieces.Length)]).ToList();
            int start = random.Next(0, lines.Count + 1);
            bool endOfFile = random.Next(4) == 0;
            var loosest = (ChunkMatchLevel)random.Next(4);

            var expected = Scan(lines, pattern, start, endOfFile, loosest);
            var actual = new CodexLineMatcher(lines).Seek(pattern, start, endOfFile, loosest);
            Assert.True(expected == actual, $"lines [{string.Join("|", lines)}] pattern [{string.Join("|", pattern)}] start {start} eof {endOfFile} {loosest}: expected {expected}, got {actual}");
        }
    }

    private static (int, ChunkMatchLevel) Scan(List<string> lines, List<string> pattern, int start, bool endOfFile, ChunkMatchLevel loosest)
    {
        int last = lines.Count - pattern.Count;
        if (last < 0)
        {
            return (-1, ChunkMatchLevel.Exact);
        }

        Func<string, string>[] views =
        [
            s => s,
            s => s.TrimEnd(),
            s => s.Trim(),
            s => new string(s.Trim().Select(c => c switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                '\u2018' or '\u2019' or '\u201A' or '\u201B' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
                '\u00A0' or '\u2002' or '\u2003' or '\u2004' or '\u2005' or '\u2006' or '\u2007' or '\u2008' or '\u2009' or '\u200A' or '\u202F' or '\u205F' or '\u3000' => ' ',
                _ => c,
            }).ToArray()),
        ];
        for (int level = 0; level <= (int)loosest; level++)
        {
            for (int i = endOfFile ? last : start; i <= last; i++)
            {
                if (pattern.Select((p, k) => views[level](p) == views[level](lines[i + k])).All(x => x))
                {
                    return (i, (ChunkMatchLevel)level);
                }
            }
        }

        return (-1, ChunkMatchLevel.Exact);
    }
}
