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
    [InlineData("notes.ap", false)]
    [InlineData("package.json", false)]
    [InlineData(".patchbuild/applied/20250101-afix.ap", false)]
    [InlineData("src/Program.cs", false)]
    public void Recognises_patch_files(string path, bool expected)
    {
        Assert.Equal(expected, PatchFileNames.IsPatchFile(path));
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
