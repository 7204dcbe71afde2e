using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Tests.Checks;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;
using static PatchBuild.Core.Tests.State.StateFixtures;

namespace PatchBuild.Core.Tests.State;

/// <summary>Recovery and rollback act only on state this machine and user wrote, and never on state git tracks.</summary>
public sealed class RecoveryTrustTests
{
    private const string EvilProject = "<Project>\n  <Target Name=\"Pwn\" BeforeTargets=\"Build\">\n    <Exec Command=\"touch pwned\" />\n  </Target>\n</Project>\n";
    private const string CleanProject = "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n";

    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task A_committed_state_folder_in_a_fresh_clone_is_never_acted_on()
    {
        // The attacker's commit: an unfinished entry whose backups hold an <Exec> project and an evil Program.cs.
        using var origin = GitTestRepository.Create();
        Interrupted(origin.Root,
            before: new Dictionary<string, string> { ["App.csproj"] = EvilProject, ["Program.cs"] = "evil();\n" },
            after: new Dictionary<string, string> { ["App.csproj"] = CleanProject, ["Program.cs"] = "good();\n" });
        origin.Stage(".");
        origin.Git("commit", "-q", "-m", "innocent looking");
        string cloneRoot = Path.Combine(Path.GetTempPath(), "pb-clone-" + Guid.NewGuid().ToString("N")[..10]);
        GitTestRepository.RunGit(Path.GetTempPath(), "clone", "-q", origin.Root, cloneRoot);
        using var clone = GitTestRepository.Create(cloneRoot);
        string journal = clone.FullPath(".patchbuild/history.jsonl");
        string journalBefore = File.ReadAllText(journal);

        var history = await _engine.GetHistoryAsync(clone.Root);
        Assert.Equal(HistoryStatus.Unfinished, Assert.Single(history.Entries).Status);
        Assert.Equal(journalBefore, File.ReadAllText(journal));

        var apply = await _engine.ApplyAsync([Patch(Create("other.txt", "x\n"))], new ApplyOptions { Root = clone.Root });
        Assert.True(apply.Success, apply.Error?.Message);
        Assert.Contains(apply.Warnings, w => w.Code == "TRACKED_STATE" && w.Message.Contains(".patchbuild/history.jsonl"));
        Assert.DoesNotContain(apply.Warnings, w => w.Code == "RECOVERED");
        Assert.Equal(CleanProject, clone.Read("App.csproj"));
        Assert.Equal("good();\n", clone.Read("Program.cs"));

        var rollback = await _engine.RollbackAsync(new() { Root = clone.Root });
        Assert.False(rollback.Success);
        Assert.Equal(CleanProject, clone.Read("App.csproj"));
    }

    [Fact]
    public async Task Recovery_leaves_entries_another_machine_or_user_wrote_alone()
    {
        using var ws = new TempWorkspace();
        string id = Interrupted(ws.Root, new Dictionary<string, string> { ["a.txt"] = "old\n" }, new Dictionary<string, string> { ["a.txt"] = "new\n" });
        Rewrite(ws.Journal, Stranger);

        var result = await _engine.ApplyAsync([Patch(Create("b.txt", "b\n"))], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new\n", ws.Read("a.txt"));
        var warning = Assert.Single(result.Warnings, w => w.Code == "FOREIGN_JOURNAL_ENTRY");
        Assert.Contains(id, warning.Message);
        Assert.Contains("build-agent-17", warning.Message);
        Assert.Equal(1, warning.Line);
        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.False(entries[0].WrittenHere);
        Assert.Equal(HistoryStatus.Unfinished, entries[0].Status);
        Assert.True(entries[1].WrittenHere);
    }

    [Fact]
    public async Task The_same_entry_written_here_is_recovered()
    {
        using var ws = new TempWorkspace();
        string id = Interrupted(ws.Root, new Dictionary<string, string> { ["a.txt"] = "old\n" }, new Dictionary<string, string> { ["a.txt"] = "new\n" });
        Rewrite(ws.Journal, MachineIdentity.Current);

        Assert.Equal([id], await _engine.RecoverAsync(ws.Root));
        Assert.Equal("old\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task Recovery_applies_PB1003_to_what_it_restores()
    {
        using var ws = new TempWorkspace();
        string id = Interrupted(ws.Root,
            before: new Dictionary<string, string> { ["App.csproj"] = EvilProject, ["build/tool.xml"] = EvilProject, ["a.txt"] = "old\n" },
            after: new Dictionary<string, string> { ["App.csproj"] = CleanProject, ["build/tool.xml"] = "<tools />\n", ["a.txt"] = "new\n" });

        var result = await _engine.ApplyAsync([Patch(Create("b.txt", "b\n"))], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("old\n", ws.Read("a.txt"));
        Assert.Equal(CleanProject, ws.Read("App.csproj"));
        Assert.Equal("<tools />\n", ws.Read("build/tool.xml"));
        var kept = Assert.Single(result.Warnings, w => w.Code == "RECOVERY_KEPT");
        Assert.Contains(id, kept.Message);
        Assert.Contains("App.csproj (PB1003", kept.Message);
        Assert.Contains("build/tool.xml (PB1003", kept.Message);
    }

    [Fact]
    public async Task Recovery_restores_a_code_running_file_that_patchbuild_json_allows()
    {
        using var ws = new TempWorkspace("""{"safety":{"rules":{"PB1003":{"allow":[{"path":"App.csproj","reason":"we edit it by patch"}]}}}}""");
        Interrupted(ws.Root, new Dictionary<string, string> { ["App.csproj"] = CleanProject }, new Dictionary<string, string> { ["App.csproj"] = CleanProject.Replace("Sdk", "Sdk ", StringComparison.Ordinal) });

        var result = await _engine.ApplyAsync([Patch(Create("b.txt", "b\n"))], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(CleanProject, ws.Read("App.csproj"));
        Assert.DoesNotContain(result.Warnings, w => w.Code == "RECOVERY_KEPT");
    }

    [Fact]
    public async Task Rollback_refuses_entries_another_machine_or_user_wrote()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old\n");
        var applied = await _engine.ApplyAsync([Patch(Recreate("a.txt", "new\n"))], ws.Options);
        Rewrite(ws.Journal, Stranger);

        var last = await _engine.RollbackAsync(new() { Root = ws.Root });
        var byId = await _engine.RollbackAsync(new() { Root = ws.Root, Id = applied.HistoryId });

        Assert.Equal(ErrorCodes.NothingToRollBack, last.Error!.Code);
        Assert.Equal(ErrorCodes.NothingToRollBack, byId.Error!.Code);
        Assert.Contains("not written by this machine and user", byId.Error.Message);
        Assert.Equal("new\n", ws.Read("a.txt"));
    }
}
