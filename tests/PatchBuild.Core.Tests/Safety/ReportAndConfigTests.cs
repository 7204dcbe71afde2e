using PatchBuild.Core;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>How findings are reported (message, context, patch line) and how patchbuild.json changes them.</summary>
public sealed class ReportAndConfigTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string MshBefore = "transform:\n  name: nightly\n  steps:\n    - sql: SELECT 1\n";
    private const string MshAfter = "transform:\n  name: nightly\n  steps:\n    - sql: SELECT 1\n    - sql: DROP TABLE customers\n";

    [Fact]
    public async Task A_msh_yaml_file_gaining_drop_table_is_blocked_with_message_context_and_patch_line()
    {
        _tree.Write("jobs/nightly.msh", MshBefore);
        string patchText = string.Join('\n', Enumerable.Repeat("# header", 10)) + "\nRECREATE jobs/nightly.msh\n" + MshAfter;
        var patch = new PatchSet(PatchFormat.Ap, [TempTree.Recreate("jobs/nightly.msh", MshAfter, patchLine: 11)]) { Text = patchText, SourcePath = _tree.Full("afix.ap") };

        var result = await _tree.ApplyAsync(new ApplyOptions(), patch);

        var error = SafetyAssert.Blocked(result, "PB1004");
        Assert.Equal(ErrorCodes.UnsafePatch, error.Code);
        Assert.Equal("Blocked: PB1004 destructive SQL \"DROP TABLE customers\" (patch line 16)", error.Message);
        Assert.Equal(16, error.Line);
        Assert.Equal("jobs/nightly.msh", error.File);
        Assert.Equal("error", error.Context["severity"]);
        Assert.Equal(5, error.Context["line"]);
        Assert.Equal(16, error.Context["patchLine"]);
        Assert.Equal("DROP TABLE customers", error.Context["match"]);
        Assert.False(string.IsNullOrEmpty(error.Hint));
        Assert.Equal(MshBefore, _tree.Read("jobs/nightly.msh"));
    }

    [Fact]
    public void Ap_content_lines_map_findings_to_the_exact_patch_line()
    {
        _tree.Write("src/Repo.cs", "class Repo\n{\n}\n");
        var locator = new PatchLineLocator([new PatchSet(PatchFormat.Ap,
        [
            new FileChange("src/Repo.cs", FileChangeKind.Modify)
            {
                PatchLine = 3,
                Modifications = [new LocatorModification(LocatorAction.InsertAfter) { Content = "  // a\n  const string S = \"DROP TABLE t\";", ContentLine = 40, PatchLine = 37 }],
            },
        ])]);
        // ContentLine is the `content` directive (line 40): the value's lines are 41 and 42.
        Assert.Equal(42, locator.Locate("src/Repo.cs", "  const string S = \"DROP TABLE t\";").Line);
        Assert.Equal(3, locator.Locate("src/Repo.cs", "not in the patch").Line);
    }

    [Fact]
    public async Task Dry_run_reports_safety_findings_and_writes_nothing()
    {
        var result = await new PatchEngine().DryRunAsync(
            [new PatchSet(PatchFormat.Ap, [TempTree.Create("db/x.sql", "TRUNCATE TABLE orders;\n")])], new ApplyOptions { Root = _tree.Root });
        SafetyAssert.Blocked(result, "PB1004");
        Assert.True(result.DryRun);
        Assert.False(_tree.Exists("db/x.sql"));
    }

    [Fact]
    public async Task Severity_off_disables_a_rule()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1004": "off" } } }""");
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("db/x.sql", "DROP TABLE customers;\n")));
        Assert.True(_tree.Exists("db/x.sql"));
    }

    [Fact]
    public async Task Severity_warning_turns_a_finding_into_a_warning()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1005": { "severity": "warning" } } } }""");
        var result = await _tree.ApplyAsync(TempTree.Create("scripts/clean.sh", "rm -rf ./out\n"));
        SafetyAssert.Passed(result);
        Assert.Contains(result.Warnings, w => w.Code == "PB1005" && w.File == "scripts/clean.sh");
    }

    [Fact]
    public async Task Allow_list_entry_with_reason_allows_matching_paths_only()
    {
        _tree.Write("patchbuild.json", """
            {
              // comments and trailing commas are fine here
              "safety": { "rules": { "PB1004": { "allow": [ { "path": "db/migrations/**", "reason": "migrations are reviewed by the DBA team" }, ] } } }
            }
            """);
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("db/migrations/2024/001.sql", "DROP TABLE legacy;\n")));
        SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Create("db/seed.sql", "DROP TABLE legacy;\n")), "PB1004");
    }

    [Fact]
    public async Task Allow_list_pattern_matches_the_added_line()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1004": { "allow": [ { "pattern": "DROP TABLE tmp_\\w+", "reason": "scratch tables" } ] } } } }""");
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("db/a.sql", "DROP TABLE tmp_import;\n")));
        SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Create("db/b.sql", "DROP TABLE customers;\n")), "PB1004");
    }

    [Fact]
    public async Task Allow_list_entry_without_reason_is_a_config_error_with_a_hint()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1004": { "allow": [ { "path": "db/**" } ] } } } }""");
        var result = await _tree.ApplyAsync(TempTree.Create("notes.txt", "hi\n"));
        Assert.Equal(ErrorCodes.InvalidConfig, result.Error!.Code);
        Assert.Contains("reason", result.Error.Message);
        Assert.Contains("reason", result.Error.Hint);
        Assert.False(_tree.Exists("notes.txt"));
    }

    [Theory]
    [InlineData("""{ "safety": { "rules": { "PB9999": "off" } } }""", "unknown rule")]
    [InlineData("""{ "safety": { "rules": { "PB1004": "loud" } } }""", "must be")]
    [InlineData("""{ "safety": { "limits": { "maxChangedLines": 0 } } }""", "maxChangedLines")]
    [InlineData("""{ "safety": { "rules": { "PB1004": { "allow": [ { "reason": "x" } ] } } } }""", "allows nothing")]
    [InlineData("""{ "safety": { "rules": { "PB1004": { "allow": [ { "pattern": "(a)\\1", "reason": "x" } ] } } } }""", "regex")]
    [InlineData("""{ "safety": [ ] }""", "must be a JSON object")]
    [InlineData("""{ "safety": """, "not valid JSON")]
    public void Invalid_configuration_is_reported_clearly(string json, string expected)
    {
        var ex = Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse(json, "patchbuild.json"));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains(expected, ex.Error.Message);
        Assert.False(string.IsNullOrEmpty(ex.Error.Hint));
    }

    [Fact]
    public void Configuration_is_found_by_walking_up_from_the_root_or_given_explicitly()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "limits": { "maxChangedFiles": 7 } } }""");
        _tree.Write("other.json", """{ "safety": { "limits": { "maxChangedFiles": 9 } } }""");
        Directory.CreateDirectory(_tree.Full("a/b/c"));
        Assert.Equal(7, PatchBuildConfigLoader.Load(_tree.Full("a/b/c")).MaxChangedFiles);
        Assert.Equal(9, PatchBuildConfigLoader.Load(_tree.Full("a/b/c"), _tree.Full("other.json")).MaxChangedFiles);
        Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Load(_tree.Root, _tree.Full("missing.json")));
    }

    [Theory]
    [InlineData("db/migrations/**", "db/migrations/2024/001.sql", true)]
    [InlineData("db/migrations/**", "db/seed.sql", false)]
    [InlineData("*.csproj", "src/App/App.csproj", true)]
    [InlineData("src/*.cs", "src/sub/A.cs", false)]
    [InlineData("src/**/*.cs", "src/A.cs", true)]
    [InlineData("file?.txt", "x/file1.txt", true)]
    public void Path_globs_match_like_gitignore(string glob, string path, bool expected) =>
        Assert.Equal(expected, new PathGlob(glob).IsMatch(path));
}
