using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>
/// RFC 6902 on YAML (.yml, .yaml, .msh). These tests pin down exactly which formatting survives the re-emit; the
/// list in docs/formats/patch-json.md is taken from them.
/// </summary>
public class YamlPatchTests
{
    // Written in the emitter's own style (2 spaces, indented sequences), so only the edit and the lost comment differ.
    private const string Model = """
        # Revenue model
        # owner: finance
        name: revenue
        version: 2
        inputs:
          - id: price # unit price
            type: number
          - id: qty
            type: integer
        formula: "price * qty"
        single: 'it''s'
        tags: [finance, core]
        notes: |
          Multi-line
          text
        anchor: &base {x: 1}
        alias: *base
        # end of model

        """;

    // The same document as the emitter writes it: the comment inside the document is gone.
    private static readonly string Emitted = Model.Replace(" # unit price", "");

    [Theory]
    [InlineData("assets/revenue.msh")]
    [InlineData("config/model.yml")]
    [InlineData("config/model.yaml")]
    public void Replace_changes_the_value_and_keeps_order_styles_header_and_trailer(string file)
    {
        string result = Apply(file, Model, """[{"op":"replace","path":"/version","value":3}]""");
        Assert.Equal(Emitted.Replace("version: 2", "version: 3"), result);
    }

    [Fact]
    public void Add_appends_a_key_at_the_end_of_its_mapping()
    {
        string result = Apply("assets/revenue.msh", Model, """[{"op":"add","path":"/currency","value":"EUR"}]""");
        Assert.Equal(Emitted.Replace("alias: *base\n", "alias: *base\ncurrency: EUR\n"), result);
    }

    [Fact]
    public void Add_writes_new_structures_in_block_style_with_the_files_indentation()
    {
        string result = Apply("assets/revenue.msh", Model, """[{"op":"add","path":"/inputs/1","value":{"id":"discount","type":"number","options":["a","b"]}}]""");
        string expected = Emitted.Replace(
            "  - id: qty\n",
            "  - id: discount\n    type: number\n    options:\n      - a\n      - b\n  - id: qty\n");
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Add_into_a_flow_sequence_stays_flow()
    {
        string result = Apply("assets/revenue.msh", Model, """[{"op":"add","path":"/tags/-","value":"new"}]""");
        Assert.Equal(Emitted.Replace("[finance, core]", "[finance, core, new]"), result);
    }

    [Fact]
    public void Strings_that_would_read_as_other_types_are_quoted()
    {
        string result = Apply("a.yml", "a: 1\n", """[{"op":"add","path":"/b","value":["on","yes","0.1","","null","007","plain text", 5, true, null]}]""");
        Assert.Equal("a: 1\nb:\n- \"on\"\n- \"yes\"\n- \"0.1\"\n- \"\"\n- \"null\"\n- \"007\"\n- plain text\n- 5\n- true\n- null\n", result);
    }

    [Fact]
    public void Remove_drops_the_key_and_keeps_the_rest_in_order()
    {
        string result = Apply("assets/revenue.msh", Model, """[{"op":"remove","path":"/formula"}]""");
        Assert.Equal(Emitted.Replace("formula: \"price * qty\"\n", ""), result);
    }

    [Fact]
    public void Move_and_copy_carry_whole_subtrees()
    {
        string moved = Apply("assets/revenue.msh", Model, """[{"op":"move","from":"/inputs/0","path":"/inputs/-"}]""");
        Assert.Equal(Emitted.Replace("  - id: price\n    type: number\n  - id: qty\n    type: integer\n", "  - id: qty\n    type: integer\n  - id: price\n    type: number\n"), moved);
        string copied = Apply("assets/revenue.msh", Model, """[{"op":"copy","from":"/notes","path":"/notes2"}]""");
        Assert.Equal(Emitted.Replace("alias: *base\n", "alias: *base\nnotes2: |\n  Multi-line\n  text\n"), copied);
    }

    [Fact]
    public void Test_uses_yaml_types()
    {
        const string doc = "n: 1\nf: 1.50\ns: '1'\nb: true\nz: ~\nlist: [1, two]\nmap: {k: v}\n";
        string ops = """
            [{"op":"test","path":"/n","value":1.0},{"op":"test","path":"/f","value":1.5},{"op":"test","path":"/s","value":"1"},
             {"op":"test","path":"/b","value":true},{"op":"test","path":"/z","value":null},{"op":"test","path":"/list","value":[1,"two"]},
             {"op":"test","path":"/map","value":{"k":"v"}}]
            """;
        Assert.Equal(doc, Apply("t.yaml", doc, ops));
        var error = Fail("t.yaml", doc, """[{"op":"test","path":"/s","value":1}]""");
        Assert.Equal(ErrorCodes.JsonPatchTestFailed, error.Code);
    }

    [Fact]
    public void Comments_inside_the_document_blank_lines_and_odd_spacing_are_not_kept()
    {
        string result = Apply("c.yml", "a:   1   # one\n\n# about b\nb: 2\n", """[{"op":"replace","path":"/b","value":3}]""");
        Assert.Equal("a: 1\nb: 3\n", result);
    }

    [Fact]
    public void Folded_scalars_keep_their_value_but_not_their_line_breaks()
    {
        string result = Apply("c.yml", "text: >\n  one\n  two\nx: 1\n", """[{"op":"replace","path":"/x","value":2}]""");
        Assert.Equal("text: >\n  one two\nx: 2\n", result);
    }

    [Fact]
    public void Four_space_indentation_unindented_sequences_crlf_and_explicit_start_are_kept()
    {
        string doc = "---\r\nroot:\r\n    child:\r\n    - a\r\n    other: 1\r\n";
        string result = Apply("c.yaml", doc, """[{"op":"add","path":"/root/child/-","value":"b"}]""");
        Assert.Equal("---\r\nroot:\r\n    child:\r\n    - a\r\n    - b\r\n    other: 1\r\n", result);
    }

    [Fact]
    public void Multi_document_files_are_patched_in_their_first_document()
    {
        string result = Apply("c.yaml", "a: 1\n---\nb: 2\n", """[{"op":"add","path":"/c","value":3}]""");
        Assert.Equal("a: 1\nc: 3\n---\nb: 2\n", result);
        var error = Fail("c.yaml", "a: 1\n---\nb: 2\n", """[{"op":"remove","path":"/b"}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
    }

    [Fact]
    public void Invalid_yaml_is_a_validation_error_naming_the_file()
    {
        var error = Fail("bad.yml", "a: [1, 2\nb: 3\n", """[{"op":"remove","path":"/a"}]""");
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Contains("bad.yml", error.Message);
        Assert.Contains("not valid YAML", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void Yaml_pointer_errors_match_the_json_ones()
    {
        Assert.Equal(ErrorCodes.InvalidPointer, Fail("a.yml", "a: [1]\n", """[{"op":"add","path":"/a/5","value":1}]""").Code);
        Assert.Equal(ErrorCodes.InvalidPointer, Fail("a.yml", "a: [1]\n", """[{"op":"remove","path":"/a/01"}]""").Code);
        Assert.Equal(ErrorCodes.InvalidPointer, Fail("a.yml", "a: x\n", """[{"op":"add","path":"/a/b","value":1}]""").Code);
        Assert.Equal(ErrorCodes.InvalidPointer, Fail("a.yml", "a: {b: 1}\n", """[{"op":"move","from":"/a","path":"/a/b/c"}]""").Code);
    }

    [Fact]
    public void Irregular_indentation_is_made_uniform_and_the_missing_final_newline_stays_missing()
    {
        string result = Apply("c.yml", "a:\n  b:\n      c: 1\n  d: 2", """[{"op":"replace","path":"/a/d","value":3}]""");
        Assert.Equal("a:\n  b:\n    c: 1\n  d: 3", result);
    }

    [Fact]
    public void New_collections_inside_flow_collections_are_flow()
    {
        string result = Apply("c.yml", "m: {a: 1}\n", """[{"op":"add","path":"/m/b","value":{"c":[1,2]}}]""");
        Assert.Equal("m: {a: 1, b: {c: [1, 2]}}\n", result);
    }

    [Fact]
    public void New_keys_that_would_read_as_other_types_are_quoted()
    {
        Assert.Equal("a: 1\n\"on\": x\n\"12\": v\n", Apply("k.yml", "a: 1\n", """[{"op":"add","path":"/on","value":"x"},{"op":"add","path":"/12","value":"v"}]"""));
    }
}
