using System.Text.Json;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Checks.Output;
using PatchBuild.Core.State;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>The report formats, produced from a real check of a real repository.</summary>
public sealed class CheckOutputTests : IDisposable
{
    private readonly GitTestRepository _repo = GitTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    private async Task<CheckReport> CheckRepositoryWithProblems()
    {
        _repo.Write("src/My File, v2.txt", "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n");
        _repo.Write("src/Program.cs.orig", "old\n");
        Directory.CreateDirectory(Path.Combine(_repo.Root, ".patchbuild"));
        new JournalWriter(Path.Combine(_repo.Root, ".patchbuild", JournalWriter.FileName))
            .Append(new JournalRecord { Type = JournalRecord.Begin, Id = "t1", Kind = JournalRecord.KindApply });
        _repo.Stage("src");
        return await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.WorkingTree));
    }

    [Fact]
    public async Task Text_output_is_one_line_per_finding_with_location_rule_and_fix()
    {
        var report = await CheckRepositoryWithProblems();
        var writer = new StringWriter();
        TextFindingWriter.Write(report, writer);
        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith(".patchbuild/history.jsonl:1: error PB2006: ", lines[0]);
        Assert.StartsWith("src/My File, v2.txt:2: error PB2004: ", lines[1]);
        Assert.StartsWith("src/Program.cs.orig: error PB2005: ", lines[2]);
        Assert.All(lines, line => Assert.Contains(" Fix: ", line));
    }

    [Fact]
    public async Task GitHub_annotations_follow_the_workflow_command_syntax_and_escape_values()
    {
        var report = await CheckRepositoryWithProblems();
        var writer = new StringWriter();
        GitHubAnnotationWriter.Write(report, writer);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("::error file=src/My File%2C v2.txt,line=2,title=PB2004::Unresolved conflict markers: ", lines[1]);
        Assert.Contains("%0AFix: ", lines[1]);
        Assert.All(lines, line => Assert.Matches("^::error file=[^:,]+(,line=[0-9]+)?,title=PB[0-9]{4}::[^\r\n]+$", line));
    }

    [Theory]
    [InlineData("100% done\r\nnext", "100%25 done%0D%0Anext")]
    public void GitHub_data_escaping(string value, string expected)
    {
        Assert.Equal(expected, GitHubAnnotationWriter.EscapeData(value));
        Assert.Equal("a%3Ab%2Cc", GitHubAnnotationWriter.EscapeProperty("a:b,c"));
    }

    [Fact]
    public async Task Sarif_log_has_the_shape_sarif_2_1_0_and_code_scanning_require()
    {
        var report = await CheckRepositoryWithProblems();
        using var document = JsonDocument.Parse(SarifLogWriter.Write(report));

        SarifShape.AssertValid(document.RootElement);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(3, results.GetArrayLength());
        var conflict = results.EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PB2004");
        var location = conflict.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/My%20File%2C%20v2.txt", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Sarif_of_a_clean_repository_has_the_rules_and_no_results()
    {
        _repo.Write("a.txt", "fine\n");
        _repo.Stage("a.txt");
        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.Index));
        using var document = JsonDocument.Parse(SarifLogWriter.Write(report));

        SarifShape.AssertValid(document.RootElement);
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(CheckRules.All.Count, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public void A_safety_finding_is_reported_under_its_safety_rule_and_listed_in_the_sarif_rules()
    {
        var finding = new CheckFinding(CheckRules.UnsafePatch, "drops a table (UNSAFE_PATCH)") { File = "afix.ap", Line = 7, SafetyRuleId = "PB1004" };
        var report = new CheckReport(CheckScope.StagedChanges, _repo.Root, [finding]);
        using var document = JsonDocument.Parse(SarifLogWriter.Write(report));

        SarifShape.AssertValid(document.RootElement);
        var result = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("PB1004", result.GetProperty("ruleId").GetString());
        Assert.StartsWith("afix.ap:7: error PB1004: Patch is unsafe: ", TextFindingWriter.FormatLine(finding));
    }

    [Fact]
    public async Task Json_report_lists_findings_and_status()
    {
        var report = await CheckRepositoryWithProblems();
        using var document = JsonDocument.Parse(JsonCheckReportWriter.Write(report));
        var root = document.RootElement;

        Assert.Equal("FAILED", root.GetProperty("status").GetString());
        Assert.Equal("working-tree", root.GetProperty("scope").GetString());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["PB2006", "PB2004", "PB2005"], findings.Select(f => f.GetProperty("ruleId").GetString()!).ToArray());
        Assert.All(findings, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("hint").GetString())));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("patches").ValueKind);
    }
}
