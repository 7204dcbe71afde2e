using System.Text.Json;
using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>
/// Entries with "diff": alone they edit any text file; with "operations" both must describe the same result.
/// (Runs on the temporary diff shim until the unified-diff dialect lands; the expectations do not change.)
/// </summary>
public class PatchJsonDiffAgreementTests
{
    private const string Json = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";

    private static string Entry(string file, string? diff, string? operations)
    {
        var parts = new List<string> { $"\"file_path\": {JsonSerializer.Serialize(file)}" };
        if (diff is not null)
        {
            parts.Add($"\"diff\": {JsonSerializer.Serialize(diff)}");
        }

        if (operations is not null)
        {
            parts.Add($"\"operations\": {operations}");
        }

        return "{\"patches\": [{" + string.Join(", ", parts) + "}]}";
    }

    [Fact]
    public async Task A_diff_alone_edits_a_text_file()
    {
        using var tree = new TempTree();
        tree.Write("README.md", "# Title\n\nold line\n");
        tree.Write("patch.json", Entry("README.md", "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n # Title\n \n-old line\n+new line\n", null));
        var result = await tree.ApplyAsync("patch.json");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("# Title\n\nnew line\n", tree.Text("README.md"));
    }

    [Fact]
    public async Task Operations_and_a_matching_diff_apply()
    {
        using var tree = new TempTree();
        tree.Write("a.json", Json);
        string diff = "@@ -1,4 +1,4 @@\n {\n   \"a\": 1,\n-  \"b\": 2\n+  \"b\": 3\n }\n";
        tree.Write("patch.json", Entry("a.json", diff, """[{"op":"replace","path":"/b","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": 3\n}\n", tree.Text("a.json"));
    }

    [Fact]
    public async Task Operations_and_a_different_diff_are_refused_and_nothing_is_written()
    {
        using var tree = new TempTree();
        tree.Write("a.json", Json);
        string diff = "@@ -1,4 +1,4 @@\n {\n   \"a\": 1,\n-  \"b\": 2\n+  \"b\": 4\n }\n";
        tree.Write("patch.json", Entry("a.json", diff, """[{"op":"replace","path":"/b","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error!.Code);
        Assert.Contains(PatchJsonAgreement.Disagree, result.Error.Message);
        Assert.Contains("\"b\": 3", result.Error.Message);
        Assert.Contains("\"b\": 4", result.Error.Message);
        Assert.Equal(0, result.Error.Context["entry"]);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Hint));
        Assert.Equal(Json, tree.Text("a.json"));
    }

    [Fact]
    public async Task Agreement_ignores_line_ending_differences()
    {
        using var tree = new TempTree();
        tree.Write("a.json", Json.ReplaceLineEndings("\r\n"));
        string diff = "@@ -2,2 +2,2 @@\n   \"a\": 1,\n-  \"b\": 2\n+  \"b\": 3\n";
        tree.Write("patch.json", Entry("a.json", diff, """[{"op":"replace","path":"/b","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\r\n  \"a\": 1,\r\n  \"b\": 3\r\n}\r\n", tree.Text("a.json"));
    }

    [Fact]
    public async Task For_yaml_a_diff_with_the_same_data_wins_and_keeps_comments()
    {
        using var tree = new TempTree();
        const string yaml = "name: revenue # the model\nversion: 2\n";
        tree.Write("m.msh", yaml);
        string diff = "@@ -1,2 +1,2 @@\n name: revenue # the model\n-version: 2\n+version: 3\n";
        tree.Write("patch.json", Entry("m.msh", diff, """[{"op":"replace","path":"/version","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("name: revenue # the model\nversion: 3\n", tree.Text("m.msh"));
    }

    [Fact]
    public async Task For_yaml_a_diff_with_other_data_is_refused()
    {
        using var tree = new TempTree();
        tree.Write("m.yml", "version: 2\n");
        tree.Write("patch.json", Entry("m.yml", "@@ -1 +1 @@\n-version: 2\n+version: 4\n", """[{"op":"replace","path":"/version","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error!.Code);
        Assert.Equal("version: 2\n", tree.Text("m.yml"));
    }

    [Fact]
    public async Task A_diff_that_does_not_fit_the_file_fails_with_the_entry_named()
    {
        using var tree = new TempTree();
        tree.Write("a.json", Json);
        tree.Write("patch.json", Entry("a.json", "@@ -1 +1 @@\n-{ nothing like this\n+{\n", """[{"op":"replace","path":"/b","value":3}]"""));
        var result = await tree.ApplyAsync("patch.json");
        Assert.False(result.Success);
        Assert.Contains("patches[0]", result.Error!.Message);
        Assert.Equal(Json, tree.Text("a.json"));
    }
}
