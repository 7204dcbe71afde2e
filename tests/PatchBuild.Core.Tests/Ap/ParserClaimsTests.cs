using PatchBuild.Core.Formats;
using PatchBuild.Core.Formats.Ap;
using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

public class ParserClaimsTests
{
    private static readonly ApFormat Format = new();

    [Theory]
    [InlineData("afix.ap")]
    [InlineData("AFIX2.AP")]
    public void Files_named_ap_are_claimed_whatever_their_text(string name)
    {
        Assert.True(Format.Claims(name, "anything at all"));
    }

    [Theory]
    [InlineData("{id} AP 3.2\n{id} FILE\na.cs\n")]
    [InlineData("\n# Summary: x\n#\n\n{id} AP 3.1\n")]
    [InlineData("```ap\n{id} AP 3.2\n```\n")]
    [InlineData("\r\n~~~\r\n# notes\r\n{id} ap 3.2\r\n")]
    public void Text_whose_first_meaningful_line_is_a_header_is_claimed(string text)
    {
        Assert.True(Format.Claims("patch.txt", text.Replace("{id}", Id, StringComparison.Ordinal)));
        Assert.True(Format.Claims(null, text.Replace("{id}", Id, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"patches\":[]}")]
    [InlineData("--- a/x.cs\n+++ b/x.cs\n@@ -1 +1 @@\n-a\n+b\n")]
    [InlineData("Here is a patch:\n{id} AP 3.2\n")]
    [InlineData("{id} FILE\na.cs\n")]
    [InlineData("{id}AP 3.2\n")]
    [InlineData("")]
    public void Other_text_is_not_claimed_without_the_ap_extension(string text)
    {
        Assert.False(Format.Claims("patch.diff", text.Replace("{id}", Id, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_format_registry_hands_ap_files_to_the_ap_parser()
    {
        var patch = PatchFormats.Parse(Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE"), "/tmp/afix.ap", new ParseOptions());

        Assert.Equal(PatchFormat.Ap, patch.Format);
        Assert.Equal("/tmp/afix.ap", patch.SourcePath);
        Assert.Equal(FileChangeKind.Delete, Assert.Single(patch.Files).Kind);
    }

    [Fact]
    public void Ap_appliers_list_exists_for_the_locator_applier_to_join()
    {
        Assert.NotNull(Format.Appliers);
        Assert.All(Format.Appliers, a => Assert.NotNull(a));
    }
}
