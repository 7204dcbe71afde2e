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
    /// <see cref="Before"/> as text (a byte order mark is not part of it), or null. Decoded once for all readers:
    /// the syntax check, the safety rules and the size policy each read it, and decoding every file three times was
    /// a tenth of a many-file apply's allocations.
    /// </summary>
    public string? BeforeText => Before is null || BeforeIsDirectory ? null : Decoded(Before);

    /// <summary><see cref="After"/> as text, or null; decoded once, as <see cref="BeforeText"/>.</summary>
    public string? AfterText => After is null || AfterIsDirectory ? null : Decoded(After);

    // Not a field: it would take part in the record's equality and hash, and `with` would copy it to other bytes.
    private static string Decoded(byte[] bytes) => DecodedTexts.Of(bytes);

    public JournalAction Action => (Before, After, BeforeIsDirectory, AfterIsDirectory) switch
    {
        (_, _, false, true) => JournalAction.CreateDirectory,
        (_, _, true, false) => JournalAction.DeleteDirectory,
        (null, not null, _, _) => JournalAction.Create,
        (not null, null, _, _) => JournalAction.Delete,
        _ => JournalAction.Modify,
    };
}
