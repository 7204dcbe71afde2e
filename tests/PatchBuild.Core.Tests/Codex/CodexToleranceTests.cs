using PatchBuild.Core.Formats.Codex;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>What models emit around and inside the patch, and what stays refused.</summary>
public sealed class CodexToleranceTests : IDisposable
{
    private readonly TempTree _tree = new("codex-tolerance");

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("apply_patch <<'EOF'\n", "EOF\n")]
    [InlineData("<<EOF\n", "EOF\n")]
    [InlineData("<<\"PATCH\"\n", "PATCH\n")]
    [InlineData("```\n", "```\n")]
    [InlineData("```diff\n\n", "\n```\n")]
    public async Task A_heredoc_or_fence_wrapper_is_set_aside_with_a_warning(string opener, string closer)
    {
        _tree.Write("a.txt", "old\n");
        var result = await CodexKit.ApplyAsync(_tree, opener + CodexKit.Wrap("*** Update File: a.txt\n@@\n-old\n+new\n") + closer);
        CodexKit.Succeeded(result);
        Assert.Equal("new\n", _tree.Read("a.txt"));
        Assert.Contains(result.Warnings, w => w.Code == "CODEX_WRAPPER_IGNORED" && w.Line == 1);
    }

    [Fact]
    public void Strict_refuses_the_wrapper()
    {
        var error = CodexKit.ParseError("apply_patch <<'EOF'\n" + CodexKit.Wrap("*** Delete File: a.txt\n") + "EOF\n", strict: true);
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Contains("--strict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_chunk_may_omit_its_header()
    {
        _tree.Write("file2.py", "import foo\n");
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: file2.py\n import foo\n+bar\n")));
        Assert.Equal("import foo\nbar\n", _tree.Read("file2.py"));
    }

    [Fact]
    public async Task Blank_lines_between_sections_and_around_markers_are_tolerated()
    {
        _tree.Write("a.txt", "x\n");
        var result = await CodexKit.ApplyAsync(_tree, "\n\n*** Begin Patch\n\n*** Add File: b.txt\n+one\n\n+three\n\n*** Update File: a.txt\n\n*** Move to: c.txt\n@@\n-x\n+y\n*** End Patch\n\n");
        CodexKit.Succeeded(result);
        Assert.Equal("one\n\nthree\n", _tree.Read("b.txt"));
        Assert.Equal("y\n", _tree.Read("c.txt"));
    }

    [Fact]
    public void Text_after_end_patch_is_ignored_with_a_warning_and_refused_under_strict()
    {
        string text = CodexKit.Wrap("*** Delete File: a.txt\n") + "Let me know if you need more.\n";
        var patch = CodexKit.Parse(text);
        Assert.Contains(patch.Warnings, w => w.Code == CodexEnvelope.WrapperIgnoredWarning);
        Assert.Equal(ErrorCodes.InvalidPatchFile, CodexKit.ParseError(text, strict: true).Code);
    }

    [Fact]
    public void A_patch_without_end_marker_is_truncated()
    {
        var error = CodexKit.ParseError("*** Begin Patch\n*** Update File: a.txt\n@@\n-x\n+y\n");
        Assert.Equal(ErrorCodes.PatchTruncated, error.Code);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }

    [Theory]
    [InlineData("*** Update File: a.txt\n@@\nnot a chunk line\n", 4)]
    [InlineData("*** Update File: a.txt\n@@ header only\n", 3)]
    [InlineData("*** Update File: a.txt\n*** End of File\n", 3)]
    [InlineData("*** Add File:   \n+x\n", 2)]
    public void Malformed_sections_are_refused_with_the_line(string body, int line)
    {
        var error = CodexKit.ParseError(CodexKit.Wrap(body));
        Assert.Equal(line, error.Line);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }

    [Fact]
    public void The_format_is_claimed_by_content_whatever_the_file_name()
    {
        var format = new CodexFormat();
        Assert.True(format.Claims("fix.patch", "*** Begin Patch\n*** End Patch\n"));
        Assert.True(format.Claims(null, "apply_patch <<'EOF'\n*** Begin Patch\n"));
        Assert.True(format.Claims("x.ap", "\n  *** Begin Patch\n"));
        Assert.False(format.Claims("fix.patch", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"));
        Assert.False(format.Claims(null, "Here is the patch:\n*** Begin Patch\n"));
        Assert.Equal(PatchFormat.Codex, CodexKit.Parse("*** Begin Patch\n*** End Patch", strict: false).Format);
    }

    [Fact]
    public async Task A_crlf_patch_reads_like_an_lf_patch()
    {
        _tree.Write("a.txt", "old\n");
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, "*** Begin Patch\r\n*** Update File: a.txt\r\n@@\r\n-old\r\n+new\r\n*** End Patch\r\n"));
        Assert.Equal("new\n", _tree.Read("a.txt"));
    }

    [Fact]
    public async Task Mangled_patches_fail_only_with_patch_errors()
    {
        const string valid = "*** Begin Patch\n*** Add File: n.txt\n+x\n*** Update File: a.txt\n*** Move to: b.txt\n@@ head\n one\n-two\n+TWO\n*** End of File\n*** Delete File: d.txt\n*** End Patch\n";
        var random = new Random(12);
        for (int round = 0; round < 300; round++)
        {
            foreach (string leftover in new[] { "n.txt", "b.txt" }.Where(_tree.Exists))
            {
                File.Delete(_tree.PathOf(leftover));
            }

            _tree.Write("a.txt", "head\none\ntwo\n");
            _tree.Write("d.txt", "d\n");
            var chars = valid.ToCharArray();
            for (int k = random.Next(1, 4); k > 0; k--)
            {
                chars[random.Next(chars.Length)] = "*@ +-\n:x"[random.Next(8)];
            }

            string text = new(chars);
            try
            {
                var patch = Engine.Create().Parse(text, "answer.txt");
                var result = await Engine.Create().ApplyAsync([patch], new ApplyOptions { Root = _tree.Root });
                Assert.True(result.Success || result.Error is { Code.Length: > 0 });
            }
            catch (PatchException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Error.Code));
                Assert.False(string.IsNullOrEmpty(ex.Error.Hint), ex.Error.Message);
            }
        }
    }
}
