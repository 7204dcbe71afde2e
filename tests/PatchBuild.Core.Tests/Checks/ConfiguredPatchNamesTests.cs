using PatchBuild.Core.Checks;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>
/// "patches.patterns" in patchbuild.json: extra pending-patch names that the hook, `check` and the build's discovery
/// read from one place, and the attacker's table for a cloned settings file.
/// </summary>
public sealed class ConfiguredPatchNamesTests : IDisposable
{
    // An Aider answer under a name no default claims: prose, the file's path, a fenced SEARCH/REPLACE block.
    private static string AiderAnswer(string search) => $"""
        Here is the greeting change.

        src/Greeter.cs
        ```csharp
        <<<<<<< SEARCH
        {search}
        =======
            public static string Greet() => "Hello, world";
        >>>>>>> REPLACE
        ```

        """;

    private const string GoodSearch = "    public static string Greet() => \"Hello\";";
    private const string StaleSearch = "    public static string Greet() => \"Bonjour\";";
    private readonly GitTestRepository _repo = GitTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    private static PatchSettings Settings(params string[] patterns) =>
        PatchBuildConfigLoader.Parse($$"""{ "patches": { "patterns": [{{string.Join(", ", patterns.Select(p => $"\"{p}\""))}}] } }""").Patches;

    [Theory]
    [InlineData("ai-answer.md", "ai-answer.md", true)]
    [InlineData("ai-answer.md", "src/deep/ai-answer.md", true)]
    [InlineData("answers/*.md", "answers/one.md", true)]
    [InlineData("answers/*.md", "src/answers/one.md", false)]
    [InlineData("**/answers/*.md", "src/answers/one.md", true)]
    [InlineData("ai-*.md", "README.md", false)]
    [InlineData("ai-*.md", ".patchbuild/applied/ai-old.md", false)]
    [InlineData("ai-*.md", "sub/.git/ai-x.md", false)]
    [InlineData("*.rej", "x.rej", false)]
    public void A_configured_pattern_adds_names_but_never_state_leftovers_or_git(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, PatchFileNames.IsPatchFile(path, Settings(pattern)));
    }

    [Fact]
    public void Without_patterns_the_definition_is_the_default_one()
    {
        Assert.True(PatchFileNames.IsPatchFile("afix.ap", PatchSettings.Default));
        Assert.True(PatchFileNames.IsPatchFile("src/afix.ap", Settings("ai-answer.md")));
        Assert.False(PatchFileNames.IsPatchFile("ai-answer.md", PatchSettings.Default));
    }

    [Theory]
    [InlineData("**")]
    [InlineData("*")]
    [InlineData("src/**")]
    [InlineData("**/*")]
    [InlineData("../*.md")]
    [InlineData("answers/../../x.md")]
    [InlineData("./a.md")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/x.md")]
    [InlineData(".git/**/*.md")]
    [InlineData("sub/.GIT/hooks/pre-commit")]
    [InlineData(".patchbuild/applied/*.ap")]
    [InlineData("")]
    [InlineData(" a.md")]
    public void Hostile_patterns_in_a_cloned_settings_file_are_refused_with_a_clear_error(string pattern)
    {
        var ex = Assert.Throws<PatchException>(() => Settings(pattern.Replace("\\", "\\\\", StringComparison.Ordinal)));

        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains("patches.patterns[0] is refused", ex.Error.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Error.Hint);
    }

    [Fact]
    public void Very_long_and_very_many_patterns_are_refused_and_other_shapes_too()
    {
        Assert.Throws<PatchException>(() => Settings(new string('a', PatchSettings.MaxPatternLength) + ".md"));
        Assert.Throws<PatchException>(() => Settings(Enumerable.Range(0, PatchSettings.MaxPatterns + 1).Select(i => $"a{i}.md").ToArray()));
        Assert.Equal(PatchSettings.MaxPatterns, Settings(Enumerable.Range(0, PatchSettings.MaxPatterns).Select(i => $"a{i}.md").ToArray()).Patterns.Count);
        Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse("""{ "patches": { "patterns": "ai.md" } }"""));
        Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse("""{ "patches": { "patterns": [ 3 ] } }"""));
        Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse("""{ "patches": { "pattern": [ "ai.md" ] } }"""));
    }

    [Fact]
    public void A_pattern_of_many_wildcards_over_a_long_path_answers_at_once()
    {
        // The matcher is a non-backtracking regex: a pattern built to backtrack cannot hang the hook.
        var settings = Settings(string.Concat(Enumerable.Repeat("*a", 90)) + ".md");
        string path = string.Join('/', Enumerable.Repeat(new string('a', 200), 40)) + "/b.txt";

        Assert.False(PatchFileNames.IsPatchFile(path, settings));
    }

    [Fact]
    public void Discovery_lists_only_configured_files_inside_the_folder_and_follows_no_link()
    {
        using var outside = new TempFolder();
        outside.Write("ai-answer.md", "outside");
        _repo.Write("patchbuild.json", """{ "patches": { "patterns": ["ai-answer.md", "answers/*.md"] } }""");
        _repo.Write("app/ai-answer.md", "x");
        _repo.Write("app/answers/one.md", "x");
        _repo.Write("app/bin/ai-answer.md", "build output");
        _repo.Write("app/README.md", "x");
        _repo.Write("app/afix.ap", "found by the build's own globs");
        _repo.Write("ai-answer.md", "beside the project, not in it");
        Directory.CreateSymbolicLink(_repo.FullPath("app/linked"), outside.Path);

        var found = ConfiguredPatchFiles.Find(_repo.FullPath("app"));

        Assert.Equal([_repo.FullPath("app/ai-answer.md")], found);
    }

    [Fact]
    public void Discovery_with_patterns_relative_to_the_settings_folder()
    {
        _repo.Write("patchbuild.json", """{ "patches": { "patterns": ["app/answers/*.md"] } }""");
        _repo.Write("app/answers/one.md", "x");
        _repo.Write("app/answers/deeper/two.md", "x");

        Assert.Equal([_repo.FullPath("app/answers/one.md")], ConfiguredPatchFiles.Find(_repo.FullPath("app")));
    }

    [Fact]
    public void Discovery_refuses_a_hostile_settings_file_instead_of_reading_more()
    {
        _repo.Write("patchbuild.json", """{ "patches": { "patterns": ["../*"] } }""");

        var ex = Assert.Throws<PatchException>(() => ConfiguredPatchFiles.Find(_repo.Root));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
    }

    [Fact]
    public async Task The_check_judges_a_configured_aider_answer_as_a_patch_and_blocks_a_stale_one()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter);
        _repo.Write("patchbuild.json", """{ "patches": { "patterns": ["ai-answer.md"] } }""");
        _repo.Stage(".");
        _repo.Commit("initial");

        _repo.Write("ai-answer.md", AiderAnswer(StaleSearch));
        _repo.Stage("ai-answer.md");
        var stale = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        Assert.True(stale.HasErrors);
        Assert.Contains(stale.Findings, f => f.File == "ai-answer.md" && f.Rule == CheckRules.StalePatch);

        _repo.Write("ai-answer.md", AiderAnswer(GoodSearch));
        _repo.Stage("ai-answer.md");
        var good = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        Assert.False(good.HasErrors, string.Join("\n", good.Findings.Select(f => f.Message)));
        Assert.Contains(good.Patches, v => v.PatchFile == "ai-answer.md");
    }

    [Fact]
    public async Task The_committed_settings_decide_for_the_hook_not_an_unstaged_edit_on_disk()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter);
        _repo.Write("patchbuild.json", """{ "patches": { "patterns": ["ai-answer.md"] } }""");
        _repo.Stage(".");
        _repo.Commit("initial");
        _repo.Write("patchbuild.json", "{ }");
        _repo.Write("ai-answer.md", AiderAnswer(StaleSearch));
        _repo.Stage("ai-answer.md");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        Assert.Contains(report.Findings, f => f.File == "ai-answer.md" && f.Rule == CheckRules.StalePatch);
    }

    [Fact]
    public async Task Without_the_setting_the_same_answer_is_an_ordinary_file_whose_markers_look_like_a_conflict()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter);
        _repo.Stage(".");
        _repo.Commit("initial");
        _repo.Write("ai-answer.md", AiderAnswer(StaleSearch));
        _repo.Stage("ai-answer.md");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        // Not judged as a patch: its SEARCH/REPLACE markers are read as an unresolved merge instead.
        Assert.Empty(report.Patches);
        Assert.DoesNotContain(report.Findings, f => f.Rule == CheckRules.StalePatch);
        Assert.Contains(report.Findings, f => f.File == "ai-answer.md" && f.Rule == CheckRules.ConflictMarkers);
    }

    [Fact]
    public async Task Require_applied_counts_a_configured_answer_left_in_the_working_tree()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter);
        _repo.Write("patchbuild.json", """{ "hook": { "requireApplied": true }, "patches": { "patterns": ["ai-answer.md"] } }""");
        _repo.Stage(".");
        _repo.Commit("initial");
        _repo.Write("ai-answer.md", AiderAnswer(GoodSearch));
        _repo.Write("src/Other.cs", "class Other { }\n");
        _repo.Stage("src/Other.cs");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        Assert.Contains(report.Findings, f => f.File == "ai-answer.md" && f.Rule == CheckRules.PendingPatch);
    }
}
