using PatchBuild.Core.Matching;

namespace PatchBuild.Core.Tests.Matching;

/// <summary>
/// The ids the line index gives a file's trimmed lines, read back from the file's own lines (no key strings): equal
/// text, equal id; anything else, another id; a line the file does not hold, -1. Checked against a plain ordinal
/// dictionary of trimmed strings, the structure it replaced, on hostile and generated inputs.
/// </summary>
public sealed class DistinctLinesTests
{
    public static TheoryData<string, string[]> HostileFiles => new()
    {
        { "whitespace only differs around the text", ["  x = 1;", "x = 1;\t", "\tx = 1;  ", "x  = 1;"] },
        { "unicode spaces are trimmed like ASCII ones", ["\u00a0a\u2003", "a", "\u3000a"] },
        { "NUL and control characters are text", ["a\0b", "a\0c", "a\u0001b", "a\0b"] },
        { "lone surrogates and combining marks", ["\ud800", "\udc00", "e\u0301", "\u00e9", "\ud800"] },
        { "case is not folded", ["Value", "value", "VALUE"] },
        { "a very long line and its prefix", [new string('x', 100_000), new string('x', 99_999), new string('x', 100_000)] },
        { "the same line many times", Enumerable.Repeat("}", 5000).ToArray() },
        { "right-to-left and zero-width characters", ["a\u200bb", "ab", "\u202eab", "a\u200bb"] },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void Ids_follow_ordinal_equality_of_the_trimmed_line(string why, string[] lines)
    {
        AssertLikeADictionary(lines, why);
    }

    [Fact]
    public void Generated_files_get_the_same_ids_as_a_dictionary_of_trimmed_strings()
    {
        // Small alphabets make many repeats and near-repeats; a fixed seed keeps a failure reproducible.
        var random = new Random(1234);
        string[] pieces = ["a", "b", " ", "\t", "{", "}", "x;", "\u00e9", "\0"];
        for (int file = 0; file < 300; file++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 200))
                .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => pieces[random.Next(pieces.Length)])))
                .Where(l => l.Trim().Length > 0)
                .ToArray();
            AssertLikeADictionary(lines, $"file {file}");
        }
    }

    [Fact]
    public void Fifty_thousand_distinct_lines_all_get_their_own_id()
    {
        var lines = Enumerable.Range(0, 50_000).Select(i => $"line {i}").ToArray();
        var distinct = Index(lines);
        Assert.Equal(50_000, distinct.Count);
        Assert.Equal(49_999, distinct.IdOf("line 49999"));
        Assert.Equal(-1, distinct.IdOf("line 50000"));
    }

    [Fact]
    public void An_empty_file_has_no_ids_and_finds_nothing()
    {
        var distinct = Index([]);
        Assert.Equal(0, distinct.Count);
        Assert.Equal(-1, distinct.IdOf("x"));
        Assert.Equal(-1, distinct.IdOf(""));
    }

    private static DistinctLines Index(string[] lines)
    {
        var distinct = new DistinctLines(lines);
        for (int i = 0; i < lines.Length; i++)
        {
            distinct.IdOrAdd(lines[i].AsSpan().Trim(), i);
        }

        return distinct;
    }

    private static void AssertLikeADictionary(string[] lines, string why)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new DistinctLines(lines);
        for (int i = 0; i < lines.Length; i++)
        {
            string key = lines[i].Trim();
            if (!expected.TryGetValue(key, out int id))
            {
                expected[key] = id = expected.Count;
            }

            Assert.True(id == distinct.IdOrAdd(key, i), $"{why}: line {i} ({key})");
        }

        Assert.Equal(expected.Count, distinct.Count);
        foreach (var (key, id) in expected)
        {
            Assert.Equal(id, distinct.IdOf(key));
            Assert.Equal(-1, distinct.IdOf(key + "\u0001"));
        }
    }
}
