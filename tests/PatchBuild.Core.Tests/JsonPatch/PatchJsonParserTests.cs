using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>Recognising patch.json files and refusing malformed ones with a precise INVALID_PATCH_FILE.</summary>
public class PatchJsonParserTests
{
    [Theory]
    [InlineData("patch.json", "{}", true)]
    [InlineData("PATCH.JSON", "{}", true)]
    [InlineData("fix-logging.patch.json", "{}", true)]
    [InlineData("changes.json", """{"patches": []}""", true)]
    [InlineData("appsettings.json", """{"Logging": {}}""", false)]
    [InlineData("data.json", """{"patches": "no"}""", false)]
    [InlineData("notes.txt", """{"patches": []}""", false)]
    [InlineData(null, """{"patches": [{}]}""", true)]
    public void Claims_by_name_then_by_content(string? name, string text, bool expected)
    {
        Assert.Equal(expected, new PatchJsonFormat().Claims(name, text));
    }

    [Theory]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""[1, 2]""", "\"patches\" array")]
    [InlineData("""{"patches": {}}""", "\"patches\" array")]
    [InlineData("""{"patches": [42]}""", "patches[0] is a number")]
    [InlineData("""{"patches": [{"operations": []}]}""", "file_path")]
    [InlineData("""{"patches": [{"file_path": "a.json"}]}""", "neither")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": {}}]}""", "not an array")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"path": "/a"}]}]}""", "no \"op\"")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"op": "merge", "path": "/a"}]}]}""", "unknown op \"merge\"")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"op": "remove"}]}]}""", "no \"path\"")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"op": "move", "path": "/a"}]}]}""", "no \"from\"")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"op": "test", "path": "/a"}]}]}""", "no \"value\"")]
    [InlineData("""{"patches": [{"file_path": "a.json", "operations": [{"op": "remove", "path": 5}]}]}""", "not a string")]
    [InlineData("""{"patches": [{"file_path": "a.json", "diff": 5}]}""", "diff is a number")]
    public void Shape_errors_are_invalid_patch_file_with_a_hint(string text, string fragment)
    {
        var ex = Assert.Throws<PatchException>(() => ParsePatch(text));
        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
        Assert.Contains(fragment, ex.Error.Message);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Hint));
    }

    [Fact]
    public void Errors_carry_the_entry_and_operation_index_and_line()
    {
        string text = "{\"patches\": [\n  {\"file_path\": \"a.json\", \"operations\": [{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}]},\n  {\"file_path\": \"b.json\", \"operations\": [\n    {\"op\": \"add\", \"path\": \"/a\", \"value\": 1},\n    {\"op\": \"copy\", \"path\": \"/b\"}\n  ]}\n]}";
        var ex = Assert.Throws<PatchException>(() => ParsePatch(text));
        Assert.Equal(1, ex.Error.Context["entry"]);
        Assert.Equal(1, ex.Error.Context["operation"]);
        Assert.Equal("copy", ex.Error.Context["op"]);
        Assert.Equal(5, ex.Error.Line);
        Assert.Contains("patches[1].operations[1]", ex.Error.Message);
    }

    [Fact]
    public void Each_entry_becomes_one_modify_change_with_all_its_operations()
    {
        var set = ParsePatch("""{"patches":[{"file_path":"a.json","operations":[{"op":"add","path":"/a","value":{"x":[1]}},{"op":"move","from":"/a","path":"/b"}]}]}""");
        var change = Assert.Single(set.Files);
        Assert.Equal(FileChangeKind.Modify, change.Kind);
        Assert.Equal("a.json", change.Path);
        var modification = Assert.IsType<JsonPatchModification>(Assert.Single(change.Modifications));
        Assert.Equal(2, modification.Operations.Count);
        Assert.Equal("""{"x":[1]}""", modification.Operations[0].ValueJson);
        Assert.Equal("/a", modification.Operations[1].From);
    }

    [Fact]
    public void Strict_mode_refuses_unknown_entry_members_and_trailing_commas()
    {
        const string extra = """{"patches":[{"file_path":"a.json","fle":"x","operations":[{"op":"remove","path":"/a"}]}]}""";
        ParsePatch(extra);
        Assert.Equal(ErrorCodes.InvalidPatchFile, Assert.Throws<PatchException>(() => ParsePatch(extra, strict: true)).Error.Code);
        const string trailing = """{"patches":[{"file_path":"a.json","operations":[{"op":"remove","path":"/a"},]}]}""";
        ParsePatch(trailing);
        Assert.Equal(ErrorCodes.InvalidPatchFile, Assert.Throws<PatchException>(() => ParsePatch(trailing, strict: true)).Error.Code);
    }
}
