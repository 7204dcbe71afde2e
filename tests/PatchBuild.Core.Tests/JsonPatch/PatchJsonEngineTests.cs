using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>patch.json through the real engine on real files: results on disk, and nothing written on failure.</summary>
public class PatchJsonEngineTests
{
    private const string Settings = "{\r\n  // comment\r\n  \"Logging\": {\r\n    \"Level\": \"Information\",\r\n  },\r\n}\r\n";

    [Fact]
    public async Task Applies_to_json_with_bom_and_crlf_and_to_a_msh_file()
    {
        using var tree = new TempTree();
        tree.Write("app/appsettings.json", Settings, bom: true);
        tree.Write("assets/revenue.msh", "name: revenue\nversion: 2\n");
        tree.Write("patch.json", """
            {"summary": "Raise logging and bump the model",
             "patches": [
               {"file_path": "app/appsettings.json", "operations": [
                  {"op": "replace", "path": "/Logging/Level", "value": "Debug"},
                  {"op": "add", "path": "/Logging/Console", "value": true}]},
               {"file_path": "assets/revenue.msh", "operations": [{"op": "replace", "path": "/version", "value": 3}]}
             ]}
            """);

        var result = await tree.ApplyAsync("patch.json");

        Assert.True(result.Success, result.Error?.Message);
        byte[] bytes = tree.Bytes("app/appsettings.json");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("{\r\n  // comment\r\n  \"Logging\": {\r\n    \"Level\": \"Debug\",\r\n    \"Console\": true,\r\n  },\r\n}\r\n", tree.Text("app/appsettings.json"));
        Assert.Equal("name: revenue\nversion: 3\n", tree.Text("assets/revenue.msh"));
        Assert.Equal(2, result.Files.Count(f => f.Status == FileStatus.Applied));
    }

    [Fact]
    public async Task Summary_comes_from_instruction_too()
    {
        using var tree = new TempTree();
        string patch = tree.Write("x.patch.json", """{"instruction": "do it", "patches": [{"file_path": "a.json", "operations": [{"op": "test", "path": "", "value": 1}]}]}""");
        var set = await new PatchEngine().LoadAsync(patch);
        Assert.Equal("do it", set.Summary);
        Assert.Equal(PatchFormat.PatchJson, set.Format);
    }

    [Theory]
    [InlineData("""{"op":"remove","path":"/Logging/Missing"}""", ErrorCodes.InvalidPointer)]
    [InlineData("""{"op":"test","path":"/Logging/Level","value":"Warning"}""", ErrorCodes.JsonPatchTestFailed)]
    [InlineData("""{"op":"add","path":"/Logging/Level/x","value":1}""", ErrorCodes.InvalidPointer)]
    [InlineData("""{"op":"copy","from":"/Nope","path":"/x"}""", ErrorCodes.InvalidPointer)]
    public async Task A_failing_operation_in_a_later_entry_leaves_every_file_untouched(string failing, string code)
    {
        using var tree = new TempTree();
        tree.Write("a.json", "{\"a\": 1}\n");
        tree.Write("b.json", Settings, bom: true);
        byte[] aBefore = tree.Bytes("a.json"), bBefore = tree.Bytes("b.json");
        tree.Write("patch.json", $$"""
            {"patches": [
              {"file_path": "a.json", "operations": [{"op": "replace", "path": "/a", "value": 2}]},
              {"file_path": "b.json", "operations": [{"op": "replace", "path": "/Logging/Level", "value": "Debug"}, {{failing}}]}
            ]}
            """);

        var result = await tree.ApplyAsync("patch.json");

        Assert.False(result.Success);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(1, result.Error.Context["entry"]);
        Assert.Equal(1, result.Error.Context["operation"]);
        Assert.Equal("b.json", result.Error.File);
        Assert.Contains("patches[1].operations[1]", result.Error.Message);
        Assert.Contains("b.json", result.Error.Message);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Hint));
        Assert.Equal(3, result.Error.Line);
        Assert.Equal(aBefore, tree.Bytes("a.json"));
        Assert.Equal(bBefore, tree.Bytes("b.json"));
    }

    [Fact]
    public async Task A_target_that_is_not_json_fails_with_validation_failed_and_nothing_written()
    {
        using var tree = new TempTree();
        tree.Write("broken.json", "{\"a\": 1,, }");
        byte[] before = tree.Bytes("broken.json");
        tree.Write("patch.json", """{"patches":[{"file_path":"broken.json","operations":[{"op":"remove","path":"/a"}]}]}""");

        var result = await tree.ApplyAsync("patch.json");

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        Assert.Contains("line 1, column 9", result.Error.Message);
        Assert.Equal(0, result.Error.Context["entry"]);
        Assert.Equal(before, tree.Bytes("broken.json"));
    }

    [Fact]
    public async Task A_missing_file_is_file_not_found()
    {
        using var tree = new TempTree();
        tree.Write("patch.json", """{"patches":[{"file_path":"config.json","operations":[{"op":"remove","path":"/a"}]}]}""");
        var result = await tree.ApplyAsync("patch.json");
        Assert.Equal(ErrorCodes.FileNotFound, result.Error!.Code);
        Assert.False(File.Exists(Path.Combine(tree.Root, "config.json")));
    }

    [Fact]
    public async Task A_shape_error_is_reported_before_anything_is_read()
    {
        using var tree = new TempTree();
        tree.Write("a.json", "{}");
        tree.Write("patch.json", """{"patches":[{"file_path":"a.json","operations":[{"op":"add","path":"/x"}]}]}""");
        var result = await tree.ApplyAsync("patch.json");
        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error!.Code);
        Assert.Contains("\"value\"", result.Error.Message);
        Assert.Equal("{}", tree.Text("a.json"));
    }

    [Fact]
    public async Task Dry_run_shows_the_diff_and_writes_nothing()
    {
        using var tree = new TempTree();
        tree.Write("a.json", "{\n  \"a\": 1\n}\n");
        tree.Write("patch.json", """{"patches":[{"file_path":"a.json","operations":[{"op":"replace","path":"/a","value":2}]}]}""");
        var result = await tree.ApplyAsync("patch.json", dryRun: true);
        Assert.True(result.Success);
        Assert.Contains("-  \"a\": 1\n+  \"a\": 2\n", result.Diff);
        Assert.Equal("{\n  \"a\": 1\n}\n", tree.Text("a.json"));
    }

    [Fact]
    public async Task Paths_cannot_escape_the_root()
    {
        using var tree = new TempTree();
        tree.Write("patch.json", """{"patches":[{"file_path":"../outside.json","operations":[{"op":"remove","path":"/a"}]}]}""");
        var result = await tree.ApplyAsync("patch.json");
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
    }

    [Fact]
    public async Task Entries_for_the_same_file_apply_in_order()
    {
        using var tree = new TempTree();
        tree.Write("a.json", "{\"list\": []}");
        tree.Write("patch.json", """
            {"patches":[
              {"file_path":"a.json","operations":[{"op":"add","path":"/list/-","value":1}]},
              {"file_path":"a.json","operations":[{"op":"add","path":"/list/-","value":2},{"op":"test","path":"/list/0","value":1}]}
            ]}
            """);
        var result = await tree.ApplyAsync("patch.json");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\"list\": [1, 2]}", tree.Text("a.json"));
    }
}
