using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>
/// Compile validation before writing, and the test command after the build. Both need CLI options that are being
/// added (`apply --validate-compile --reference --source`, `rollback`); until then these tests fail.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ValidationBuildTests(PackageFixture fixture)
{
    [Fact]
    public void Compile_validation_refuses_a_patch_that_does_not_compile_and_writes_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("afix.ap", """
            6a6b6c6d AP 3.2
            6a6b6c6d FILE
            Program.cs
            6a6b6c6d REPLACE
            6a6b6c6d snippet
            Console.WriteLine($"Hello, {name}!");
            6a6b6c6d content
            Console.WriteLine(GreetingFormatter.Format(name));
            6a6b6c6d END
            """);
        var before = project.Snapshot();

        var result = project.Build("-p:PatchBuildValidateCompile=true");

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("error PB0020:", result.Output);
            Assert.Contains("CS0103", result.Output);
            Assert.Contains("Program.cs(6,", result.Output);
            Assert.Equal(before, project.Snapshot());
        });
    }

    [Fact]
    public void A_failing_test_command_rolls_the_applied_patches_back_and_fails_the_build()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        var program = project.Read("Program.cs");
        var settings = project.Read("appsettings.json");

        var result = project.Build("-p:PatchBuildTestCommand=dotnet patchbuild-no-such-command");

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("PatchBuild: applied afix.ap", result.Output);
            Assert.Contains("error PB0105:", result.Output);
            Assert.DoesNotContain("error PB0106:", result.Output);
            Assert.Equal(program, project.Read("Program.cs"));
            Assert.Equal(settings, project.Read("appsettings.json"));
        });
    }

    [Fact]
    public void A_failing_test_command_is_undone_like_apply_test_keeping_edits_away_from_the_patch()
    {
        // The same case as the CLI's TestCommandRollbackTests: the test command edits the patched file away from
        // the patch's line, then fails. The build and `apply --test` must both keep that edit and undo the patch.
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        var program = project.Read("Program.cs");
        var settings = project.Read("appsettings.json");
        project.Write("edit-and-fail.sh", "sed -i '1i // touched by the test' Program.cs\nexit 3\n");

        var result = project.Build("-p:PatchBuildTestCommand=sh edit-and-fail.sh");

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("error PB0105:", result.Output);
            Assert.DoesNotContain("error PB0106:", result.Output);
            Assert.Equal("// touched by the test\n" + program, project.Read("Program.cs"));
            Assert.Equal(settings, project.Read("appsettings.json"));
        });
    }
}
