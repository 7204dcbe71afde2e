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

    /// <summary>
    /// <see cref="Before"/> as text for the parsers and rules (a byte order mark is not part of it), or null; shared
    /// by the readers that use it at the same time (<see cref="DecodedTexts"/>, not a field: a field would take part
    /// in the record's equality and hash, and `with` would copy it to other bytes).
    /// </summary>
    public string? BeforeText => Before is null || BeforeIsDirectory ? null : DecodedTexts.Of(Before);

    /// <summary><see cref="After"/> as text, or null; shared as <see cref="BeforeText"/> is.</summary>
    public string? AfterText => After is null || AfterIsDirectory ? null : DecodedTexts.Of(After);

    public JournalAction Action => (Before, After, BeforeIsDirectory, AfterIsDirectory) switch
    {
        (_, _, false, true) => JournalAction.CreateDirectory,
        (_, _, true, false) => JournalAction.DeleteDirectory,
        (null, not null, _, _) => JournalAction.Create,
        (not null, null, _, _) => JournalAction.Delete,
        _ => JournalAction.Modify,
    };
}
