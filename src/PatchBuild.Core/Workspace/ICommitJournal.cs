
namespace PatchBuild.Core.Workspace;

/// <summary>
/// The durable half of the commit protocol, as the committer sees it: <see cref="Begin"/> must have made the undo
/// information durable before it returns, because the committer touches files right after.
/// </summary>
public interface ICommitJournal
{
    void Begin(IReadOnlyList<PlannedChange> changes);

    void Done();

    void Aborted(string reason);
}
