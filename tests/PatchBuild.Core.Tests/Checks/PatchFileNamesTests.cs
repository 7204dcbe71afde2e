using PatchBuild.Core.Checks;

namespace PatchBuild.Core.Tests.Checks;

public class PatchFileNamesTests
{
    [Theory]
    [InlineData("afix.ap", true)]
    [InlineData("src/afix-login.ap", true)]
    [InlineData("AFIX2.AP", true)]
    [InlineData("patch.json", true)]
    [InlineData("deps/patch.json", true)]
    [InlineData("fix.patch", true)]
    [InlineData("a/b/change.diff", true)]
    [InlineData("afailed.ap", false)]
    [InlineData("notes.ap", true)]
    [InlineData("fix.ap", true)]
    [InlineData("src/changes.patch.json", true)]
    [InlineData("CHANGES.PATCH.JSON", true)]
    [InlineData("package.json", false)]
    [InlineData(".patchbuild/applied/20250101-afix.ap", false)]
    [InlineData("src/Program.cs", false)]
    public void Recognises_patch_files(string path, bool expected)
    {
        Assert.Equal(expected, PatchFileNames.IsPatchFile(path));
    }

    [Theory]
    [InlineData("changes.json", "{ \"patches\": [] }", true)]
    [InlineData("config/edits.json", "{\n  \"patches\": [ { \"file_path\": \"a.txt\", \"diff\": \"\" } ]\n}", true)]
    [InlineData("notes.txt", "# made by an assistant\n4c1d9e7a AP 3.2\n4c1d9e7a FILE\na.txt\n", true)]
    [InlineData("README", "\n\n9f00aa11 AP 3.2\n", true)]
    [InlineData("package.json", "{ \"name\": \"x\", \"patches\": \"none\" }", false)]
    [InlineData("data.json", "{ \"items\": [] }", false)]
    [InlineData("docs/howto.md", "Write a header like `4c1d9e7a AP 3.2` on the first line.\n", false)]
    [InlineData("docs/example.txt", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n", false)]
    [InlineData("afailed.ap", "4c1d9e7a AP 3.2\n", false)]
    [InlineData("answer.txt", "\n*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n", true)]
    [InlineData("fix.sh", "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: a.txt\n*** End Patch\nEOF\n", true)]
    [InlineData("docs/codex.md", "# Codex patches\n\n```\n*** Begin Patch\n*** End Patch\n```\n", false)]
    [InlineData("notes.txt", "apply_patch is a tool.\nIt reads *** Begin Patch.\n", false)]
    public void Content_can_make_a_file_a_patch_whatever_its_name(string path, string content, bool expected)
    {
        Assert.Equal(expected, PatchFileNames.IsPatchContent(path, System.Text.Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void The_build_applies_the_names_Core_defines_as_its_own()
    {
        string root = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string props = File.ReadAllText(Path.Combine(root, "build", "PatchBuild.props"));
        string expected = string.Join(';', PatchFileNames.BuildPatterns.Split(';').Select(p => "**/" + p));
        Assert.Contains($">{expected}</_PatchBuildDefaultPatchPatterns>", props, StringComparison.Ordinal);
        Assert.Contains($"\"{PatchFileNames.BuildPatterns}\"", File.ReadAllText(Path.Combine(root, "src", "PatchBuild.Tasks", "ApplyPatches.cs")), StringComparison.Ordinal);
        foreach (string pattern in PatchFileNames.BuildPatterns.Split(';'))
        {
            Assert.True(PatchFileNames.IsPatchFile(pattern.Replace("*", "-x", StringComparison.Ordinal)), pattern);
        }
    }

    [Theory]
    [InlineData("afailed.ap")]
    [InlineData("src/afailed.md")]
    [InlineData("Program.cs.rej")]
    [InlineData("src/Program.cs.orig")]
    [InlineData(".patchbuild/history.jsonl")]
    [InlineData("src/App/.patchbuild/backups/1/Program.cs")]
    public void Recognises_leftovers(string path)
    {
        Assert.NotNull(PatchFileNames.LeftoverReason(path));
    }

    [Theory]
    [InlineData("afix.ap")]
    [InlineData("original.cs")]
    [InlineData("docs/rejection.md")]
    [InlineData("my.patchbuild/file.txt")]
    public void Ordinary_files_are_not_leftovers(string path)
    {
        Assert.Null(PatchFileNames.LeftoverReason(path));
    }
}
