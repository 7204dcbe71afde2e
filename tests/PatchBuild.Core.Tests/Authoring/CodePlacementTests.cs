using PatchBuild.Core.Authoring.CodePlacement;
using PatchBuild.Core.Authoring.Templates;
using PatchBuild.Core.Tests.Support;
using static PatchBuild.Core.Tests.Authoring.AuthoringKit;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>--from-code: Roslyn finds the place, the patch applies by both patchers, the result parses.</summary>
public sealed class CodePlacementTests
{
    private const string Method = "public int Twice(int x)\n{\n    return x * 2;\n}\n";

    [Fact]
    public async Task Default_EndOfTheOnlyType_ReindentedFromAnyIndentation()
    {
        using var folder = new TempFolder();
        folder.Write("Calc.cs", "namespace App\n{\n    public class Calc\n    {\n        public int Once(int x) => x;\n    }\n}\n");
        var patch = await CodeAuthoring.FromCodeAsync(folder.Path, "            public int Twice(int x)\n            {\n                return x * 2;\n            }\n", "Calc.cs", Placement.Default);
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("namespace App\n{\n    public class Calc\n    {\n        public int Once(int x) => x;\n\n        public int Twice(int x)\n        {\n            return x * 2;\n        }\n    }\n}\n", result);
        AssertParses(result);
    }

    [Fact]
    public async Task EndOf_NestedType_ByDottedName()
    {
        using var folder = new TempFolder();
        folder.Write("Outer.cs", "namespace App;\n\npublic class Outer\n{\n    public class Inner\n    {\n    }\n\n    public class Other\n    {\n    }\n}\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, Method, "Outer.cs", new Placement(PlacementKind.EndOf, "Outer.Inner")));
        Assert.Equal("namespace App;\n\npublic class Outer\n{\n    public class Inner\n    {\n        public int Twice(int x)\n        {\n            return x * 2;\n        }\n    }\n\n    public class Other\n    {\n    }\n}\n", result);
    }

    [Fact]
    public async Task After_AMember_BetweenTwoMembers()
    {
        using var folder = new TempFolder();
        folder.Write("Calc.cs", "class Calc\n{\n    public int A() => 1;\n    public int B() => 2;\n}\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, "public int C() => 3;", "Calc.cs", new Placement(PlacementKind.After, "Calc.A")));
        Assert.Equal("class Calc\n{\n    public int A() => 1;\n\n    public int C() => 3;\n\n    public int B() => 2;\n}\n", result);
    }

    [Fact]
    public async Task AType_ByDefault_GoesAfterTheOnlyType_InItsNamespace()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "namespace App.Models\n{\n    public record User(int Id);\n}\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, "public record Address(string City);", "User.cs", Placement.Default));
        Assert.Equal("namespace App.Models\n{\n    public record User(int Id);\n\n    public record Address(string City);\n}\n", result);
    }

    [Fact]
    public async Task EndOf_ARecordWithBody_AndAStringLiteralKeepsItsLines()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "public record User(int Id)\n{\n}\n");
        string code = "public string Describe() => @\"line one\n  line two\";";
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, code, "User.cs", new Placement(PlacementKind.EndOf, "User")));
        Assert.Equal("public record User(int Id)\n{\n    public string Describe() => @\"line one\n  line two\";\n}\n", result);
    }

    [Fact]
    public async Task PartialClassTwiceInTheFile_IsAmbiguous_ListingBoth()
    {
        using var folder = new TempFolder();
        folder.Write("P.cs", "partial class P\n{\n}\n\npartial class P\n{\n}\n");
        var error = await FailsAsync(() => CodeAuthoring.FromCodeAsync(folder.Path, Method, "P.cs", new Placement(PlacementKind.EndOf, "P")));
        Assert.Equal(AuthoringErrorCodes.AmbiguousSymbol, error.Code);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_WithTwoTypes_IsAnErrorNamingThem()
    {
        using var folder = new TempFolder();
        folder.Write("Two.cs", "namespace N;\nclass A { }\nclass B { }\n");
        var error = await FailsAsync(() => CodeAuthoring.FromCodeAsync(folder.Path, Method, "Two.cs", Placement.Default));
        Assert.Equal(AuthoringErrorCodes.AmbiguousSymbol, error.Code);
        Assert.Contains("N.A", error.Message, StringComparison.Ordinal);
        Assert.Contains("N.B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneLineClass_GetsItsMemberOnALineOfItsOwn()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, "int x;", "A.cs", Placement.Default));
        Assert.Equal("class A {\n    int x;\n}\n", result);
        AssertParses(result);
    }

    [Theory]
    [InlineData("Missing", AuthoringErrorCodes.SymbolNotFound)]
    [InlineData("A.Nope", AuthoringErrorCodes.SymbolNotFound)]
    public async Task UnknownSymbol_IsNamed(string symbol, string code)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { void M() { } }\n");
        var error = await FailsAsync(() => CodeAuthoring.FromCodeAsync(folder.Path, Method, "A.cs", new Placement(PlacementKind.After, symbol)));
        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("int x = ;")]
    [InlineData("namespace X { }")]
    [InlineData("Console.WriteLine(1);")]
    [InlineData("}\nclass Evil {")]
    public async Task CodeThatIsNotADeclaration_IsRefused_AndNothingChanges(string code)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        var before = folder.Snapshot();
        var error = await FailsAsync(() => CodeAuthoring.FromCodeAsync(folder.Path, code, "A.cs", Placement.Default));
        Assert.Equal(AuthoringErrorCodes.InvalidCode, error.Code);
        Assert.Equal(before, folder.Snapshot());
    }

    [Theory]
    [InlineData("../outside.cs")]
    [InlineData("/etc/passwd")]
    [InlineData(".git/config.cs")]
    public async Task IntoOutsideTheRoot_IsRefused(string into)
    {
        using var folder = new TempFolder();
        await Assert.ThrowsAsync<Model.PatchException>(() => CodeAuthoring.FromCodeAsync(folder.Path, Method, into, Placement.Default));
    }

    [Fact]
    public async Task ARepeatedNeighbourhood_StillGetsAUniqueLocator()
    {
        using var folder = new TempFolder();
        folder.Write("R.cs", "class R\n{\n    class A\n    {\n        int x;\n    }\n\n    class B\n    {\n        int x;\n    }\n}\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, "int y;", "R.cs", new Placement(PlacementKind.EndOf, "B")));
        Assert.Equal("class R\n{\n    class A\n    {\n        int x;\n    }\n\n    class B\n    {\n        int x;\n\n        int y;\n    }\n}\n", result);
    }

    [Fact]
    public async Task CrLfAndTabs_AreKept_ForPlacedCode()
    {
        using var folder = new TempFolder();
        folder.Write("T.cs", "namespace N\r\n{\r\n\tclass T\r\n\t{\r\n\t\tint a;\r\n\t}\r\n}\r\n");
        string result = await ApplyBothAsync(folder, await CodeAuthoring.FromCodeAsync(folder.Path, Method, "T.cs", Placement.Default));
        Assert.Equal("namespace N\r\n{\r\n\tclass T\r\n\t{\r\n\t\tint a;\r\n\r\n\t\tpublic int Twice(int x)\r\n\t\t{\r\n\t\t\treturn x * 2;\r\n\t\t}\r\n\t}\r\n}\r\n", result);
    }
}
