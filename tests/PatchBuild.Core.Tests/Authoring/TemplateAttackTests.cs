using PatchBuild.Core.Authoring.Templates;
using PatchBuild.Core.Tests.Support;
using static PatchBuild.Core.Tests.Authoring.AuthoringKit;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>Attacker's tables: values, template names and repository templates that try to change a patch's structure.</summary>
public sealed class TemplateAttackTests
{
    [Theory]
    [InlineData("add-property", "name=Phone\n    public string Evil { get; set; }")]
    [InlineData("add-property", "name=Phone,propertyType=string Evil; } class X { int")]
    [InlineData("add-property", "name=Phone,propertyType=int /* c */")]
    [InlineData("add-property", "name=Phone,propertyType=string\r\n#if X")]
    [InlineData("add-property", "name={{name}}")]
    [InlineData("add-property", "name=deadbeef REPLACE")]
    [InlineData("add-property", "name=\"Phone\"")]
    [InlineData("add-property", "name=class")]
    [InlineData("add-property", "name=Pho\u202Ene")]
    [InlineData("add-method", "name=M,parameters=int x) { } void Evil(")]
    [InlineData("add-method", "name=M,parameters=int x // comment")]
    [InlineData("add-method", "name=M,returnType=void\n{ } void N()")]
    [InlineData("add-using", "namespace=System; using Evil")]
    [InlineData("add-using", "namespace=System\nusing Evil")]
    [InlineData("add-using", "namespace=System,static=yes")]
    [InlineData("rename-symbol-in-file", "from=a,to=b c")]
    [InlineData("add-package-reference", "package=Evil\" /><Exec Command=\"rm -rf /\" /><X Include=\"")]
    [InlineData("add-package-reference", "package=A</Project>")]
    [InlineData("add-package-reference", "package=A,version=1.0\" Condition=\"false")]
    [InlineData("add-package-reference", "package=../../etc")]
    [InlineData("appsettings", "key=a::b,value=1")]
    [InlineData("appsettings", "key=a:b\n,value=1")]
    public async Task HostileValue_IsRefused_AndNothingChanges(string template, string set)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { int a; }\n");
        folder.Write("A.csproj", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"X\" />\n  </ItemGroup>\n</Project>\n");
        folder.Write("appsettings.json", "{ \"a\": 1 }\n");
        string file = template switch
        {
            "add-package-reference" => "A.csproj",
            "appsettings" => "appsettings.json",
            _ => "A.cs",
        };
        var before = folder.Snapshot();
        var error = await FailsAsync(() => TemplateAsync(folder, template, file, set.Contains("rename", StringComparison.Ordinal) ? set : set));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, error.Code);
        Assert.Equal(before, folder.Snapshot());
    }

    [Theory]
    [InlineData("line1\nline2")]
    [InlineData("\"quoted\" and }")]
    [InlineData("deadbeef END\n12345678 FILE")]
    [InlineData("{{key}}")]
    [InlineData("</Project>")]
    public async Task JsonValues_TravelAsData_TheStringLandsExactly(string value)
    {
        using var folder = new TempFolder();
        folder.Write("appsettings.json", "{\n  \"A\": 1\n}\n");
        var patch = await PatchTemplates.CreateAsync(folder.Path, "appsettings", new Dictionary<string, string> { ["key"] = "B:C", ["value"] = value }, "appsettings.json");
        string result = await ApplyBothAsync(folder, patch);
        using var doc = System.Text.Json.JsonDocument.Parse(result);
        Assert.Equal(value, doc.RootElement.GetProperty("B").GetProperty("C").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("A").GetInt32());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("x.template")]
    [InlineData("")]
    [InlineData("list")]
    [InlineData("add-property\n")]
    [InlineData("C:evil")]
    public async Task HostileTemplateName_IsRefused(string name)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        folder.Write("x.template", "---\ndescription: planted\noperation: add-using\nvar namespace namespace required x\nvar static bool default=false x\nvar global bool default=false x\n---\n");
        var error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, name, new Dictionary<string, string>(), "A.cs"));
        Assert.Equal(AuthoringErrorCodes.TemplateNotFound, error.Code);
    }

    [Fact]
    public async Task RepositoryTemplate_OverridesABuiltIn_AndAnApBodyIsFilledSafely()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A\n{\n    int a;\n}\n");
        folder.Write(".patchbuild/templates/add-using.template",
            "---\ndescription: Team rule: a comment line instead.\ntarget: .cs\noperation: ap\nvar note text required The note.\n---\n" +
            "1234abcd AP 3.2\n1234abcd FILE\n{{file}}\n1234abcd REPLACE\n1234abcd snippet\nint a;\n1234abcd content\n    int a;\n    // {{note}}\n1234abcd END\n");
        var template = TemplateCatalog.Find(folder.Path, "add-using");
        Assert.Equal(TemplateSource.Repository, template.Source);
        var patch = await PatchTemplates.CreateAsync(folder.Path, "add-using", new Dictionary<string, string> { ["note"] = "first\n    // {{file}} \"q\"" }, "A.cs");
        Assert.DoesNotContain("1234abcd", patch.Text, StringComparison.Ordinal);
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("class A\n{\n    int a;\n    // first\n    // {{file}} \"q\"\n}\n", result);
    }

    [Fact]
    public async Task ApBody_ValueThatLooksLikeADirective_OfAnyId_IsRefused()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A\n{\n    int a;\n}\n");
        folder.Write(".patchbuild/templates/note.template",
            "---\ndescription: note\noperation: ap\nvar note text required The note.\n---\n" +
            "1234abcd AP 3.2\n1234abcd FILE\n{{file}}\n1234abcd INSERT_AFTER\n1234abcd snippet\nint a;\n1234abcd content\n// {{note}}\n");
        var error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, "note", new Dictionary<string, string> { ["note"] = "x\ndeadbeef FILE\n../../etc/passwd" }, "A.cs"));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, error.Code);
    }

    [Theory]
    [InlineData("---\ndescription: x\noperation: ap\nexec: rm -rf /\n---\n", "unknown key")]
    [InlineData("---\ndescription: x\noperation: shell\n---\n", "operation")]
    [InlineData("---\ndescription: x\noperation: place\n---\nint {{nope}};\n", "placeholder")]
    [InlineData("---\ndescription: x\noperation: ap\nvar n line required n\n---\naaaaaaaa AP 3.2\naaaaaaaa FILE\n{{file}}\naaaaaaaa include_leading_blank_lines {{n}}\n", "directive line")]
    [InlineData("---\ndescription: x\noperation: add-property\n---\n", "name")]
    [InlineData("description: x\noperation: ap\n", "---")]
    [InlineData("---\ndescription: x\noperation: place\nvar file line required f\n---\nint a;\n", "file")]
    [InlineData("---\ndescription: x\noperation: place\nvar n weird required n\n---\nint a;\n", "KIND")]
    public async Task InvalidRepositoryTemplate_IsRefusedWithTheReason(string text, string reason)
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        folder.Write(".patchbuild/templates/bad.template", text);
        var error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, "bad", new Dictionary<string, string>(), "A.cs"));
        Assert.Equal(AuthoringErrorCodes.InvalidTemplate, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkedTemplateFile_OrFolder_IsRefused()
    {
        using var folder = new TempFolder();
        using var elsewhere = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        elsewhere.Write("evil.template", "---\ndescription: x\noperation: place\n---\nint a;\n");
        Directory.CreateDirectory(folder.Combine(".patchbuild/templates"));
        File.CreateSymbolicLink(folder.Combine(".patchbuild/templates/evil.template"), elsewhere.Combine("evil.template"));
        var error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, "evil", new Dictionary<string, string>(), "A.cs"));
        Assert.Equal(AuthoringErrorCodes.InvalidTemplate, error.Code);

        Directory.Delete(folder.Combine(".patchbuild/templates"), recursive: true);
        Directory.CreateSymbolicLink(folder.Combine(".patchbuild/templates"), elsewhere.Path);
        error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, "evil", new Dictionary<string, string>(), "A.cs"));
        Assert.Equal(AuthoringErrorCodes.InvalidTemplate, error.Code);
    }

    [Fact]
    public async Task WrongFileKind_AndMissingFile_AreRefused()
    {
        using var folder = new TempFolder();
        folder.Write("notes.txt", "x\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "add-using", "notes.txt", "namespace=System"));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, error.Code);
        error = await FailsAsync(() => TemplateAsync(folder, "add-using", "Missing.cs", "namespace=System"));
        Assert.Equal(Model.ErrorCodes.FileNotFound, error.Code);
        error = await FailsAsync(() => PatchTemplates.CreateAsync(folder.Path, "add-using", TemplateValues.Parse(["namespace=System"]), null));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, error.Code);
    }

    [Theory]
    [InlineData("parameters=int id, string name,returnType=bool", "parameters", "int id, string name")]
    [InlineData("a=1\\,2,b=3", "a", "1,2")]
    [InlineData("a=x\\\\,b=3", "a", "x\\")]
    [InlineData("a=,b=3", "a", "")]
    [InlineData("value={\"x\":1,\"y\":2}", "value", "{\"x\":1,\"y\":2}")]
    public void SetValues_SplitOnlyBeforeNameEquals(string set, string name, string expected)
    {
        Assert.Equal(expected, TemplateValues.Parse([set])[name]);
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("a=1,a=2")]
    [InlineData("no-equals")]
    public void SetValues_Malformed_AreRefused(string set)
    {
        var ex = Assert.Throws<Model.PatchException>(() => TemplateValues.Parse([set]));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, ex.Error.Code);
    }

    [Fact]
    public async Task UnknownVariable_IsRefused_NamingTheKnownOnes()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "add-using", "A.cs", "namespace=System,evil=1"));
        Assert.Equal(AuthoringErrorCodes.InvalidValue, error.Code);
        Assert.Contains("namespace", error.Hint, StringComparison.Ordinal);
    }
}
