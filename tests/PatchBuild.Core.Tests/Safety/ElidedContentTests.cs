using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>PB1011: a placeholder written where code was replaced would silently delete that code.</summary>
public sealed class ElidedContentTests : IDisposable
{
    private const string Original = "public class Orders\n{\n    public int Count() => 1;\n\n    public void Save()\n    {\n        Persist();\n    }\n\n    private void Persist() { }\n}\n";

    private static readonly ApplyOptions Force = new() { Force = true };

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("    // ... rest of the class unchanged ...")]
    [InlineData("    // ...")]
    [InlineData("    ...")]
    [InlineData("    /* unchanged */")]
    [InlineData("    // existing code")]
    [InlineData("    // … other methods …")]
    [InlineData("    # ... existing code ...")]
    [InlineData("    // rest of the file unchanged")]
    public async Task A_placeholder_where_code_was_replaced_is_pb1011(string placeholder)
    {
        _tree.Write("src/Orders.cs", Original);
        string elided = "public class Orders\n{\n    public int Count() => 2;\n\n" + placeholder + "\n}\n";
        var error = SafetyAssert.Blocked(await _tree.ApplyAsync(Force, TempTree.Recreate("src/Orders.cs", elided)), "PB1011");
        Assert.Equal(ErrorCodes.UnsafePatch, error.Code);
        Assert.Equal(Original, _tree.Read("src/Orders.cs"));
    }

    [Theory]
    [InlineData("    // TODO: handle the rest of the cases")]
    [InlineData("    // Loading... please wait")]
    [InlineData("    // Saves the order; unchanged orders are skipped.")]
    public async Task Ordinary_comments_pass(string comment)
    {
        _tree.Write("src/Orders.cs", Original);
        string edited = Original.Replace("        Persist();\n", "    " + comment + "\n", StringComparison.Ordinal);
        Assert.NotEqual(Original, edited);
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, TempTree.Recreate("src/Orders.cs", edited)));
    }

    [Fact]
    public async Task A_placeholder_that_replaced_no_code_passes()
    {
        _tree.Write("src/Orders.cs", Original);
        string edited = Original.Replace("    public int Count() => 1;\n", "    public int Count() => 1;\n    // ...\n", StringComparison.Ordinal);
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, TempTree.Recreate("src/Orders.cs", edited)));
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, TempTree.Create("src/New.cs", "class New\n{\n    // ...\n}\n")));
    }

    [Fact]
    public async Task Pb1011_can_be_lowered_to_a_warning()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1011": "warning" } } }""");
        _tree.Write("src/Orders.cs", Original);
        var result = await _tree.ApplyAsync(Force, TempTree.Recreate("src/Orders.cs", "public class Orders\n{\n    // ... existing code ...\n}\n"));
        SafetyAssert.Passed(result);
        Assert.Contains(result.Warnings, w => w.Code == "PB1011");
    }
}
