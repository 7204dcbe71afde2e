using System.Text;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Tests.Checks;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.Configuration;

/// <summary>
/// One loader reads every section of patchbuild.json with one policy: a wrong value is INVALID_CONFIG naming the
/// setting, whichever section it is in and whichever command reads it.
/// </summary>
public sealed class SettingsLoaderTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public void One_parse_reads_every_section()
    {
        var config = PatchBuildConfigLoader.Parse("""
            {
              "safety": { "limits": { "maxChangedFiles": 7 }, "rules": { "PB1004": "warning" } },
              "limits": { "maxLineLength": 9000 },
              "history": { "backupDir": "bk", "maxAgeDays": 3, "backups": false, "mergeStrategy": "theirs" },
              "hook": { "requireApplied": true }
            }
            """, "patchbuild.json");

        Assert.Equal(7, config.MaxChangedFiles);
        Assert.Equal(RuleSeverity.Warning, config.Rules["PB1004"].Severity);
        Assert.Equal(9000, config.Limits.MaxLineLength);
        Assert.Equal(new HistorySettings { BackupDir = "bk", MaxAgeDays = 3, Backups = false, MergeStrategy = MergeStrategy.Theirs }, config.History);
        Assert.True(config.Hook.RequireApplied);
    }

    [Fact]
    public void Sections_left_out_keep_their_defaults()
    {
        var config = PatchBuildConfigLoader.Parse("{}");
        Assert.Equal(HistorySettings.Default, config.History);
        Assert.Equal(HookSettings.Default, config.Hook);
        Assert.Equal(InputLimits.Default, config.Limits);
    }

    [Theory]
    [InlineData("""{ "history": [] }""", "history must be a JSON object")]
    [InlineData("""{ "history": { "maxAgeDays": "a week" } }""", "history.maxAgeDays")]
    [InlineData("""{ "history": { "maxAgeDays": -1 } }""", "history.maxAgeDays")]
    [InlineData("""{ "history": { "backups": "yes" } }""", "history.backups")]
    [InlineData("""{ "history": { "mergeStrategy": "both" } }""", "history.mergeStrategy")]
    [InlineData("""{ "history": { "backupDir": "" } }""", "history.backupDir")]
    [InlineData("""{ "history": { "maxAge": 3 } }""", "unknown setting 'maxAge' in history")]
    [InlineData("""{ "hook": { "requireApplied": "true" } }""", "hook.requireApplied")]
    [InlineData("""{ "hook": { "require": true } }""", "unknown setting 'require' in hook")]
    public void A_wrong_setting_in_any_section_is_INVALID_CONFIG_naming_it(string json, string named)
    {
        var ex = Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse(json, "/repo/patchbuild.json"));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains(named, ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal("/repo/patchbuild.json", ex.Error.File);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Hint));
    }

    [Fact]
    public void Bytes_as_git_holds_them_parse_with_or_without_a_byte_order_mark()
    {
        byte[] plain = Encoding.UTF8.GetBytes("""{ "hook": { "requireApplied": true } }""");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. plain];
        Assert.True(PatchBuildConfigLoader.Parse(plain).Hook.RequireApplied);
        Assert.True(PatchBuildConfigLoader.Parse(withBom).Hook.RequireApplied);
    }

    [Fact]
    public async Task Config_path_reaches_the_history_section_too()
    {
        using var ws = new TempWorkspace();
        using var elsewhere = new TempWorkspace("""{ "history": { "backups": false } }""");
        ws.Write("a.txt", "1\n");

        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options with { ConfigPath = elsewhere.PathOf("patchbuild.json") });
        Assert.True(result.Success);
        Assert.False(Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries).BackupsAvailable);

        // The same apply without --config keeps backups: the workspace's own file has no history section.
        var control = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        Assert.True(control.Success);
        Assert.True((await _engine.GetHistoryAsync(ws.Root)).Entries.Single(e => e.Id == control.HistoryId).BackupsAvailable);
    }

    [Fact]
    public async Task A_run_reads_patchbuild_json_once_and_every_step_takes_its_section_from_that_read()
    {
        // The file on disk is broken: any step that opened it again would fail the run with INVALID_CONFIG.
        using var ws = new TempWorkspace("{ not json");
        ws.Write("a.txt", "1\n");
        var failed = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        Assert.Equal(ErrorCodes.InvalidConfig, Assert.Single(failed.Errors).Code);
        Assert.Equal("1\n", ws.Read("a.txt"));

        var given = PatchBuildConfig.Default with { History = HistorySettings.Default with { Backups = false } };
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options with { Config = given });

        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal("2\n", ws.Read("a.txt"));
        Assert.Contains("\"backupsKept\":false", File.ReadAllText(ws.Journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_reports_a_patchbuild_json_that_apply_would_refuse()
    {
        using var repo = GitTestRepository.Create();
        repo.Write("patchbuild.json", """{ "safety": { "rules": { "PB1004": { "allow": [ { "path": "db/**" } ] } } } }""");
        repo.Stage("patchbuild.json");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.StagedChanges));

        var finding = Assert.Single(report.Findings, f => f.Rule == CheckRules.CheckError);
        Assert.Equal("patchbuild.json", finding.File);
        Assert.Equal(ErrorCodes.InvalidConfig, finding.ErrorCode);
        Assert.Contains("reason", finding.Message, StringComparison.Ordinal);
    }
}
