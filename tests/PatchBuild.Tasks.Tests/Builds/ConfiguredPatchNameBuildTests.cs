using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>
/// One definition of "a pending patch file": an Aider answer saved under a name patchbuild.json configures
/// ("patches.patterns") and a default-named ap patch are judged by the real hook and `patchbuild check`, and applied
/// (or refused) by a real `dotnet build`, all three giving the same answer.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConfiguredPatchNameBuildTests(PackageFixture fixture)
{
    private const string Greeting = "namespace Quickstart;\n\ninternal static class Greeting\n{\n    public static string Text => \"Hello\";\n}\n";
    private const string Settings = """{ "patches": { "patterns": ["ai-answer.md"] } }""";

    private static string AiderAnswer(string search) => $"""
        Sure, here is the change to the greeting.

        src/Greeting.cs
        ```csharp
        <<<<<<< SEARCH
            public static string Text => "{search}";
        =======
            public static string Text => "Hello, Aider";
        >>>>>>> REPLACE
        ```

        """;

    private const string DefaultNamedFix = """
        5d1e2f3a AP 3.2
        5d1e2f3a FILE
        Program.cs
        5d1e2f3a REPLACE
        5d1e2f3a snippet
        Console.WriteLine($"Hello, {name}!");
        5d1e2f3a content
        Console.WriteLine($"Hello, {name}! (ap)");
        5d1e2f3a END

        """;

    [Fact]
    public void A_configured_aider_answer_and_a_default_named_patch_pass_the_hook_and_check_and_the_build_applies_both()
    {
        var (project, engine) = CommittedProjectWithHook();
        project.Write("ai-answer.md", AiderAnswer("Hello"));
        project.Write("afix.ap", DefaultNamedFix);
        GitProcess.Require(project.Directory, "add", "ai-answer.md", "afix.ap");

        var commit = GitProcess.Run(project.Directory, "commit", "-q", "-m", "queue two answers");
        var check = DotnetProcess.Run(project.Directory, [engine, "check", "--format", "json"], fixture.BuildEnvironment);
        var build = project.Build();

        SampleProject.Check(build, () =>
        {
            Assert.True(commit.ExitCode == 0, "the hook blocked patches the build applies:\n" + commit.Output);
            Assert.True(check.ExitCode == 0, check.Output);
            Assert.Contains("ai-answer.md", check.Output);
            Assert.Equal(0, build.ExitCode);
            Assert.Contains("\"Hello, Aider\"", project.Read("src/Greeting.cs"));
            Assert.Contains("(ap)", project.Read("Program.cs"));
            Assert.False(project.Exists("ai-answer.md"), "the applied answer should be archived like any patch");
            Assert.Contains(project.ArchivedPatches(), p => p.EndsWith("ai-answer.md", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void A_stale_configured_answer_is_blocked_by_the_hook_failed_by_check_and_refused_by_the_build()
    {
        var (project, engine) = CommittedProjectWithHook();
        project.Write("ai-answer.md", AiderAnswer("Bonjour"));
        GitProcess.Require(project.Directory, "add", "ai-answer.md");

        var commit = GitProcess.Run(project.Directory, "commit", "-q", "-m", "queue a stale answer");
        var check = DotnetProcess.Run(project.Directory, [engine, "check"], fixture.BuildEnvironment);
        var build = project.Build();

        SampleProject.Check(build, () =>
        {
            Assert.NotEqual(0, commit.ExitCode);
            Assert.Contains("ai-answer.md", commit.Output);
            Assert.Contains("PB2003", commit.Output);
            Assert.DoesNotContain("PB2004", commit.Output);
            Assert.NotEqual(0, check.ExitCode);
            Assert.Contains("PB2003", check.Output);
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("ai-answer.md", build.Output);
            Assert.Equal(Greeting, project.Read("src/Greeting.cs"));
            Assert.True(project.Exists("ai-answer.md"));
        });
    }

    [Fact]
    public void A_hostile_pattern_fails_the_build_with_the_settings_error_and_changes_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("patchbuild.json", """{ "patches": { "patterns": ["../*"] } }""");
        var before = project.Snapshot();

        var build = project.Build();

        SampleProject.Check(build, () =>
        {
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("INVALID_CONFIG", build.Output);
            Assert.Contains("patches.patterns[0] is refused", build.Output);
            Assert.Equal(before["Program.cs"], project.Snapshot()["Program.cs"]);
        });
    }

    [Fact]
    public void Names_added_only_to_the_msbuild_property_still_apply_but_the_build_warns_that_the_hook_cannot_see_them()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("afix.ap");
        project.Delete("patch.json");
        project.Write("src/Greeting.cs", Greeting);
        string csproj = project.Read("Quickstart.csproj").Replace(
            "<OutputType>Exe</OutputType>",
            "<OutputType>Exe</OutputType>\n    <PatchBuildPatchPatterns>$(PatchBuildPatchPatterns);**/*.aider.md</PatchBuildPatchPatterns>",
            StringComparison.Ordinal);
        project.Write("Quickstart.csproj", csproj);
        project.Write("greeting.aider.md", AiderAnswer("Hello"));

        var build = project.Build();

        SampleProject.Check(build, () =>
        {
            Assert.Equal(0, build.ExitCode);
            Assert.Contains("warning PB0108", build.Output);
            Assert.Contains("\"Hello, Aider\"", project.Read("src/Greeting.cs"));
        });
    }

    [Fact]
    public void A_project_with_default_names_gets_no_pattern_warning()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");

        var build = project.Build();

        SampleProject.Check(build, () =>
        {
            Assert.Equal(0, build.ExitCode);
            Assert.DoesNotContain("PB0108", build.Output);
        });
    }

    private (SampleProject Project, string Engine) CommittedProjectWithHook()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("afix.ap");
        project.Delete("patch.json");
        project.Write("src/Greeting.cs", Greeting);
        project.Write("patchbuild.json", Settings);
        var restore = DotnetProcess.Run(project.Directory, ["restore", "-nodeReuse:false"], fixture.BuildEnvironment);
        Assert.True(restore.ExitCode == 0, restore.Output);
        string engine = Path.Combine(fixture.PackagesFolder, "patchbuild", "0.1.0", "tools", "engine", "patchbuild.dll");
        Assert.True(File.Exists(engine), $"the restored package has no engine at {engine}");

        string folder = project.Directory;
        GitProcess.Require(folder, "init", "-q", "-b", "main");
        GitProcess.Require(folder, "add", "Program.cs", "Quickstart.csproj", "appsettings.json", "src", "patchbuild.json");
        GitProcess.Require(folder, "commit", "-q", "-m", "initial");
        var install = DotnetProcess.Run(folder, [engine, "hook", "install"], fixture.BuildEnvironment);
        Assert.True(install.ExitCode == 0, install.Output);
        return (project, engine);
    }
}
