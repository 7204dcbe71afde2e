using PatchBuild.Core.Checks;
using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Checks;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>
/// RFC 6902 allows an empty patch document (section 3: "an array of objects", zero of them included). An empty
/// operations list, or an empty patches array, is a no-op that says so in a warning, never INVALID_PATCH_FILE.
/// </summary>
public class EmptyPatchJsonTests
{
    [Fact]
    public void An_empty_patches_array_parses_to_no_change_with_a_warning()
    {
        var set = ParsePatch("""{"patches": []}""");

        Assert.Empty(set.Files);
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(PatchJsonParser.EmptyPatchWarning, warning.Code);
        Assert.Contains("\"patches\" array is empty", warning.Message);
    }

    [Fact]
    public void An_entry_with_empty_operations_is_left_out_with_a_warning_naming_its_file_and_line()
    {
        var set = ParsePatch("{\"patches\": [\n  {\"file_path\": \"a.json\", \"operations\": [{\"op\": \"add\", \"path\": \"/x\", \"value\": 1}]},\n  {\"file_path\": \"b.json\", \"operations\": []}\n]}");

        Assert.Equal("a.json", Assert.Single(set.Files).Path);
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(PatchJsonParser.EmptyPatchWarning, warning.Code);
        Assert.Equal("b.json", warning.File);
        Assert.Equal(3, warning.Line);
        Assert.Contains("patches[1].operations is empty", warning.Message);
    }

    [Fact]
    public void Empty_operations_beside_a_diff_still_apply_the_diff()
    {
        var set = ParsePatch("""{"patches": [{"file_path": "a.txt", "operations": [], "diff": "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n"}]}""");

        Assert.Single(set.Files);
        Assert.Empty(set.Warnings);
    }

    [Theory]
    [InlineData("""{"patches": []}""")]
    [InlineData("""{"patches": [{"file_path": "appsettings.json", "operations": []}]}""")]
    [InlineData("""{"patches": [{"file_path": "missing.json", "operations": []}]}""")]
    public async Task Applying_an_empty_patch_succeeds_changes_nothing_and_leaves_no_state_folder(string patch)
    {
        using var tree = new TempTree();
        tree.Write("appsettings.json", "{\"a\": 1}\n");
        tree.Write("patch.json", patch);
        byte[] before = tree.Bytes("appsettings.json");

        var result = await tree.ApplyAsync("patch.json");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(result.Changes);
        Assert.Contains(result.Warnings, w => w.Code == PatchJsonParser.EmptyPatchWarning);
        Assert.Equal(before, tree.Bytes("appsettings.json"));
        Assert.False(File.Exists(Path.Combine(tree.Root, "missing.json")));
        Assert.False(Directory.Exists(Path.Combine(tree.Root, ".patchbuild")));
    }

    [Fact]
    public async Task The_hook_and_check_do_not_flag_an_empty_patch()
    {
        using var repo = GitTestRepository.Create();
        repo.Write("appsettings.json", "{\"a\": 1}\n");
        repo.Stage(".");
        repo.Commit("initial");
        repo.Write("patch.json", """{"patches": [{"file_path": "appsettings.json", "operations": []}]}""");
        repo.Write("empty/patch.json", """{"patches": []}""");
        repo.Stage(".");

        var staged = await RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.StagedChanges) { RequireApplied = true });
        var tree = await RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.WorkingTree) { RequireApplied = true });

        Assert.False(staged.HasErrors, string.Join("\n", staged.Findings.Select(f => $"{f.Rule.Id} {f.File}: {f.Message}")));
        Assert.False(tree.HasErrors, string.Join("\n", tree.Findings.Select(f => $"{f.Rule.Id} {f.File}: {f.Message}")));
        Assert.DoesNotContain(staged.Findings, f => f.File is "patch.json" or "empty/patch.json");
    }
}
