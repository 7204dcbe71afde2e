using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>Hostile nesting gives a clear error, never a stack overflow; reasonable nesting works.</summary>
public class DeepNestingTests
{
    [Fact]
    public void A_json_target_nested_far_too_deep_is_refused()
    {
        string doc = new string('[', 100_000) + new string(']', 100_000);
        var error = Fail("deep.json", doc, """[{"op":"add","path":"/0","value":1}]""");
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Contains("nested more than 256", error.Message);
    }

    [Fact]
    public void A_yaml_target_nested_far_too_deep_is_refused()
    {
        string doc = "a: " + new string('[', 50_000) + new string(']', 50_000) + "\n";
        var error = Fail("deep.yaml", doc, """[{"op":"remove","path":"/a"}]""");
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
    }

    [Fact]
    public void A_patch_with_a_value_nested_far_too_deep_is_refused()
    {
        string value = new string('[', 10_000) + new string(']', 10_000);
        var ex = Assert.Throws<PatchException>(() => ParsePatch(PatchFor("a.json", $$"""[{"op":"add","path":"/a","value":{{value}}}]""")));
        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
    }

    [Fact]
    public void Two_hundred_levels_can_be_navigated_and_edited()
    {
        const int depth = 200;
        string doc = string.Concat(Enumerable.Repeat("{\"n\":", depth)) + "0" + new string('}', depth);
        string pointer = string.Concat(Enumerable.Repeat("/n", depth));
        string result = Apply("deep.json", doc, $$"""[{"op":"replace","path":"{{pointer}}","value":1},{"op":"test","path":"{{pointer}}","value":1}]""");
        Assert.Equal(doc.Replace(":0}", ":1}"), result);
    }

    [Fact]
    public void Adding_a_value_that_would_push_past_the_limit_is_refused()
    {
        const int depth = 250;
        string doc = string.Concat(Enumerable.Repeat("{\"n\":", depth)) + "0" + new string('}', depth);
        string pointer = string.Concat(Enumerable.Repeat("/n", depth));
        string value = new string('[', 20) + new string(']', 20);
        var ex = Assert.ThrowsAny<Exception>(() => Apply("deep.json", doc, $$"""[{"op":"replace","path":"{{pointer}}","value":{{value}}}]"""));
        var patchException = Assert.IsType<PatchException>(ex);
        Assert.Equal(ErrorCodes.ValidationFailed, patchException.Error.Code);
    }

    [Fact]
    public void Yaml_values_deeper_than_the_serializer_default_can_be_tested()
    {
        string nested = new string('[', 100) + new string(']', 100);
        string doc = "a: " + nested + "\n";
        Assert.Equal(doc, Apply("d.yaml", doc, $$"""[{"op":"test","path":"/a","value":{{nested}}}]"""));
    }
}
