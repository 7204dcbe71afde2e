using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>
/// The "# base PATH sha256:HEX" comment `patchbuild new` writes: apply warns (AP_BASE_CHANGED) when the file changed
/// since, still matches its locators, and ignores any base comment that is not exactly well-formed and about a file
/// the patch changes.
/// </summary>
public sealed class RecordedBaseTests
{
    private const string Original = "namespace N;\n\npublic class A\n{\n    public int X() => 1;\n    public int Y() => 1;\n}\n";
    private const string Drifted = "namespace N;\n\npublic class A\n{\n    public int X() => 5;\n    public int Y() => 1;\n}\n";
    private static readonly string OriginalHash = ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(Original));

    [Fact]
    public async Task An_unchanged_file_gives_no_warning()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", Original);
        var result = await ApplyAsync(folder, Patch($"# base A.cs sha256:{OriginalHash}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "AP_BASE_CHANGED");
        Assert.Contains("Y() => 2", folder.Read("A.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_changed_file_is_reported_and_still_patched_by_its_locators(bool strict)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", Drifted);
        var result = await ApplyAsync(folder, Patch($"# base A.cs sha256:{OriginalHash.ToUpperInvariant()}"), strict);
        Assert.True(result.Success, result.Error?.Message);
        var warning = Assert.Single(result.Warnings, w => w.Code == "AP_BASE_CHANGED");
        Assert.Equal("A.cs", warning.File);
        Assert.Equal(Drifted.Replace("Y() => 1", "Y() => 2", StringComparison.Ordinal), folder.Read("A.cs"));
    }

    public static TheoryData<string> HostileComments() => new()
    {
        "# base A.cs sha256:" + new string('z', 64),
        "# base A.cs sha256:" + OriginalHash[..63],
        "# base A.cs sha256:" + OriginalHash + "00",
        "# base A.cs sha256: " + OriginalHash[1..],
        "# base A.cs sha1:" + OriginalHash,
        "# base A.cs " + OriginalHash,
        "# base  sha256:" + new string('0', 64),
        "# base sha256:" + new string('0', 64),
        "# base " + new string('a', 200_000) + " sha256:" + new string('0', 64),
        "# base A.cs sha256:" + new string('0', 200_000),
        "# base ../A.cs sha256:" + new string('0', 64),
        "# base /etc/passwd sha256:" + new string('0', 64),
        "# base Other.cs sha256:" + new string('0', 64),
        "# base A.cs\u0000 sha256:" + new string('0', 64),
        "# base A.cs\u001b[2J sha256:" + new string('0', 64),
        "#base A.cs sha256:" + new string('0', 64),
        "# BASE A.cs sha256:" + new string('0', 64),
        $"# base A.cs sha256:{OriginalHash}\n# base A.cs sha256:" + new string('0', 64),
    };

    [Theory]
    [MemberData(nameof(HostileComments))]
    public async Task A_malformed_or_foreign_base_comment_is_ignored(string comment)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", Original);
        folder.Write("Other.cs", "class O {}\n");
        var result = await ApplyAsync(folder, Patch(comment));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "AP_BASE_CHANGED");
        Assert.Contains("Y() => 2", folder.Read("A.cs"), StringComparison.Ordinal);
        Assert.Equal("class O {}\n", folder.Read("Other.cs"));
    }

    [Fact]
    public async Task A_base_comment_after_the_header_is_no_record()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", Drifted);
        string patch = Patch("").Replace("e4a2f1b8 FILE", $"# base A.cs sha256:{OriginalHash}\ne4a2f1b8 FILE", StringComparison.Ordinal);
        var result = await ApplyAsync(folder, patch);
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "AP_BASE_CHANGED");
    }

    [Fact]
    public async Task A_base_for_a_path_out_of_the_root_fails_on_the_path_not_on_the_comment()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", Original);
        string patch = Patch("# base ../A.cs sha256:" + new string('0', 64)).Replace("FILE\nA.cs", "FILE\n../A.cs", StringComparison.Ordinal);
        var result = await ApplyAsync(folder, patch);
        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error?.Code);
        Assert.Equal(Original, folder.Read("A.cs"));
    }

    private static string Patch(string comments) =>
        comments + "\ne4a2f1b8 AP 3.2\n\ne4a2f1b8 FILE\nA.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\n    public int Y() => 1;\ne4a2f1b8 content\n    public int Y() => 2;\n";

    private static async Task<ApplyResult> ApplyAsync(TempFolder folder, string patch, bool strict = false)
    {
        string file = Path.Combine(Path.GetTempPath(), "pb-base-" + Guid.NewGuid().ToString("N")[..10] + ".ap");
        File.WriteAllText(file, patch);
        try
        {
            return await new PatchEngine().ApplyFilesAsync([file], new ApplyOptions { Root = folder.Path, Force = true, RecordHistory = false, Strict = strict });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
