namespace PatchBuild.Core.Tests.Architecture;

/// <summary>
/// The folders of Core form layers, not circles. Each test reads the compiled assembly, so a new reference that
/// closes a circle fails here even when it compiles.
/// </summary>
public sealed class FolderDependencyTests
{
    private const string Core = "PatchBuild.Core";

    // By name, so the rule holds before the State folder exists and after it does.
    private const string State = Core + ".State";

    [Theory]
    [InlineData("Workspace")]
    [InlineData("Planning")]
    public void Planning_and_the_in_memory_workspace_never_touch_the_state_folder(string folder)
    {
        Assert.Empty(TypeReferences.Uses($"{Core}.{folder}", State));
    }

    // History reads the journal and plans rollbacks from it; State owns .patchbuild/ and must work without History.
    [Fact]
    public void The_state_folder_never_reaches_into_history()
    {
        var uses = TypeReferences.Uses(State, $"{Core}.History");
        Assert.True(uses.Count == 0, $"State uses History:\n{string.Join("\n", uses)}");
    }

    [Theory]
    [InlineData("Transactions", "History")]
    [InlineData("Workspace", "Transactions")]
    [InlineData("Safety", "Validation")]
    public void Lower_folder_does_not_reach_back_into_the_one_above_it(string lower, string upper)
    {
        Assert.Empty(TypeReferences.Uses($"{Core}.{lower}", $"{Core}.{upper}"));
    }

    [Theory]
    [InlineData("History", "Transactions")]
    [InlineData("Transactions", "Workspace")]
    [InlineData("Safety", "Validation")]
    [InlineData("Workspace", "History")]
    [InlineData("Validation", "Safety")]
    [InlineData("Configuration", "History")]
    [InlineData("Configuration", "Safety")]
    public void No_two_folders_depend_on_each_other(string one, string other)
    {
        var forward = TypeReferences.Uses($"{Core}.{one}", $"{Core}.{other}");
        var backward = TypeReferences.Uses($"{Core}.{other}", $"{Core}.{one}");
        Assert.False(forward.Count > 0 && backward.Count > 0, $"circle between {one} and {other}:\n{string.Join("\n", forward.Concat(backward))}");
    }

    // The scanner must see real uses, or every test above would pass on nothing.
    [Theory]
    [InlineData("Validation", "Safety", "PatchBuild.Core.Validation.SafetyValidator -> PatchBuild.Core.Safety.SafetyScanner")]
    [InlineData("Workspace", "Model", "PatchBuild.Core.Workspace.WorkspaceCommitter")]
    [InlineData("State", "Workspace", "PatchBuild.Core.State.CommitRecorder -> PatchBuild.Core.Workspace.ICommitJournal")]
    [InlineData("History", "State", "PatchBuild.Core.History.PatchHistory -> PatchBuild.Core.State.")]
    public void The_scanner_finds_uses_in_signatures_and_method_bodies(string from, string to, string expected)
    {
        var uses = TypeReferences.Uses($"{Core}.{from}", $"{Core}.{to}");
        Assert.Contains(uses, use => use.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_scanner_sees_a_use_that_exists_only_inside_a_lambda_or_async_body()
    {
        // PatchTransaction's async CommitAsync reaches the engine only from its state machine.
        var uses = TypeReferences.Uses($"{Core}.Transactions", Core);
        Assert.Contains(uses, use => use.Contains("PatchTransaction+<", StringComparison.Ordinal) && use.EndsWith("-> PatchBuild.Core.PatchEngine", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_process_runner_starts_processes()
    {
        var starts = TypeReferences.Uses(Core, "System.Diagnostics")
            .Where(use => use.EndsWith("-> System.Diagnostics.ProcessStartInfo", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, use => Assert.StartsWith("PatchBuild.Core.Processes.", use, StringComparison.Ordinal));
    }
}
