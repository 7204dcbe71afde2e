using PatchBuild.Core.Authoring.Templates;
using PatchBuild.Core.Tests.Support;
using static PatchBuild.Core.Tests.Authoring.AuthoringKit;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>Each built-in template on a real file: the patch applies by our engine and by ap.py to the promised bytes.</summary>
public sealed class BuiltInTemplateTests
{
    [Fact]
    public async Task AddProperty_OnAClass_GoesAfterTheLastProperty()
    {
        using var folder = new TempFolder();
        folder.Write("Models/User.cs", "namespace App.Models;\n\npublic class User\n{\n    public int Id { get; set; }\n\n    public string Name { get; set; } = \"\";\n\n    public void Save() { }\n}\n");
        var patch = await TemplateAsync(folder, "add-property", "Models/User.cs", "name=Phone,propertyType=string?");
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("namespace App.Models;\n\npublic class User\n{\n    public int Id { get; set; }\n\n    public string Name { get; set; } = \"\";\n\n    public string? Phone { get; set; }\n\n    public void Save() { }\n}\n", result);
        AssertParses(result);
    }

    [Fact]
    public async Task AddProperty_OnAPositionalRecord_AppendsAParameter()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "namespace App;\n\npublic record User(int Id, string Name);\n");
        var patch = await TemplateAsync(folder, "add-property", "User.cs", "name=Phone,propertyType=string");
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("namespace App;\n\npublic record User(int Id, string Name, string Phone);\n", result);
    }

    [Fact]
    public async Task AddProperty_OnARecordWithOneParameterALine_AddsALine()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "public record User(\n    int Id,\n    string Name)\n{\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-property", "User.cs", "name=Phone,propertyType=string"));
        Assert.Equal("public record User(\n    int Id,\n    string Name,\n    string Phone)\n{\n}\n", result);
    }

    [Fact]
    public async Task AddProperty_PositionalFalse_GivesTheRecordABody()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "namespace App\n{\n    public record User(int Id);\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-property", "User.cs", "name=Phone,propertyType=string,positional=false"));
        Assert.Equal("namespace App\n{\n    public record User(int Id)\n    {\n        public string Phone { get; init; }\n    }\n}\n", result);
        AssertParses(result);
    }

    [Fact]
    public async Task AddProperty_OnANominalRecord_IsInitOnly()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "public record User\n{\n    public int Id { get; init; }\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-property", "User.cs", "name=Phone,propertyType=string"));
        Assert.Equal("public record User\n{\n    public int Id { get; init; }\n\n    public string Phone { get; init; }\n}\n", result);
    }

    [Fact]
    public async Task AddProperty_NestedTypeInABlockNamespace_KeepsCrLfAndTabs()
    {
        using var folder = new TempFolder();
        string original = "namespace App\r\n{\r\n\tpublic class Outer\r\n\t{\r\n\t\tpublic class Inner\r\n\t\t{\r\n\t\t}\r\n\r\n\t\tpublic int Count { get; set; }\r\n\t}\r\n}\r\n";
        folder.Write("Outer.cs", original);
        var patch = await TemplateAsync(folder, "add-property", "Outer.cs", "type=Outer.Inner,name=Label,propertyType=string");
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("namespace App\r\n{\r\n\tpublic class Outer\r\n\t{\r\n\t\tpublic class Inner\r\n\t\t{\r\n\t\t\tpublic string Label { get; set; }\r\n\t\t}\r\n\r\n\t\tpublic int Count { get; set; }\r\n\t}\r\n}\r\n", result);
    }

    [Fact]
    public async Task AddProperty_ExistingName_IsRefused()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "public record User(int Id, string Phone);\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "add-property", "User.cs", "name=Phone,propertyType=string"));
        Assert.Equal(AuthoringErrorCodes.AlreadyPresent, error.Code);
    }

    [Fact]
    public async Task AddMethod_StubAtTheEndOfTheOnlyType()
    {
        using var folder = new TempFolder();
        folder.Write("Service.cs", "using System;\n\nnamespace App;\n\ninternal sealed class Service\n{\n    private readonly int _x;\n}\n");
        var patch = await TemplateAsync(folder, "add-method", "Service.cs", "name=Validate,returnType=bool,parameters=int id, string name");
        string result = await ApplyBothAsync(folder, patch);
        Assert.Equal("using System;\n\nnamespace App;\n\ninternal sealed class Service\n{\n    private readonly int _x;\n\n    public bool Validate(int id, string name)\n    {\n        throw new System.NotImplementedException();\n    }\n}\n", result);
        AssertParses(result);
    }

    [Fact]
    public async Task AddUsing_SortedSystemFirst()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "using System;\nusing System.Linq;\nusing App.Data;\n\nnamespace App;\n\nclass A { }\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=System.Text.Json"));
        Assert.Equal("using System;\nusing System.Linq;\nusing System.Text.Json;\nusing App.Data;\n\nnamespace App;\n\nclass A { }\n", result);
        result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=App.Core"));
        Assert.Equal("using System;\nusing System.Linq;\nusing System.Text.Json;\nusing App.Core;\nusing App.Data;\n\nnamespace App;\n\nclass A { }\n", result);
    }

    [Fact]
    public async Task AddUsing_Duplicate_IsRefused_EvenWhenGlobal()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "global using System.Text;\nusing System;\n\nclass A { }\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "add-using", "A.cs", "namespace=System.Text"));
        Assert.Equal(AuthoringErrorCodes.AlreadyPresent, error.Code);
    }

    [Fact]
    public async Task AddUsing_FileScopedNamespaceWithoutUsings_GoesAboveIt()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "// Licensed to you.\nnamespace App;\n\nclass A { }\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=System.Text"));
        Assert.Equal("// Licensed to you.\nusing System.Text;\n\nnamespace App;\n\nclass A { }\n", result);
    }

    [Fact]
    public async Task AddUsing_InsideTheNamespaceWhereTheFileKeepsThem()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "namespace App\n{\n    using System;\n\n    class A { }\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=System.IO"));
        Assert.Equal("namespace App\n{\n    using System;\n    using System.IO;\n\n    class A { }\n}\n", result);
    }

    [Fact]
    public async Task AddUsing_GlobalStaysWithGlobalsBeforeOrdinaryOnes()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "using System;\n\nclass A { }\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=System.Linq,global=true"));
        Assert.Equal("global using System.Linq;\n\nusing System;\n\nclass A { }\n", result);
        AssertParses(result);
    }

    [Fact]
    public async Task RenameSymbol_CodeOnly_NotStringsOrComments()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A\n{\n    // count is the count\n    private int count;\n    public int Next() => ++count;\n    public string Show() => $\"count={count}\" + \"count\";\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "rename-symbol-in-file", "A.cs", "from=count,to=total"));
        Assert.Equal("class A\n{\n    // count is the count\n    private int total;\n    public int Next() => ++total;\n    public string Show() => $\"count={total}\" + \"count\";\n}\n", result);
    }

    [Fact]
    public async Task RenameSymbol_OntoAUsedName_IsRefused()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { int a; int b; }\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "rename-symbol-in-file", "A.cs", "from=a,to=b"));
        Assert.Equal(AuthoringErrorCodes.AlreadyPresent, error.Code);
    }

    private const string AllowProjects = "{ \"safety\": { \"rules\": { \"PB1003\": { \"allow\": [ { \"path\": \"**/*.csproj\", \"reason\": \"test\" } ] } } } }";

    [Fact]
    public async Task AddPackageReference_IntoTheGroupThatHasThem()
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", AllowProjects);
        folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Serilog\" Version=\"4.2.0\" />\n  </ItemGroup>\n</Project>\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-package-reference", "App/App.csproj", "package=Polly,version=8.5.0"));
        Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Serilog\" Version=\"4.2.0\" />\n    <PackageReference Include=\"Polly\" Version=\"8.5.0\" />\n  </ItemGroup>\n</Project>\n", result);
        System.Xml.Linq.XDocument.Parse(result);
    }

    [Fact]
    public async Task AddPackageReference_NewGroupWhenNoneHasReferences()
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", AllowProjects);
        folder.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Remove=\"x.cs\" />\n  </ItemGroup>\n</Project>\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-package-reference", "App.csproj", "package=Polly"));
        Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Compile Remove=\"x.cs\" />\n  </ItemGroup>\n\n  <ItemGroup>\n    <PackageReference Include=\"Polly\" />\n  </ItemGroup>\n</Project>\n", result);
    }

    [Fact]
    public async Task AddPackageReference_Duplicate_IsRefused_AnyCaseOrUpdate()
    {
        using var folder = new TempFolder();
        folder.Write("App.csproj", "<Project>\n  <ItemGroup>\n    <PackageReference Update=\"serilog\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n");
        var error = await FailsAsync(() => TemplateAsync(folder, "add-package-reference", "App.csproj", "package=Serilog,version=4.0.0"));
        Assert.Equal(AuthoringErrorCodes.AlreadyPresent, error.Code);
    }

    [Fact]
    public async Task AddPackageReference_WithoutAllowance_IsRefusedAtApplyByTheSafetyRule()
    {
        using var folder = new TempFolder();
        folder.Write("App.csproj", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"A\" />\n  </ItemGroup>\n</Project>\n");
        var patch = await TemplateAsync(folder, "add-package-reference", "App.csproj", "package=B");
        File.WriteAllText(folder.Combine("new.ap"), patch.Text);
        var before = folder.Snapshot();
        var result = await new PatchEngine().ApplyFilesAsync([folder.Combine("new.ap")], new ApplyOptions { Root = folder.Path });
        Assert.False(result.Success);
        Assert.Equal("PB1003", result.Error!.Rule);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task Appsettings_NestedKey_CreatesSectionsKeepingComments()
    {
        using var folder = new TempFolder();
        folder.Write("appsettings.json", "{\n  // logging\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Information\"\n    }\n  }\n}\n");
        var patch = await TemplateAsync(folder, "appsettings", "appsettings.json", "key=Features:Search:Enabled,value=true");
        Assert.Equal(Model.PatchFormat.PatchJson, patch.Format);
        string result = await ApplyBothAsync(folder, patch);
        Assert.Contains("// logging", result, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(result, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        Assert.True(doc.RootElement.GetProperty("Features").GetProperty("Search").GetProperty("Enabled").GetBoolean());
        Assert.Equal("Information", doc.RootElement.GetProperty("Logging").GetProperty("LogLevel").GetProperty("Default").GetString());
    }

    [Fact]
    public async Task Appsettings_ExistingKey_IsReplaced_CaseInsensitively()
    {
        using var folder = new TempFolder();
        folder.Write("appsettings.json", "{\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Information\"\n    }\n  }\n}\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "appsettings", "appsettings.json", "key=logging:loglevel:default,value=Debug"));
        Assert.Equal("{\n  \"Logging\": {\n    \"LogLevel\": {\n      \"Default\": \"Debug\"\n    }\n  }\n}\n", result);
    }

    [Fact]
    public async Task TemplateList_HasEveryBuiltIn()
    {
        using var folder = new TempFolder();
        var names = TemplateCatalog.List(folder.Path).Select(t => t.Name).ToList();
        Assert.Equal(["add-method", "add-package-reference", "add-property", "add-using", "appsettings", "rename-symbol-in-file"], names);
    }

    [Fact]
    public async Task AddUsing_StaticGoesAfterPlainOnes()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "using System;\nusing static System.Math;\n\nclass A { }\n");
        string result = await ApplyBothAsync(folder, await TemplateAsync(folder, "add-using", "A.cs", "namespace=System.Console,static=true"));
        Assert.Equal("using System;\nusing static System.Console;\nusing static System.Math;\n\nclass A { }\n", result);
    }
}
