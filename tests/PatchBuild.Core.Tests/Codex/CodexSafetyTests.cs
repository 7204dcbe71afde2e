using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>Where we are safer than Codex: paths, atomicity, and bytes the patch does not address.</summary>
public sealed class CodexSafetyTests : IDisposable
{
    private readonly TempTree _tree = new("codex-safety");

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("*** Add File: ../escape.txt\n+x\n")]
    [InlineData("*** Add File: /tmp/pb-codex-absolute.txt\n+x\n")]
    [InlineData("*** Add File: .git/hooks/pre-commit\n+x\n")]
    [InlineData("*** Delete File: ../outside.txt\n")]
    [InlineData("*** Update File: a.txt\n*** Move to: ../moved.txt\n@@\n-a\n+b\n")]
    [InlineData("*** Update File: a.txt\n*** Move to: .git/config\n@@\n-a\n+b\n")]
    public async Task Paths_outside_the_root_or_into_git_are_refused_and_nothing_changes(string body)
    {
        Directory.CreateDirectory(Path.Combine(_tree.Root, ".git"));
        _tree.Write("a.txt", "a\n");
        var before = _tree.Snapshot();
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Add File: first.txt\n+created first\n" + body));
        CodexKit.Failed(result, ErrorCodes.InvalidFilePath);
        Assert.Equal(before, _tree.Snapshot());
        Assert.False(File.Exists("/tmp/pb-codex-absolute.txt"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_tree.Root)!, "escape.txt")));
    }

    [Fact]
    public async Task A_failing_chunk_in_the_second_file_leaves_both_files_untouched()
    {
        _tree.Write("one.txt", "1\n");
        _tree.Write("two.txt", "2\n");
        var before = _tree.Snapshot();
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: one.txt\n@@\n-1\n+one\n*** Update File: two.txt\n@@\n-nope\n+two\n"));
        var error = CodexKit.Failed(result, ErrorCodes.Conflict);
        Assert.Equal("two.txt", error.File);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Crlf_file_keeps_crlf_on_every_line_including_new_ones()
    {
        _tree.WriteBytes("w.cs", Encoding.UTF8.GetBytes("class A\r\n{\r\n    int x;\r\n}\r\n"));
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: w.cs\n@@ class A\n {\n-    int x;\n+    int x;\n+    int y;\n }\n")));
        Assert.Equal("class A\r\n{\r\n    int x;\r\n    int y;\r\n}\r\n", Encoding.UTF8.GetString(File.ReadAllBytes(_tree.PathOf("w.cs"))));
    }

    [Fact]
    public async Task Mixed_endings_are_kept_line_by_line()
    {
        _tree.WriteBytes("m.txt", Encoding.UTF8.GetBytes("a\r\nb\nc\r\nd\n"));
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: m.txt\n@@\n b\n-c\n+C\n d\n")));
        Assert.Equal("a\r\nb\nC\r\nd\n", Encoding.UTF8.GetString(File.ReadAllBytes(_tree.PathOf("m.txt"))));
    }

    [Fact]
    public async Task Bom_and_missing_final_newline_survive_an_edit_at_the_end()
    {
        _tree.WriteBytes("b.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("first\r\nlast")]);
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: b.txt\n@@\n first\n-last\n+LAST\n*** End of File\n")));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("first\r\nLAST")], File.ReadAllBytes(_tree.PathOf("b.txt")));
    }

    [Fact]
    public async Task A_moved_file_keeps_its_crlf_endings()
    {
        _tree.WriteBytes("old.txt", Encoding.UTF8.GetBytes("x\r\ny\r\n"));
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: old.txt\n*** Move to: new.txt\n@@\n x\n-y\n+z\n")));
        Assert.Equal("x\r\nz\r\n", Encoding.UTF8.GetString(File.ReadAllBytes(_tree.PathOf("new.txt"))));
        Assert.False(_tree.Exists("old.txt"));
    }

    [Fact]
    public async Task Replacing_a_source_file_through_add_file_is_judged_by_PB1010()
    {
        var old = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"    int field{i} = {i};"));
        _tree.Write("src/Big.cs", "class Big\n{\n" + old + "\n}\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Add File: src/Big.cs\n+class Big\n+{\n+}\n"), validate: true);
        CodexKit.Succeeded(result);
        Assert.Contains(result.Warnings, w => w.Code == "FILE_REPLACED");
        Assert.Contains(result.Warnings, w => w.Code == "PB1010");
    }
}
