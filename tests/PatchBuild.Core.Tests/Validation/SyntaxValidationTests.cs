using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Safety;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>Syntax validation through the real engine: Roslyn for C#, System.Text.Json, XmlReader, YamlDotNet.</summary>
public sealed class SyntaxValidationTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static List<Dictionary<string, object?>> Diagnostics(PatchError error) =>
        ((IEnumerable<Dictionary<string, object?>>)error.Context["diagnostics"]!).ToList();

    [Fact]
    public async Task CSharp_syntax_error_added_by_a_patch_is_refused_with_compiler_position_and_message()
    {
        const string Before = "class A\n{\n    void M()\n    {\n    }\n}\n";
        _tree.Write("src/A.cs", Before);
        var result = await _tree.ApplyAsync(TempTree.Recreate("src/A.cs", "class A\n{\n    void M()\n    {\n        int x = 1\n    }\n}\n"));

        Assert.False(result.Success);
        var error = result.Error!;
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("src/A.cs", error.File);
        var diagnostic = Assert.Single(Diagnostics(error));
        Assert.Equal("CS1002", diagnostic["id"]);
        Assert.Equal(5, diagnostic["line"]);
        Assert.Equal(18, diagnostic["column"]);
        Assert.Equal("; expected", diagnostic["message"]);
        Assert.Contains("src/A.cs(5,18): error CS1002: ; expected", error.Message);
        Assert.Equal(Before, _tree.Read("src/A.cs"));
    }

    [Fact]
    public async Task Errors_the_file_already_had_do_not_block_even_when_they_move()
    {
        _tree.Write("src/B.cs", "class B\n{\n    int x = ;\n}\n");
        var result = await _tree.ApplyAsync(TempTree.Recreate("src/B.cs", "// header\n// more\nclass B\n{\n    int y = 2;\n    int x = ;\n}\n"));
        SafetyAssert.Passed(result);
    }

    [Fact]
    public async Task A_second_copy_of_an_existing_error_is_new()
    {
        _tree.Write("src/B.cs", "class B\n{\n    int x = ;\n}\n");
        var result = await _tree.ApplyAsync(TempTree.Recreate("src/B.cs", "class B\n{\n    int x = ;\n    int y = ;\n}\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        Assert.Equal(4, Diagnostics(result.Error)[0]["line"]);
    }

    [Fact]
    public async Task Force_skips_syntax_validation_but_not_safety()
    {
        var forced = await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Create("src/C.cs", "class C {\n"));
        SafetyAssert.Passed(forced);
        var unsafeForced = await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Create("db/x.sql", "DROP TABLE t;\n"));
        SafetyAssert.Blocked(unsafeForced, "PB1004");
    }

    [Fact]
    public async Task Preprocessor_symbols_decide_which_code_is_parsed()
    {
        const string Code = "class D\n{\n#if LEGACY\n    void M( { }\n#endif\n}\n";
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("src/D.cs", Code)));
        var result = await _tree.ApplyAsync(new ApplyOptions { PreprocessorSymbols = ["LEGACY"] }, TempTree.Create("src/E.cs", Code));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
    }

    [Fact]
    public void Parse_options_carry_the_project_language_version_and_symbols()
    {
        var options = PatchBuild.Core.Validation.Syntax.CSharpSyntaxChecker.ParseOptions("10", ["DEBUG;TRACE", "LEGACY"]);
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10, options.LanguageVersion);
        Assert.Equal(["DEBUG", "TRACE", "LEGACY"], options.PreprocessorSymbolNames);
        var fallback = PatchBuild.Core.Validation.Syntax.CSharpSyntaxChecker.ParseOptions("not-a-version", []);
        Assert.Equal(Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Default), fallback.LanguageVersion);
    }

    [Fact]
    public async Task Json_syntax_errors_are_refused_but_config_comments_and_trailing_commas_pass()
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("appsettings.json", "{\n  // logging\n  \"Logging\": { \"Level\": \"Info\", },\n}\n")));
        var result = await _tree.ApplyAsync(TempTree.Create("settings.json", "{\n  \"a\": 1\n  \"b\": 2\n}\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        var diagnostic = Assert.Single(Diagnostics(result.Error));
        Assert.Equal(3, diagnostic["line"]);
        Assert.False(_tree.Exists("settings.json"));
    }

    [Fact]
    public async Task A_file_that_was_already_broken_json_is_not_blamed_again()
    {
        _tree.Write("broken.json", "{ \"a\": }\n");
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Recreate("broken.json", "{ \"a\": , \"b\": 1 }\n")));
    }

    [Theory]
    [InlineData("res/Strings.resx", "<root><data name=\"a\"><value>x</value></data>\n")]
    [InlineData("App.config", "<configuration><appSettings></configuration>\n")]
    [InlineData("ui/Main.xaml", "<Window><Grid></Window>\n")]
    public async Task Malformed_xml_is_refused(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
        Assert.Equal("XML", Diagnostics(result.Error)[0]["id"]);
    }

    [Fact]
    public async Task Xml_with_a_dtd_is_refused_and_well_formed_xml_passes()
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("data/ok.xml", "<?xml version=\"1.0\"?>\n<items><item id=\"1\" /></items>\n")));
        var result = await _tree.ApplyAsync(TempTree.Create("data/dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<x>&e;</x>\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, result.Error!.Code);
    }

    [Fact]
    public async Task Yaml_and_msh_syntax_errors_are_refused_and_valid_yaml_passes()
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("config/app.yaml", "app:\n  name: shop\n  ports: [80, 443]\n")));
        var bad = await _tree.ApplyAsync(TempTree.Create("jobs/bad.msh", "transform:\n  name: [unclosed\n  steps: 1\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, bad.Error!.Code);
        Assert.Equal("YAML", Diagnostics(bad.Error)[0]["id"]);
        var tabs = await _tree.ApplyAsync(TempTree.Create("config/bad.yml", "a:\n  b: 1\n c: 2\n"));
        Assert.Equal(ErrorCodes.ValidationFailed, tabs.Error!.Code);
    }

    [Fact]
    public async Task Other_text_files_are_not_parsed()
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("notes/todo.txt", "{ [ ( unbalanced\n")));
    }

    [Fact]
    public async Task Pathological_input_gets_an_answer_not_a_crash()
    {
        string deepCs = "class P { object o = " + new string('(', 20000) + "1" + new string(')', 20000) + "; }\n";
        string deepJson = new string('[', 100000) + new string(']', 100000);
        string deepYaml = new string('[', 20000) + new string(']', 20000) + "\n";
        string longLine = "class L { string s = \"" + new string('x', 2_000_000) + "\"; }\n";
        foreach (var (path, text) in new[] { ("src/Deep.cs", deepCs), ("deep.json", deepJson), ("deep.yaml", deepYaml), ("src/Long.cs", longLine) })
        {
            var result = await _tree.ApplyAsync(new ApplyOptions(), TempTree.Create(path, text));
            Assert.True(result.Success || result.Error!.Code is ErrorCodes.ValidationFailed or ErrorCodes.UnsafePatch, result.Error?.Message);
            if (path is "src/Deep.cs" or "deep.yaml")
            {
                Assert.Equal("NESTING", Diagnostics(result.Error!)[0]["id"]);
            }
            Assert.Equal(result.Success, _tree.Exists(path));
        }
    }
}
