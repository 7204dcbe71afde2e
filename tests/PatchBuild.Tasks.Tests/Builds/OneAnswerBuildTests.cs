using System.Text.RegularExpressions;
using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>
/// The build, the hook and the tool give one answer about a patch, and the build log says it on canonical lines:
/// a patch queued in a sub-folder resolves the same everywhere; each finding is one `file(line,col): error` line;
/// a build that applied a patch says how to undo it; unified diffs the build does not apply are named.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class OneAnswerBuildTests(PackageFixture fixture)
{
    private const string Greeting = "namespace Quickstart;\n\ninternal static class Greeting\n{\n    public static string Text => \"Hello\";\n}\n";

    // Queued in queued/, written as the project's paths: src/Greeting.cs is the project's, not queued/src/Greeting.cs.
    private const string QueuedFix = """
        2b7c9d1e AP 3.2
        2b7c9d1e FILE
        src/Greeting.cs
        2b7c9d1e REPLACE
        2b7c9d1e snippet
        public static string Text => "Hello";
        2b7c9d1e content
            public static string Text => "Hello, queued";
        2b7c9d1e END

        """;

    private const string UpstreamDiff = """
        --- a/Program.cs
        +++ b/Program.cs
        @@ -1 +1 @@
        -using System.Text.Json;
        +using System.Text.Json; // upstream

        """;

    [Fact]
    public void A_patch_queued_in_a_subfolder_passes_the_real_hook_is_previewed_by_the_tool_and_applied_by_the_build()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("afix.ap");
        project.Delete("patch.json");
        project.Write("src/Greeting.cs", Greeting);
        project.Write("notes/upstream.patch", UpstreamDiff);
        string engine = RestoreAndFindEngine(project);
        string folder = project.Directory;
        GitProcess.Require(folder, "init", "-q", "-b", "main");
        GitProcess.Require(folder, "add", "Program.cs", "Quickstart.csproj", "appsettings.json", "src");
        GitProcess.Require(folder, "commit", "-q", "-m", "initial");
        var install = DotnetProcess.Run(folder, [engine, "hook", "install"], fixture.BuildEnvironment);
        Assert.True(install.ExitCode == 0, install.Output);

        project.Write("queued/afix.ap", QueuedFix);
        GitProcess.Require(folder, "add", "queued/afix.ap");
        var commit = GitProcess.Run(folder, "commit", "-q", "-m", "queue a fix");
        Assert.True(commit.ExitCode == 0, "the hook blocked a patch the build applies:\n" + commit.Output);

        var preview = DotnetProcess.Run(folder, [engine, "apply", "queued/afix.ap", "--dry-run"], fixture.BuildEnvironment);
        Assert.True(preview.ExitCode == 0, preview.Output);
        Assert.Contains("+++ b/src/Greeting.cs", preview.Output);

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("\"Hello, queued\"", project.Read("src/Greeting.cs"));
            Assert.False(project.Exists("queued/src/Greeting.cs"));
            Assert.Matches(@"PatchBuild: this build applied queued/afix\.ap \(history entry \S+\)\.", result.Output);
            Assert.Contains("patchbuild rollback --id ", result.Output);
            Assert.Contains("upstream.patch : warning PB0107: ", result.Output);
            Assert.Contains("patchbuild apply notes/upstream.patch", result.Output);
            Assert.DoesNotContain("// upstream", project.Read("Program.cs"));
        });
    }

    [Fact]
    public void A_build_broken_by_the_patch_it_applied_names_the_patch_and_the_rollback_that_undoes_it()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        var program = project.Read("Program.cs");
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

        var result = project.Build();

        var undo = Regex.Match(result.Output, "patchbuild rollback --id (\\S+) --root \"([^\"]+)\"");
        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("CS0103", result.Output);
            Assert.Contains("PatchBuild: this build applied afix.ap", result.Output);
            Assert.Contains("moved to .patchbuild/applied/", result.Output);
            Assert.True(undo.Success, "the build output should give the rollback command:\n" + result.Output);
        });

        string engine = EnginePath();
        var rollback = DotnetProcess.Run(project.Directory, [engine, "rollback", "--id", undo.Groups[1].Value, "--root", undo.Groups[2].Value], fixture.BuildEnvironment);

        Assert.True(rollback.ExitCode == 0, rollback.Output);
        Assert.Equal(program, project.Read("Program.cs"));
        Assert.Contains("The patch file afix.ap is archived at .patchbuild/applied/", rollback.Output);
        Assert.Contains(Assert.Single(project.ArchivedPatches()), rollback.Output);
    }

    [Fact]
    public void Each_syntax_error_a_patch_would_leave_is_one_canonical_line_at_its_place_in_the_file()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("afix.ap", """
            7a7b7c7d AP 3.2
            7a7b7c7d FILE
            Program.cs
            7a7b7c7d INSERT_AFTER
            7a7b7c7d snippet
            Console.WriteLine($"Hello, {name}!");
            7a7b7c7d content
            Console.WriteLine("x" +;
            int = ;
            7a7b7c7d END
            """);
        var before = project.Snapshot();

        var result = project.Build();

        var errors = ErrorLines(result, "PB0020");
        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.DoesNotContain("MSBUILD : error", result.Output);
            Assert.DoesNotContain("more)", result.Output);
            Assert.True(errors.Count >= 2, string.Join("\n", errors));
            Assert.All(errors, line => Assert.Matches(@"Program\.cs\((7|8),\d+\): error PB0020: CS\d{4}: [^\n]+ \(a syntax error the patch afix\.ap would leave; nothing was written\)", line));
            Assert.Equal(before, project.Snapshot());
        });
    }

    [Fact]
    public void A_stale_patch_whose_hint_spans_lines_is_still_one_error_line()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("patch.json");
        project.Write("afix.ap", """
            8a8b8c8d AP 3.2
            8a8b8c8d FILE
            Program.cs
            8a8b8c8d REPLACE
            8a8b8c8d snippet
            using System.Text.Jsn;
            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
            8a8b8c8d content
            Console.WriteLine("changed");
            8a8b8c8d END
            """);

        var result = project.Build();

        var errors = ErrorLines(result, "PB0002");
        SampleProject.Check(result, () =>
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.True(errors.Count == 1, "expected one PB0002 line:\n" + string.Join("\n", errors));
            var error = errors[0];
            Assert.Matches(@"afix\.ap\(5,1\): error PB0002: Snippet not found", error);
            // The hint quotes two lines of the file; before, its second line became an error of its own.
            Assert.Contains("Hint: The closest text is at line 1 ('using System.Text.Json; using var settings", error);
        });
    }

    // MSBuild repeats every error in its summary (the first time after a "1>" node prefix): the distinct lines are the findings.
    private static List<string> ErrorLines(ProcessResult result, string code) =>
        result.Output.Split('\n')
            .Select(l => Regex.Replace(l.Trim(), "^[0-9]+>", ""))
            .Where(l => l.Contains($"error {code}", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private string RestoreAndFindEngine(SampleProject project)
    {
        var restore = DotnetProcess.Run(project.Directory, ["restore", "-nodeReuse:false"], fixture.BuildEnvironment);
        Assert.True(restore.ExitCode == 0, restore.Output);
        return EnginePath();
    }

    // The engine the package ships, as restored for the samples: the one the build itself runs.
    private string EnginePath()
    {
        string engine = Path.Combine(fixture.PackagesFolder, "patchbuild", "0.1.0", "tools", "engine", "patchbuild.dll");
        Assert.True(File.Exists(engine), $"the restored package has no engine at {engine}");
        return engine;
    }
}
