using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>The behaviours RFC 6902's appendix walks through, with our own documents and values.</summary>
public class Rfc6902ConformanceTests
{
    [Fact]
    public void Add_creates_an_object_member()
    {
        string result = Apply("a.json", """{"city":"Oslo"}""", """[{"op":"add","path":"/zip","value":"0150"}]""");
        AssertSameJson("""{"city":"Oslo","zip":"0150"}""", result);
    }

    [Fact]
    public void Add_inserts_into_an_array_and_shifts_the_rest()
    {
        string result = Apply("a.json", """{"colors":["red","blue"]}""", """[{"op":"add","path":"/colors/1","value":"green"}]""");
        AssertSameJson("""{"colors":["red","green","blue"]}""", result);
    }

    [Fact]
    public void Remove_deletes_a_member()
    {
        string result = Apply("a.json", """{"keep":1,"drop":2}""", """[{"op":"remove","path":"/drop"}]""");
        AssertSameJson("""{"keep":1}""", result);
    }

    [Fact]
    public void Remove_deletes_an_array_element_and_closes_the_gap()
    {
        string result = Apply("a.json", """{"n":[10,20,30,40]}""", """[{"op":"remove","path":"/n/1"}]""");
        AssertSameJson("""{"n":[10,30,40]}""", result);
    }

    [Fact]
    public void Replace_swaps_a_value()
    {
        string result = Apply("a.json", """{"name":"old","size":3}""", """[{"op":"replace","path":"/name","value":{"first":"new"}}]""");
        AssertSameJson("""{"name":{"first":"new"},"size":3}""", result);
    }

    [Fact]
    public void Move_takes_a_member_to_another_object()
    {
        string result = Apply("a.json", """{"from":{"x":1,"y":2},"to":{"z":3}}""", """[{"op":"move","from":"/from/x","path":"/to/x"}]""");
        AssertSameJson("""{"from":{"y":2},"to":{"z":3,"x":1}}""", result);
    }

    [Fact]
    public void Move_reorders_an_array_with_indices_taken_after_the_removal()
    {
        string result = Apply("a.json", """{"q":["a","b","c","d"]}""", """[{"op":"move","from":"/q/1","path":"/q/3"}]""");
        AssertSameJson("""{"q":["a","c","d","b"]}""", result);
    }

    [Fact]
    public void Test_passes_on_equal_values_and_changes_nothing()
    {
        const string doc = """{"v":"x","list":[1,2,{"k":null}]}""";
        string result = Apply("a.json", doc, """[{"op":"test","path":"/v","value":"x"},{"op":"test","path":"/list","value":[1,2,{"k":null}]}]""");
        Assert.Equal(doc, result);
    }

    [Fact]
    public void Test_failure_is_reported_with_its_code()
    {
        var error = Fail("a.json", """{"v":"x"}""", """[{"op":"test","path":"/v","value":"y"}]""");
        Assert.Equal(ErrorCodes.JsonPatchTestFailed, error.Code);
        Assert.Contains("\"x\"", error.Message);
        Assert.Contains("\"y\"", error.Message);
    }

    [Fact]
    public void Add_can_create_a_nested_object_in_one_step()
    {
        string result = Apply("a.json", """{"a":1}""", """[{"op":"add","path":"/b","value":{"c":{"d":[true]}}}]""");
        AssertSameJson("""{"a":1,"b":{"c":{"d":[true]}}}""", result);
    }

    [Fact]
    public void Unknown_members_of_an_operation_are_ignored()
    {
        string result = Apply("a.json", """{"a":1}""", """[{"op":"replace","path":"/a","value":2,"comment":"why","extra":[1]}]""");
        AssertSameJson("""{"a":2}""", result);
    }

    [Fact]
    public void Add_under_a_missing_parent_is_an_invalid_pointer()
    {
        var error = Fail("a.json", """{"a":1}""", """[{"op":"add","path":"/missing/child","value":1}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("/missing", error.Message);
    }

    [Fact]
    public void Tilde_escapes_are_decoded_in_the_right_order()
    {
        // "~01" is "~1" (a tilde then a one), not "/".
        const string doc = """{"/":"slash","~1":"tilde-one"}""";
        string result = Apply("a.json", doc, """[{"op":"test","path":"/~01","value":"tilde-one"},{"op":"test","path":"/~1","value":"slash"}]""");
        Assert.Equal(doc, result);
    }

    [Fact]
    public void A_string_never_equals_a_number()
    {
        var error = Fail("a.json", """{"n":10}""", """[{"op":"test","path":"/n","value":"10"}]""");
        Assert.Equal(ErrorCodes.JsonPatchTestFailed, error.Code);
    }

    [Fact]
    public void Adding_an_array_to_an_array_nests_it()
    {
        string result = Apply("a.json", """{"a":[1]}""", """[{"op":"add","path":"/a/-","value":[2,3]}]""");
        AssertSameJson("""{"a":[1,[2,3]]}""", result);
    }

    [Fact]
    public void Copy_duplicates_a_value()
    {
        string result = Apply("a.json", """{"src":{"k":[1,2]},"dst":{}}""", """[{"op":"copy","from":"/src","path":"/dst/copy"}]""");
        AssertSameJson("""{"src":{"k":[1,2]},"dst":{"copy":{"k":[1,2]}}}""", result);
    }

    [Fact]
    public void Add_to_an_existing_member_replaces_it_in_place()
    {
        string result = Apply("a.json", """{"a":1,"b":2,"c":3}""", """[{"op":"add","path":"/b","value":"two"}]""");
        Assert.Equal("""{"a":1,"b":"two","c":3}""", result);
    }

    [Fact]
    public void Replace_of_the_root_swaps_the_document()
    {
        string result = Apply("a.json", """{"a":1}""", """[{"op":"replace","path":"","value":[1,2]}]""");
        AssertSameJson("[1,2]", result);
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("100", "1e2")]
    [InlineData("-0.5", "-5E-1")]
    public void Test_compares_numbers_by_value(string inFile, string inTest)
    {
        Apply("a.json", $$"""{"n":{{inFile}}}""", $$"""[{"op":"test","path":"/n","value":{{inTest}}}]""");
    }

    [Fact]
    public void Test_ignores_member_order_but_not_array_order()
    {
        Apply("a.json", """{"o":{"x":1,"y":2}}""", """[{"op":"test","path":"/o","value":{"y":2,"x":1}}]""");
        var error = Fail("a.json", """{"a":[1,2]}""", """[{"op":"test","path":"/a","value":[2,1]}]""");
        Assert.Equal(ErrorCodes.JsonPatchTestFailed, error.Code);
    }

    [Fact]
    public void Move_into_its_own_child_is_refused()
    {
        var error = Fail("a.json", """{"a":{"b":{}}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Contains("inside it", error.Message);
    }

    [Fact]
    public void Move_to_the_same_place_changes_nothing()
    {
        const string doc = """{"a":{"b":1}}""";
        Assert.Equal(doc, Apply("a.json", doc, """[{"op":"move","from":"/a/b","path":"/a/b"}]"""));
    }

    [Fact]
    public void A_failing_operation_undoes_the_earlier_ones_of_its_entry()
    {
        var error = Fail("a.json", """{"a":1}""", """[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/nope"}]""");
        Assert.Equal(ErrorCodes.InvalidPointer, error.Code);
        Assert.Equal(1, error.Context["operation"]);
        Assert.Equal(0, error.Context["entry"]);
        Assert.Equal("remove", error.Context["op"]);
    }
}
