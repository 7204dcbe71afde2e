using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>JSON Pointer evaluation (RFC 6901), checked through "test" and "replace" on a document of awkward names.</summary>
public class Rfc6901PointerTests
{
    private const string Doc = """
        {"tags": ["alpha", "beta"], "": "empty-name", "x/y": 1, "p%q": 2, "r^s": 3, "t|u": 4, "v\\w": 5, "quote\"d": 6, " ": 7, "tilde~it": 8, "7": "seven"}
        """;

    [Theory]
    [InlineData("/tags", """["alpha","beta"]""")]
    [InlineData("/tags/0", "\"alpha\"")]
    [InlineData("/tags/1", "\"beta\"")]
    [InlineData("/", "\"empty-name\"")]
    [InlineData("/x~1y", "1")]
    [InlineData("/p%q", "2")]
    [InlineData("/r^s", "3")]
    [InlineData("/t|u", "4")]
    [InlineData("/v\\\\w", "5")]
    [InlineData("/quote\\\"d", "6")]
    [InlineData("/ ", "7")]
    [InlineData("/tilde~0it", "8")]
    [InlineData("/7", "\"seven\"")]
    public void Each_pointer_finds_its_value(string pointer, string value)
    {
        Assert.Equal(Doc, Apply("d.json", Doc, $$"""[{"op":"test","path":"{{pointer}}","value":{{value}}}]"""));
    }

    [Fact]
    public void The_empty_pointer_is_the_whole_document()
    {
        Apply("d.json", """{"a":[1]}""", """[{"op":"test","path":"","value":{"a":[1]}}]""");
    }

    [Fact]
    public void Escaped_names_are_written_back_escaped()
    {
        string result = Apply("d.json", """{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":10},{"op":"replace","path":"/m~0n","value":20}]""");
        Assert.Equal("""{"a/b":10,"m~n":20}""", result);
    }

    [Fact]
    public void A_numeric_token_on_an_object_is_a_member_name()
    {
        string result = Apply("d.json", """{"0":"zero","10":"ten"}""", """[{"op":"replace","path":"/10","value":"TEN"},{"op":"add","path":"/01","value":"new"}]""");
        AssertSameJson("""{"0":"zero","10":"TEN","01":"new"}""", result);
    }

    [Theory]
    [InlineData("/tags/01")]
    [InlineData("/tags/-1")]
    [InlineData("/tags/+1")]
    [InlineData("/tags/x")]
    public void Array_indices_must_be_plain_decimal(string pointer)
    {
        var error = Fail("d.json", Doc, $$"""[{"op":"replace","path":"{{pointer}}","value":0}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("not an index", error.Message);
    }

    [Fact]
    public void An_index_past_the_end_is_refused_but_add_may_use_the_length()
    {
        var error = Fail("d.json", """{"a":[1,2]}""", """[{"op":"add","path":"/a/3","value":0}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("past the end", error.Message);
        AssertSameJson("""{"a":[1,2,0]}""", Apply("d.json", """{"a":[1,2]}""", """[{"op":"add","path":"/a/2","value":0}]"""));
        Assert.Equal(ErrorCodes.InvalidPointer, Fail("d.json", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/2"}]""").Code);
    }

    [Fact]
    public void Dash_appends_for_add_and_names_nothing_otherwise()
    {
        AssertSameJson("""{"a":[1,2]}""", Apply("d.json", """{"a":[1]}""", """[{"op":"add","path":"/a/-","value":2}]"""));
        var error = Fail("d.json", """{"a":[1]}""", """[{"op":"replace","path":"/a/-","value":2}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("'-'", error.Message);
    }

    [Fact]
    public void A_pointer_through_a_scalar_is_refused()
    {
        var error = Fail("d.json", """{"a":"text"}""", """[{"op":"add","path":"/a/b","value":1}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("is a string", error.Message);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/a~2")]
    [InlineData("/a~")]
    public void Malformed_pointers_are_refused_when_the_patch_is_read(string pointer)
    {
        var ex = Assert.Throws<PatchException>(() => ParsePatch(PatchFor("d.json", $$"""[{"op":"remove","path":"{{pointer}}"}]""")));
        Assert.Equal(ErrorCodes.InvalidPointer, ex.Error.Code);
        Assert.Equal(0, ex.Error.Context["operation"]);
    }

    [Fact]
    public void Names_with_broken_escapes_or_values_with_lone_surrogates_never_crash()
    {
        string result = Apply("d.json", "{\"\\ud800\": 1, \"b\": 2}", """[{"op":"remove","path":"/b"}]""");
        Assert.Equal("{\"\\ud800\": 1}", result);
        var error = Fail("d.yml", "a: 1\n", """[{"op":"add","path":"/b","value":"\ud800"}]""");
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
    }

    [Fact]
    public void Members_of_a_large_object_stay_findable_across_adds_and_removes()
    {
        string doc = "{" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"k{i}\":{i}")) + "}";
        string ops = """
            [{"op":"add","path":"/new1","value":1},{"op":"test","path":"/new1","value":1},{"op":"test","path":"/k99","value":99},
             {"op":"remove","path":"/k0"},{"op":"test","path":"/k1","value":1},{"op":"add","path":"/new2","value":2},
             {"op":"replace","path":"/new1","value":10},{"op":"test","path":"/new2","value":2},{"op":"test","path":"/k99","value":99}]
            """;
        string result = Apply("big.json", doc, ops);
        Assert.StartsWith("{\"k1\":1,", result);
        Assert.EndsWith("\"k99\":99,\"new1\":10,\"new2\":2}", result);
    }
}
