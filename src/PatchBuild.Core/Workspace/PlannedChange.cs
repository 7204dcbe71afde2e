using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>The difference between what a path holds on disk and what the plan wants there.</summary>
public sealed record PlannedChange(WorkspacePath Path)
{
    /// <summary>Bytes on disk before; null when the path held no file.</summary>
    public byte[]? Before { get; init; }

    /// <summary>Bytes after; null when the file is to be gone.</summary>
    public byte[]? After { get; init; }

    public bool BeforeIsDirectory { get; init; }
    public bool AfterIsDirectory { get; init; }

    public JournalAction Action => (Before, After, BeforeIsDirectory, AfterIsDirectory) switch
    {
        (_, _, false, true) => JournalAction.CreateDirectory,
        (_, _, true, false) => JournalAction.DeleteDirectory,
        (null, not null, _, _) => JournalAction.Create,
        (not null, null, _, _) => JournalAction.Delete,
        _ => JournalAction.Modify,
    };
}
