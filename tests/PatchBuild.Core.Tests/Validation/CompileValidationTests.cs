using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Safety;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>Real in-memory Roslyn compilations against the running runtime's assemblies.</summary>
public sealed class CompileValidationTests : IDisposable
{
    private static readonly string[] RuntimeReferences =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        // The few the sources use keep each compilation quick.
        .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "System.Console.dll" or "System.Collections.dll")
        .ToArray();

    private readonly TempTree _tree = new();

    public CompileValidationTests()
    {
        _tree.Write("src/Greeter.cs", "namespace App;\n\npublic static class Greeter\n{\n    public static string Hello(string name) => \"Hello \" + name;\n}\n");
        _tree.Write("src/Program.cs", "namespace App;\n\npublic static class Program\n{\n    public static int Main()\n    {\n        System.Console.WriteLine(Greeter.Hello(\"x\"));\n        return 0;\n    }\n}\n");
    }

    public void Dispose() => _tree.Dispose();

    private ApplyOptions Options => new()
    {
        CompileSources = ["src/Greeter.cs", "src/Program.cs"],
        CompileReferences = RuntimeReferences,
        OutputType = "Exe",
    };

    private static List<string> Formatted(PatchError error) => ((IEnumerable<string>)error.Context["formatted"]!).ToList();

    [Fact]
    public async Task An_undefined_name_is_refused_like_the_compiler_reports_it()
    {
        string program = _tree.Read("src/Program.cs").Replace("return 0;", "return x;");
        var result = await _tree.ApplyAsync(Options, TempTree.Recreate("src/Program.cs", program));

        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        Assert.Equal("src/Program.cs(8,16): error CS0103: The name 'x' does not exist in the current context", Assert.Single(Formatted(result.Error)));
        Assert.Contains("src/Program.cs(8,16): error CS0103", result.Error.Message);
        Assert.DoesNotContain("return x;", _tree.Read("src/Program.cs"));
    }

    [Fact]
    public async Task A_missing_member_used_from_another_file_is_refused()
    {
        string program = _tree.Read("src/Program.cs").Replace("Greeter.Hello(\"x\")", "Greeter.Goodbye(\"x\")");
        var result = await _tree.ApplyAsync(Options, TempTree.Recreate("src/Program.cs", program));
        Assert.Contains("error CS0117", Assert.Single(Formatted(result.Error!)));
    }

    [Fact]
    public async Task Removing_a_member_that_another_file_uses_is_refused()
    {
        var result = await _tree.ApplyAsync(Options, TempTree.Recreate("src/Greeter.cs", "namespace App;\n\npublic static class Greeter\n{\n}\n"));
        var error = result.Error!;
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.StartsWith("src/Program.cs(7,", Assert.Single(Formatted(error)));
    }

    [Fact]
    public async Task A_type_mismatch_and_a_missing_using_are_refused()
    {
        string mismatch = _tree.Read("src/Program.cs").Replace("return 0;", "int n = \"text\";\n        return n;");
        Assert.Contains("error CS0029", Formatted((await _tree.ApplyAsync(Options, TempTree.Recreate("src/Program.cs", mismatch))).Error!)[0]);

        string missingUsing = "namespace App;\n\npublic static class Lists\n{\n    public static List<int> Make() => new();\n}\n";
        var result = await _tree.ApplyAsync(Options with { CompileSources = [.. Options.CompileSources, "src/Lists.cs"] }, TempTree.Create("src/Lists.cs", missingUsing));
        Assert.Contains("error CS0246", Formatted(result.Error!)[0]);
        Assert.False(_tree.Exists("src/Lists.cs"));
    }

    [Fact]
    public async Task A_correct_patch_compiles_and_is_written()
    {
        string program = _tree.Read("src/Program.cs").Replace("return 0;", "var count = Greeter.Hello(\"y\").Length;\n        return count > 0 ? 0 : 1;");
        SafetyAssert.Passed(await _tree.ApplyAsync(Options, TempTree.Recreate("src/Program.cs", program)));
        Assert.Contains("count > 0", _tree.Read("src/Program.cs"));
    }

    [Fact]
    public async Task Errors_that_existed_before_do_not_block()
    {
        _tree.Write("src/Legacy.cs", "namespace App;\n\npublic static class Legacy\n{\n    public static int Broken() => missing;\n}\n");
        var options = Options with { CompileSources = [.. Options.CompileSources, "src/Legacy.cs"] };
        string fixedGreeter = _tree.Read("src/Greeter.cs").Replace("\"Hello \"", "\"Hi \"");
        SafetyAssert.Passed(await _tree.ApplyAsync(options, TempTree.Recreate("src/Greeter.cs", fixedGreeter)));
    }

    [Fact]
    public async Task A_new_file_in_the_project_folder_joins_the_compilation()
    {
        _tree.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var options = Options with { ProjectFile = "App.csproj" };
        var result = await _tree.ApplyAsync(options, TempTree.Create("src/Extra.cs", "namespace App;\n\npublic static class Extra\n{\n    public static int N() => Greeter.Nope();\n}\n"));
        Assert.Contains("error CS0117", Formatted(result.Error!)[0]);
    }

    [Fact]
    public async Task The_project_language_version_applies_to_the_compilation()
    {
        string program = _tree.Read("src/Program.cs").Replace("return 0;", "var s = \"\"\"\n            raw\n            \"\"\";\n        return s.Length;");
        SafetyAssert.Passed(await _tree.ApplyAsync(Options, TempTree.Recreate("src/Program.cs", program)));
        _tree.Write("src/Program.cs", program.Replace("raw", "raw2").Replace("var s = \"\"\"\n            raw2\n            \"\"\";", "var s = \"ok\";"));
        var old = await _tree.ApplyAsync(Options with { LanguageVersion = "10" }, TempTree.Recreate("src/Program.cs", program));
        Assert.Contains("raw string literals", Formatted(old.Error!)[0]);
    }

    [Fact]
    public async Task Force_skips_compile_validation()
    {
        string program = _tree.Read("src/Program.cs").Replace("return 0;", "return x;");
        SafetyAssert.Passed(await _tree.ApplyAsync(Options with { Force = true }, TempTree.Recreate("src/Program.cs", program)));
    }
}
