using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>Bad patches fail the build with a canonical, linkable error and leave every file as it was.</summary>
[Collection(PackageCollection.Name)]
public sealed class FailureBuildTests(PackageFixture fixture)
{
    [Fact]
    public void Unsafe_patch_fails_with_its_safety_rule_and_changes_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Write("afix.ap", """
            4c1d9e7a AP 3.2
            4c1d9e7a FILE
            Program.cs
            4c1d9e7a INSERT_AFTER
            4c1d9e7a snippet
            Console.WriteLine($"Hello, {name}!");
            4c1d9e7a content
            System.Diagnostics.Process.Start("sh", "-c \"echo patched\"");
            4c1d9e7a END
            """);
        var before = project.Snapshot();

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            // Line 8 carries the call; line 7 is the `content` directive.
            Assert.Contains("afix.ap(8,1): error PB1005:", result.Output);
            Assert.Equal(before, project.Snapshot());
        });
    }

    [Fact]
    public void Stale_patch_fails_pointing_at_the_snippet_line_of_the_patch()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("afix.ap", """
            # Made against an older Program.cs: its snippet is no longer in the file.
            # The error must point at line 7, the snippet directive.
            5d0c8e1a AP 3.2
            5d0c8e1a FILE
            Program.cs
            5d0c8e1a REPLACE
            5d0c8e1a snippet
            Console.WriteLine("Hello from an old version");
            5d0c8e1a content
            Console.WriteLine("Hello from a new version");
            5d0c8e1a END
            """);
        var before = project.Snapshot();

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("afix.ap(7,1): error PB0002:", result.Output);
            Assert.Equal(before, project.Snapshot());
            // The failed run committed nothing, so PatchBuild's state folder was never made.
            Assert.False(System.IO.Directory.Exists(Path.Combine(project.Directory, ".patchbuild")));
        });
    }

    [Fact]
    public void A_patch_json_of_another_tool_is_a_warning_and_is_left_alone()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("afix.ap");
        project.Write("patch.json", """{ "name": "not-a-patchbuild-file", "version": "1.0.0" }""");
        var before = project.Snapshot();

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("patch.json : warning PB0101:", result.Output);
            Assert.Equal(before, project.Snapshot());
        });
    }
}
