using System.Runtime.CompilerServices;
using System.Text;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// The shared decoded text of a planned file: readers close behind one another get one copy, the table never keeps a
/// text alive on its own (a many-file plan would hold all of them), and whatever the timing every reader gets the
/// text <see cref="FileEncoding.Decode"/> gives.
/// </summary>
public sealed class DecodedTextsTests
{
    private static readonly byte[][] Samples =
    [
        Encoding.UTF8.GetBytes("plain\nlines\n"),
        [0xEF, 0xBB, 0xBF, (byte)'b', (byte)'o', (byte)'m', (byte)'\r', (byte)'\n'],
        [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n'], // Latin-1: the byte stays an escape
        [0xFF, 0xFE, (byte)'u', 0, (byte)'\n', 0], // UTF-16 LE
        [],
    ];

    [Fact]
    public void A_reader_that_comes_while_the_text_is_held_gets_the_same_copy()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("class C { }\n");
        string first = DecodedTexts.Of(bytes);
        string second = DecodedTexts.Of(bytes);
        Assert.Same(first, second);
        Assert.Equal("class C { }\n", second);
    }

    [Fact]
    public void The_table_does_not_keep_a_text_alive_and_a_late_reader_decodes_it_again()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(new string('x', 10_000) + "\n");
        var text = ReadAndDrop(bytes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(text.IsAlive, "the decoded text outlived its last reader: the table holds it strongly");
        Assert.Equal(FileEncoding.Decode(bytes).Text, DecodedTexts.Of(bytes));
        GC.KeepAlive(bytes);
    }

    [Fact]
    public void Every_reader_on_every_thread_gets_what_decoding_gives()
    {
        var inputs = Enumerable.Range(0, 200).Select(i => i < Samples.Length ? Samples[i] : Encoding.UTF8.GetBytes($"file {i}\r\nline\u00e9\n")).ToArray();
        var expected = inputs.Select(b => FileEncoding.Decode(b).Text).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 8, worker =>
        {
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < inputs.Length; i++)
                {
                    int k = (i + (worker * 37)) % inputs.Length;
                    if (DecodedTexts.Of(inputs[k]) != expected[k])
                    {
                        failures.Add(k);
                    }
                }

                if (round % 5 == 0)
                {
                    GC.Collect(0);
                }
            }
        });

        Assert.Empty(failures);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ReadAndDrop(byte[] bytes) => new(DecodedTexts.Of(bytes));
}
