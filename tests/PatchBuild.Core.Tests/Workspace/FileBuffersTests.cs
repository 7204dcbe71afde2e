using PatchBuild.Core.Tests.Safety;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// File contents the plan keeps live on the pinned heap, uninitialized: a read gives what the framework's own read
/// gives, and an encoder that writes less than it measured is stopped before garbage could reach a file.
/// </summary>
public sealed class FileBuffersTests
{
    public static TheoryData<string, int> Sizes => new()
    {
        { "one byte", 1 },
        { "a typical source file", 8_000 },
        { "just under the large object size", 84_999 },
        { "a few megabytes", 3 * 1024 * 1024 + 7 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_file_reads_as_the_framework_reads_it(string why, int size)
    {
        using var tree = new TempTree();
        var content = new byte[size];
        new Random(size).NextBytes(content);
        string path = tree.Full("f.bin");
        File.WriteAllBytes(path, content);

        var read = FileBuffers.Read(path);

        Assert.Equal(File.ReadAllBytes(path), read);
        Assert.Equal(content, read);
        _ = why;
    }

    [Fact]
    public void An_empty_file_reads_as_no_bytes()
    {
        using var tree = new TempTree();
        string path = tree.Full("empty");
        File.WriteAllBytes(path, []);

        Assert.Empty(FileBuffers.Read(path));
    }

    [Fact]
    public void A_file_that_reports_no_length_is_still_read_whole()
    {
        if (!OperatingSystem.IsLinux())
        {
            // procfs is Linux's: elsewhere no ordinary file reports no length while it has content.
            return;
        }

        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(FileBuffers.Read("/proc/self/status")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_folder_fail_as_the_framework_fails()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.Full("folder"));

        Assert.Throws<FileNotFoundException>(() => FileBuffers.Read(tree.Full("missing")));
        Assert.Throws<UnauthorizedAccessException>(() => FileBuffers.Read(tree.Full("folder")));
        Assert.Throws<UnauthorizedAccessException>(() => File.ReadAllBytes(tree.Full("folder")));
    }

    [Fact]
    public void A_buffer_written_short_is_refused()
    {
        var bytes = FileBuffers.Allocate(10);

        Assert.Same(bytes, FileBuffers.Filled(bytes, 10));
        Assert.Throws<InvalidOperationException>(() => FileBuffers.Filled(bytes, 9));
        Assert.Throws<InsufficientMemoryException>(() => FileBuffers.Allocate((long)Array.MaxLength + 1));
    }

    [Fact]
    public void Encoded_text_fills_its_buffer_exactly_in_every_encoding()
    {
        // Escaped bytes, a lone surrogate (UTF-8 writes it as U+FFFD), an astral character and every line ending.
        string[] lines = ["caf\uDCE9", "\uD800x", "\U0001F600", "", "plain"];
        string[] endings = ["\n", "\r\n", "\r", "\n", "\n"];
        string written = string.Concat(lines.Zip(endings, (line, ending) => line + ending));
        foreach (var encoding in new[] { FileEncoding.Utf8, FileEncoding.Utf8Bom, FileEncoding.Utf16LittleEndian, FileEncoding.Utf16BigEndian })
        {
            string expected = encoding.IsUtf16 ? written : written.Replace("\uD800", "\uFFFD", StringComparison.Ordinal);

            var listed = encoding.GetBytes(lines, endings, "\n", endsWithNewline: true);
            var whole = encoding.GetBytes(written);

            Assert.Equal(whole, listed);
            var (text, read, _) = FileEncoding.TryDecode(listed);
            Assert.Same(encoding, read);
            Assert.Equal(expected, text);
        }
    }
}
