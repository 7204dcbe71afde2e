using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Safety;
using PatchBuild.Core.Validation;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>A real console project evaluated by the real `dotnet msbuild`, then used for compile validation.</summary>
public sealed class ProjectEvaluatorTests : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <DefineConstants>$(DefineConstants);SHOP</DefineConstants>
          </PropertyGroup>
        </Project>
        """;

    private const string Program = "var items = new List<string> { \"a\" };\nConsole.WriteLine(items.Count);\n";

    private readonly TempTree _tree = new();

    public ProjectEvaluatorTests()
    {
        _tree.Write("App/App.csproj", Project);
        _tree.Write("App/Program.cs", Program);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Evaluation_reports_sources_references_and_settings_and_drives_compile_validation()
    {
        var inputs = ProjectEvaluator.Evaluate(_tree.Full("App/App.csproj"));
        Assert.Contains(inputs.Sources, s => s.EndsWith("Program.cs", StringComparison.Ordinal));
        Assert.Contains(inputs.References, r => Path.GetFileName(r) == "System.Console.dll");
        Assert.Contains("SHOP", inputs.PreprocessorSymbols);
        Assert.Equal("Exe", inputs.OutputType);
        Assert.False(string.IsNullOrEmpty(inputs.LanguageVersion));
        Assert.True(inputs.GlobalUsings is not null || inputs.Sources.Any(s => s.EndsWith(".GlobalUsings.g.cs", StringComparison.Ordinal)));

        // The same project through the engine: a broken patch is refused, a good one written.
        var options = new ApplyOptions { ProjectFile = "App/App.csproj" };
        var broken = await _tree.ApplyAsync(options, TempTree.Recreate("App/Program.cs", Program + "Console.WriteLine(total);\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, broken.Error!.Code);
        Assert.Contains("App/Program.cs(3,19): error CS0103: The name 'total' does not exist in the current context", broken.Error.Message);
        Assert.Equal(Program, _tree.Read("App/Program.cs"));

        var good = await _tree.ApplyAsync(options, TempTree.Recreate("App/Program.cs", Program + "Console.WriteLine(items[0]);\n"));
        SafetyAssert.Passed(good);
    }

    [Fact]
    public async Task A_project_that_cannot_be_evaluated_is_a_clear_validation_error()
    {
        _tree.Write("Bad/Bad.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>");
        var result = await _tree.ApplyAsync(new ApplyOptions { ProjectFile = "Bad/Bad.csproj" }, TempTree.Create("Bad/A.cs", "class A { }\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        Assert.Contains("Could not evaluate", result.Error.Message);
        Assert.Contains("--force", result.Error.Hint);
        Assert.False(_tree.Exists("Bad/A.cs"));
    }
}
