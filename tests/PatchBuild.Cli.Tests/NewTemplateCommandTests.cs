using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>`patchbuild new --template / --from-code`: output, --out without overwriting, exit codes, then a real apply.</summary>
public sealed class NewTemplateCommandTests
{
    [Fact]
    public async Task Template_ToOut_ThenApply_ChangesTheFile()
    {
        using var folder = new TempFolder();
        folder.Write("User.cs", "public class User\n{\n    public int Id { get; set; }\n}\n");
        string patch = folder.Combine("afix.ap");
        var run = await CliRunner.InProcessAsync("new", "--root", folder.Path, "--template", "add-property", "--file", "User.cs", "--set", "name=Phone,propertyType=string", "--out", patch);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("public class User\n{\n    public int Id { get; set; }\n}\n", folder.Read("User.cs"));

        var apply = await CliRunner.InProcessAsync("apply", patch, "--root", folder.Path);
        Assert.True(apply.ExitCode == 0, apply.Error + apply.Out);
        Assert.Equal("public class User\n{\n    public int Id { get; set; }\n\n    public string Phone { get; set; }\n}\n", folder.Read("User.cs"));
    }

    [Fact]
    public async Task Out_IsNeverOverwrittenWithoutForce()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        folder.Write("afix.ap", "keep me");
        string[] args = ["new", "--root", folder.Path, "--template", "add-using", "--file", "A.cs", "--set", "namespace=System", "--out", folder.Combine("afix.ap")];
        var run = await CliRunner.InProcessAsync(args);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FILE_EXISTS", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", folder.Read("afix.ap"));

        run = await CliRunner.InProcessAsync([.. args, "--force"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("using System;", folder.Read("afix.ap"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_WhenNoOut()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        var run = await CliRunner.InProcessAsync("new", "--root", folder.Path, "--template", "add-using", "--file", "A.cs", "--set", "namespace=System");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(" AP 3.2", run.Out, StringComparison.Ordinal);
        Assert.Contains("using System;", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTemplates_ShowsBuiltInsAndRepositoryOnes()
    {
        using var folder = new TempFolder();
        folder.Write(".patchbuild/templates/team-note.template", "---\ndescription: Team note.\noperation: place\n---\nint a;\n");
        foreach (string[] args in new[] { new[] { "new", "--root", folder.Path, "--list-templates" }, new[] { "new", "--root", folder.Path, "--template", "list" } })
        {
            var run = await CliRunner.InProcessAsync(args);
            Assert.Equal(0, run.ExitCode);
            foreach (string name in new[] { "add-property", "add-method", "add-using", "rename-symbol-in-file", "add-package-reference", "appsettings", "team-note" })
            {
                Assert.Contains(name, run.Out, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task FromCode_FromStandardInput()
    {
        using var folder = new TempFolder();
        folder.Write("Calc.cs", "class Calc\n{\n    int A() => 1;\n}\n");
        var run = await CliRunner.InProcessWithInputAsync("int B() => 2;\n", "new", "--root", folder.Path, "--from-code", "-", "--into", "Calc.cs", "--after", "Calc.A");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("int B() => 2;", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("new", "--template", "add-using", "--from-code", "x.cs")]
    [InlineData("new", "--from-code", "x.cs", "--into", "A.cs", "--after", "A", "--end-of", "A")]
    [InlineData("new", "--template", "add-using", "--into", "A.cs")]
    [InlineData("new", "--set", "a=b")]
    public async Task ConflictingOrMissingOptions_AreUsageErrors(params string[] args)
    {
        using var folder = new TempFolder();
        var run = await CliRunner.InProcessAsync([.. args, "--root", folder.Path]);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task HostileTemplateName_FailsWithTheCode_AndWritesNothing()
    {
        using var folder = new TempFolder();
        folder.Write("A.cs", "class A { }\n");
        var before = folder.Snapshot();
        var run = await CliRunner.InProcessAsync("new", "--root", folder.Path, "--template", "../../etc/passwd", "--file", "A.cs", "--out", folder.Combine("x.ap"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TEMPLATE_NOT_FOUND", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, folder.Snapshot());
    }
}
