using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>The path rules (PB1001-PB1003), size (PB1008), whole-file replacement (PB1010) and "only added content counts".</summary>
public sealed class PathAndScopeRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("../outside.txt", "PB1001")]
    [InlineData("/etc/passwd-copy", "PB1001")]
    [InlineData(".git/config", "PB1002")]
    [InlineData("sub/.git/hooks/pre-commit", "PB1002")]
    public async Task Path_rules_refuse_with_their_rule_id(string path, string rule)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, "x\n"));
        var error = SafetyAssert.Blocked(result, rule);
        Assert.Equal(ErrorCodes.InvalidFilePath, error.Code);
    }

    [Fact]
    public async Task Pb1001_symlink_leading_out_of_the_root_is_refused()
    {
        string outside = Path.Combine(Path.GetTempPath(), "pb-out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            Directory.CreateSymbolicLink(_tree.Full("link"), outside);
            var result = await _tree.ApplyAsync(TempTree.Create("link/evil.txt", "x\n"));
            SafetyAssert.Blocked(result, "PB1001");
            Assert.False(File.Exists(Path.Combine(outside, "evil.txt")));
        }
        finally
        {
            Directory.Delete(outside, true);
        }
    }

    [Fact]
    public async Task Path_rules_cannot_be_configured_away()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1002": "off" } } }""");
        var result = await _tree.ApplyAsync(TempTree.Create("notes.txt", "hello\n"));
        Assert.Equal(ErrorCodes.InvalidConfig, result.Error!.Code);
        Assert.Contains("PB1002", result.Error.Message);
        Assert.False(_tree.Exists("notes.txt"));
    }

    [Theory]
    [InlineData("App.csproj")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    [InlineData("nuget.config")]
    [InlineData("global.json")]
    [InlineData(".config/dotnet-tools.json")]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData("azure-pipelines.release.yml")]
    [InlineData(".gitlab-ci.yml")]
    [InlineData(".husky/pre-commit")]
    [InlineData("tools/.githooks/pre-push")]
    [InlineData("build/Common.targets")]
    [InlineData("patchbuild.json")]
    public async Task Pb1003_build_and_pipeline_configuration_is_blocked(string path)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, "<Project />\n"));
        var error = SafetyAssert.Blocked(result, "PB1003");
        Assert.Equal(ErrorCodes.UnsafePatch, error.Code);
        Assert.False(_tree.Exists(path));
    }

    [Theory]
    [InlineData("src/Program.cs")]
    [InlineData("docs/workflows/ci.md")]
    [InlineData("src/appsettings.json")]
    public async Task Pb1003_ordinary_files_pass(string path)
    {
        string content = path.EndsWith(".json", StringComparison.Ordinal) ? "{ \"Logging\": { } }\n" : "class A { }\n";
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create(path, content)));
    }

    [Fact]
    public async Task Pb1003_deleting_a_workflow_is_also_a_pipeline_change()
    {
        _tree.Write(".github/workflows/ci.yml", "on: push\n");
        SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Delete(".github/workflows/ci.yml")), "PB1003");
        Assert.True(_tree.Exists(".github/workflows/ci.yml"));
    }

    [Fact]
    public async Task A_patch_cannot_loosen_its_own_rules_by_editing_patchbuild_json()
    {
        _tree.Write("patchbuild.json", "{ }");
        var result = await _tree.ApplyAsync(
            TempTree.Recreate("patchbuild.json", """{ "safety": { "rules": { "PB1004": "off", "PB1003": "off" } } }"""),
            TempTree.Create("db/x.sql", "DROP TABLE customers;\n"));
        SafetyAssert.Blocked(result, "PB1003");
        SafetyAssert.Blocked(result, "PB1004");
        Assert.Equal("{ }", _tree.Read("patchbuild.json"));
    }

    [Fact]
    public async Task Only_added_content_is_judged_removing_a_risky_line_passes()
    {
        _tree.Write("src/Runner.cs", "class Runner\n{\n    void Go() { System.Diagnostics.Process.Start(\"x\"); }\n}\n");
        var result = await _tree.ApplyAsync(TempTree.Recreate("src/Runner.cs", "class Runner\n{\n    void Go() { }\n}\n"));
        SafetyAssert.Passed(result);
        Assert.DoesNotContain("Process.Start", _tree.Read("src/Runner.cs"));
    }

    [Fact]
    public async Task Existing_risky_lines_do_not_block_an_unrelated_edit()
    {
        _tree.Write("db/seed.sql", "DROP TABLE legacy;\nINSERT INTO t VALUES (1);\n");
        var result = await _tree.ApplyAsync(TempTree.Recreate("db/seed.sql", "DROP TABLE legacy;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n"));
        SafetyAssert.Passed(result);
    }

    [Fact]
    public async Task Pb1008_too_many_changed_lines_is_blocked_with_the_configured_limit()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "limits": { "maxChangedLines": 5 } } }""");
        string big = string.Concat(Enumerable.Range(0, 6).Select(i => $"line {i}\n"));
        var error = SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Create("notes/big.txt", big)), "PB1008");
        Assert.Contains("6 changed lines", error.Message);
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("notes/small.txt", "a\nb\nc\n")));
    }

    [Fact]
    public async Task Pb1008_too_many_files_is_blocked_and_the_default_limit_allows_fifty()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => TempTree.Create($"notes/n{i}.txt", "x\n")).ToArray();
        SafetyAssert.Passed(await _tree.ApplyAsync(fifty));
        var more = Enumerable.Range(0, 51).Select(i => TempTree.Create($"more/n{i}.txt", "x\n")).ToArray();
        var error = SafetyAssert.Blocked(await _tree.ApplyAsync(more), "PB1008");
        Assert.Contains("51 changed files", error.Message);
    }

    [Fact]
    public async Task Pb1010_deleting_a_source_file_is_a_warning_and_proceeds()
    {
        _tree.Write("src/Old.cs", "class Old { }\n");
        var result = await _tree.ApplyAsync(TempTree.Delete("src/Old.cs"));
        SafetyAssert.Passed(result);
        Assert.Contains(result.Warnings, w => w.Code == "PB1010" && w.Message.StartsWith("Warning: PB1010", StringComparison.Ordinal));
        Assert.False(_tree.Exists("src/Old.cs"));
    }

    [Fact]
    public async Task Pb1010_recreating_an_existing_source_file_warns_but_creating_a_new_one_does_not()
    {
        _tree.Write("src/A.cs", "class A { }\n");
        var recreated = await _tree.ApplyAsync(TempTree.Recreate("src/A.cs", "class A { int X; }\n"));
        Assert.Contains(recreated.Warnings, w => w.Code == "PB1010");
        var created = await _tree.ApplyAsync(TempTree.Create("src/B.cs", "class B { }\n"));
        Assert.DoesNotContain(created.Warnings, w => w.Code == "PB1010");
    }

    [Fact]
    public async Task Pb1010_can_be_raised_to_an_error()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1010": { "severity": "error" } } } }""");
        _tree.Write("src/Old.cs", "class Old { }\n");
        SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Delete("src/Old.cs")), "PB1010");
        Assert.True(_tree.Exists("src/Old.cs"));
    }

    [Fact]
    public async Task A_rename_adds_no_content_so_risky_lines_it_moves_are_not_judged()
    {
        _tree.Write("db/old.sql", "DROP TABLE legacy;\n");
        var result = await _tree.ApplyAsync(new FileChange("db/old.sql", FileChangeKind.Rename) { NewPath = "db/new.sql", PatchLine = 1 });
        SafetyAssert.Passed(result);
        Assert.True(_tree.Exists("db/new.sql"));
    }
}
