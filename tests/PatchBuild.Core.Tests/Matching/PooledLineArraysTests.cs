using System.Buffers;
using PatchBuild.Core.Matching;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Matching;

/// <summary>
/// The matcher's per-file arrays come from the shared pools and go back when a file is done (<see cref="LineArrays"/>).
/// A file indexed and edited in arrays that held another file's data, and longer than it needs, must behave exactly as
/// a plain model says; and a structure used after its release must fail, never read what the next file put there.
/// </summary>
public sealed class PooledLineArraysTests
{
    // Leaves the calling thread's pools full of garbage: arrays of every size the next file will rent, filled with
    // values no fresh array holds.
    private static void DirtyThePools()
    {
        for (int size = 1; size <= 4096; size *= 2)
        {
            var ints = ArrayPool<int>.Shared.Rent(size);
            Array.Fill(ints, -7);
            var longs = ArrayPool<ulong>.Shared.Rent(size);
            Array.Fill(longs, 0xDEADBEEFUL);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<ulong>.Shared.Return(longs);
        }
    }

    [Fact]
    public void A_file_indexed_in_reused_arrays_is_indexed_as_a_plain_model_says()
    {
        var random = new Random(2024);
        string[] pieces = ["a", "b;", "  b;", "{", "}", "", "x = 1;", "\t"];
        for (int file = 0; file < 200; file++)
        {
            DirtyThePools();
            var lines = Enumerable.Range(0, random.Next(0, 120)).Select(_ => pieces[random.Next(pieces.Length)]).ToList();
            string text = string.Concat(lines.Select(l => l + "\n"));
            var source = SourceLines.Of(TextDocument.Parse(text));
            var index = new LineIndex(source);

            // The model: compact positions are the non-blank lines; equal trimmed text, equal id, positions ascending.
            var compact = Enumerable.Range(0, lines.Count).Where(i => lines[i].Trim().Length > 0).ToList();
            Assert.Equal(compact.Count, index.Count);
            Assert.Equal(lines.Count, index.LineCount);
            Assert.Equal(compact, index.OriginalLine.Take(index.Count));
            for (int i = 0; i <= lines.Count; i++)
            {
                Assert.Equal(compact.Count(c => c < i), index.CompactAtOrAfter[i]);
            }

            foreach (var group in compact.Select((line, k) => (Key: lines[line].Trim(), K: k)).GroupBy(x => x.Key))
            {
                Assert.Equal(group.Select(x => x.K), index.PositionsOf(index.IdOf(group.Key)).ToArray());
                int k = group.First().K;
                int[] run = [index.IdOf(group.Key)];
                Assert.True(index.RunEquals(k, run, 0, index.HashOf(run, 0)));
            }

            Assert.Equal(-1, index.IdOf("not in the file"));

            var buffer = new LineEditBuffer(source);
            Assert.True(lines.Count == 0 || buffer.IsIntact(0, lines.Count - 1));
            Assert.Equal(lines, buffer.Materialize());
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), buffer.TryEncode(FileEncoding.Utf8, "\n", out _));
            if (lines.Count > 2)
            {
                buffer.Replace(1, 1, new WrittenBlock(["new"], 1), 1);
                Assert.Equal(1, buffer.ToucherOf(0, 2));
                Assert.Equal(0, buffer.ToucherOf(2, lines.Count - 1));
                Assert.Equal([lines[0], "new", .. lines.Skip(2)], buffer.Materialize());
            }

            index.Release();
            buffer.Release();
            source.Release();
        }
    }

    [Fact]
    public void A_released_index_buffer_or_line_list_fails_instead_of_reading_another_files_data()
    {
        var source = SourceLines.Of(TextDocument.Parse("a\nb\nc\n"));
        var index = new LineIndex(source);
        var buffer = new LineEditBuffer(source);
        index.Release();
        buffer.Release();
        source.Release();

        // The arrays went back to the pool; what the next file writes into them must not be readable through these.
        var next = SourceLines.Of(TextDocument.Parse("x\ny\nz\n"));
        _ = new LineIndex(next);
        _ = new LineEditBuffer(next);

        Assert.Throws<NullReferenceException>(() => source.Span(0).ToString());
        Assert.Throws<NullReferenceException>(() => index.PositionsOf(0).ToArray());
        Assert.Throws<NullReferenceException>(() => index.CompactAtOrAfter[0]);
        Assert.Throws<NullReferenceException>(() => buffer.IsRemoved(0));
        Assert.Throws<NullReferenceException>(() => buffer.IsIntact(0, 1));
    }

    [Fact]
    public void Releasing_twice_gives_nothing_back_twice()
    {
        var source = SourceLines.Of(TextDocument.Parse("a\nb\n"));
        var index = new LineIndex(source);
        var buffer = new LineEditBuffer(source);
        _ = source[0];
        for (int i = 0; i < 2; i++)
        {
            index.Release();
            buffer.Release();
            source.Release();
        }

        // Had the line arrays gone back twice, two rents would share one array.
        var first = LineArrays.Rent<int>(2);
        var second = LineArrays.Rent<int>(2);
        Assert.NotSame(first, second);
    }
}
