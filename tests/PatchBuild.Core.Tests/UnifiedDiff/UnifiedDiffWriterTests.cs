using System.Text;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Tests.UnifiedDiff;

public class UnifiedDiffWriterTests
{
    public static TheoryData<string, string, string?, string?> Cases => new()
    {
        { "final newline added", "f.txt", "a\nb", "a\nb\n" },
        { "final newline removed", "f.txt", "a\nb\n", "a\nb" },
        { "last line changed without newline", "f.txt", "a\nb", "a\nc" },
        { "created empty file", "empty.txt", null, "" },
        { "deleted empty file", "empty.txt", "", null },
        { "created file without newline", "n.txt", null, "x\ny" },
        { "deleted file", "d.txt", "1\n2\n3\n", null },
        { "crlf line changed", "w.txt", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n" },
        { "crlf to lf", "w.txt", "a\r\nb\r\n", "a\nb\n" },
        { "emptied file", "f.txt", "a\nb\n", "" },
        { "several hunks", "f.txt", string.Concat(Enumerable.Range(1, 40).Select(i => $"l{i}\n")), string.Concat(Enumerable.Range(1, 40).Select(i => i is 3 or 30 ? $"L{i}\n" : i == 20 ? "" : $"l{i}\n")) },
        { "name with space and accent", "my dir/café.txt", "a\n", "b\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_applies_with_git_apply(string name, string path, string? before, string? after)
    {
        using var tree = new TempTree("writer");
        Git.Run(tree.Root, "init", "-q");
        if (before is not null)
        {
            tree.Write(path, before);
        }

        string diff = UnifiedDiffWriter.Render(path, before, after);
        tree.WriteBytes("../" + Path.GetFileName(tree.Root) + ".patch", Encoding.UTF8.GetBytes(diff));
        string patchFile = tree.Root + ".patch";
        try
        {
            Git.Run(tree.Root, "apply", "--whitespace=nowarn", patchFile);
        }
        finally
        {
            File.Delete(patchFile);
        }

        Assert.True(after is null ? !tree.Exists(path) : tree.Exists(path), name);
        if (after is not null)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(after), File.ReadAllBytes(tree.PathOf(path)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Output_applies_with_our_engine(string name, string path, string? before, string? after)
    {
        using var tree = new TempTree("writer-own");
        if (before is not null)
        {
            tree.Write(path, before);
        }

        string diff = UnifiedDiffWriter.Render(path, before, after);
        var result = await Engine.ApplyAsync(tree, diff);
        Assert.True(result.Success, $"{name}: {result.Error?.Message}");
        if (after is null)
        {
            Assert.False(tree.Exists(path));
        }
        else if (!(before is not null && before.Replace("\r\n", "\n") == after.Replace("\r\n", "\n")))
        {
            // (A pure line-ending change is not something a diff's lines can carry to our engine, which compares
            // lines without terminators and keeps the target's own ending.)
            Assert.Equal(after, tree.Read(path));
        }
    }

    [Fact]
    public void Final_newline_change_shows_the_marker()
    {
        Assert.Equal("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n", UnifiedDiffWriter.Render("f", "a\nb", "a\nb\n"));
    }

    [Fact]
    public void Created_empty_file_has_no_hunk()
    {
        Assert.Equal("diff --git a/e b/e\nnew file mode 100644\n", UnifiedDiffWriter.Render("e", null, ""));
    }

    [Fact]
    public void Crlf_file_with_one_changed_line_shows_only_that_line()
    {
        string diff = UnifiedDiffWriter.Render("w", "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\n", "a\r\nb\r\nc\r\nD\r\ne\r\nf\r\n");
        Assert.Equal("diff --git a/w b/w\n--- a/w\n+++ b/w\n@@ -1,6 +1,6 @@\n a\r\n b\r\n c\r\n-d\r\n+D\r\n e\r\n f\r\n", diff);
    }
}
