using System.Diagnostics;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.State.Backups;

namespace PatchBuild.Core.Tests.History;

/// <summary>
/// A large pack is deflated in two halves at once and written as one stream. Proven by reading every content back
/// through the pack reader (what rollback and recovery use) and by an independent inflater (Python's zlib), across
/// sizes on both sides of the split and cuts at every kind of blob boundary.
/// </summary>
public class BackupPackSplitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pb-pack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 4_000, 1 },                                        // far below the split
        { 300, 4_000, 2 },                                      // just over 1 MiB: split
        { 1_000, 6_200, 3 },                                    // the 500-file benchmark's size
        { 3, (int)(BackupPack.Writer.SplitFrom / 2) + 1, 4 },   // the cut falls on a huge blob
        { 2, (int)BackupPack.Writer.SplitFrom, 5 },             // one blob is the first half, nothing is compressible
        { 50_000, 40, 6 },                                      // many tiny blobs
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_content_reads_back_from_a_pack_written_in_halves(int count, int size, int seed)
    {
        var random = new Random(seed);
        var contents = Enumerable.Range(0, count).Select(i => Content(random, size, compressible: i % 2 == 0)).ToList();
        var writer = new BackupPack.Writer();
        var refs = contents.Select(c => writer.Add(c)!).ToList();
        string pack = Path.Combine(_folder, "entry.pack");
        writer.WriteTo(pack);

        var reader = new BackupPack.Reader(pack, BackupPack.ExpectedLength(refs));
        for (int i = 0; i < contents.Count; i++)
        {
            Assert.Equal(contents[i], reader.Read(refs[i]));
        }

        byte[] whole = contents.SelectMany(c => c).ToArray();
        Assert.Equal(whole.Length, writer.Length);
        Assert.Equal(ContentHash.Of(whole), ContentHash.Of(InflateWithPython(pack)));
    }

    [Fact]
    public void Hashes_worked_out_up_front_are_the_hashes_of_the_contents()
    {
        var random = new Random(7);
        var contents = Enumerable.Range(0, 200).Select(i => Content(random, 100 + i, compressible: true)).ToList();
        var hashes = new ContentHashes(contents.Concat(contents).Append(null));
        foreach (var content in contents)
        {
            Assert.Equal(ContentHash.Of(content), hashes.Of(content));
        }

        byte[] unknown = [1, 2, 3];
        Assert.Equal(ContentHash.Of(unknown), hashes.Of(unknown));
    }

    private static byte[] Content(Random random, int size, bool compressible)
    {
        var bytes = new byte[size];
        if (compressible)
        {
            for (int i = 0; i < size; i++)
            {
                bytes[i] = (byte)"public int Value(int x) => x;\n"[(i + random.Next(3)) % 30];
            }
        }
        else
        {
            random.NextBytes(bytes);
        }

        return bytes;
    }

    // Raw deflate (window bits -15), inflated in full by a second implementation.
    private static byte[] InflateWithPython(string pack)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys, zlib; d = zlib.decompressobj(-15); out = d.decompress(open(sys.argv[1], 'rb').read()); assert d.eof and not d.unused_data; sys.stdout.buffer.write(out)");
        start.ArgumentList.Add(pack);
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return output.ToArray();
    }
}
