using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>samples/Quickstart built with the packed package: the everyday path, then previews and CI.</summary>
[Collection(PackageCollection.Name)]
public sealed class QuickstartBuildTests(PackageFixture fixture)
{
    [Fact]
    public void Build_applies_both_patches_before_compiling_archives_them_and_a_second_build_does_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");

        var first = project.Build();
        SampleProject.Check(first, () =>
        {
            Assert.Equal(0, first.ExitCode);
            Assert.Contains("PatchBuild: applied afix.ap: Program.cs", first.Output);
            Assert.Contains("PatchBuild: applied patch.json: appsettings.json", first.Output);
            Assert.Contains("settings version {version}", project.Read("Program.cs"));
            Assert.Contains("\"PatchBuild\"", project.Read("appsettings.json"));
            Assert.False(project.Exists("afix.ap"));
            Assert.False(project.Exists("patch.json"));
            var archived = project.ArchivedPatches();
            Assert.Contains(archived, name => name.EndsWith("afix.ap", StringComparison.Ordinal));
            Assert.Contains(archived, name => name.EndsWith("patch.json", StringComparison.Ordinal));
        });

        // The program compiled in that same build already carries the change, and reads the patched settings.
        var run = project.Run("bin/Debug/net10.0/Quickstart.dll");
        Assert.Equal("Hello, PatchBuild! (settings version 1.1)", run.Output.Trim());

        var second = project.Build();
        SampleProject.Check(second, () =>
        {
            Assert.Equal(0, second.ExitCode);
            Assert.DoesNotContain("PatchBuild", second.Output.Replace("PatchBuild.", "", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void A_renamed_source_file_is_compiled_under_its_new_name_in_the_same_build()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("Greeting.cs", "static class Greeting\n{\n    public const string Text = \"renamed and compiled\";\n}\n");
        project.Write("Program.cs", "Console.WriteLine(Greeting.Text);\n");
        project.Write("afix.ap", """
            7e1d2c3b AP 3.2
            7e1d2c3b FILE
            Greeting.cs
            7e1d2c3b RENAME
            Text/Greeting.cs
            7e1d2c3b END
            """);

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.False(project.Exists("Greeting.cs"));
            Assert.True(project.Exists("Text/Greeting.cs"));
        });
        Assert.Equal("renamed and compiled", project.Run("bin/Debug/net10.0/Quickstart.dll").Output.Trim());
    }

    [Fact]
    public void DryRun_property_prints_the_diff_and_writes_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        var before = project.Snapshot();

        var result = project.Build("-p:PatchBuildDryRun=true");

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("PatchBuild (dry run): would apply afix.ap: Program.cs", result.Output);
            Assert.Contains("+Console.WriteLine($\"Hello, {name}! (settings version {version})\");", result.Output);
            Assert.Contains("-Console.WriteLine($\"Hello, {name}!\");", result.Output);
            Assert.Equal(before, project.Snapshot());
        });
    }

    [Fact]
    public void In_CI_pending_patches_fail_the_build_with_PB0100_and_nothing_is_applied()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        var before = project.Snapshot();

        var result = project.Build(new Dictionary<string, string> { ["CI"] = "true" });

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("error PB0100: 2 pending patches: afix.ap, patch.json; apply them locally with dotnet build or patchbuild apply", result.Output);
            Assert.Equal(before, project.Snapshot());
        });
    }
}
