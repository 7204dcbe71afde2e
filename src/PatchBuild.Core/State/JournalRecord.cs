using System.Text.Json.Serialization;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.State;

/// <summary>
/// One line of .patchbuild/history.jsonl, the journal's only schema: every reader and writer uses this class. A commit
/// writes "begin" (everything needed to undo it) before touching a file and "done" after the last one; "aborted",
/// "rolledback" and "pruned" follow later. Lines are only appended. Each record names the host and user that wrote it
/// (<see cref="Host"/>, <see cref="User"/>): a journal is acted on only where it was written (see <see cref="StateTrust"/>).
/// </summary>
public sealed class JournalRecord
{
    public const string Begin = "begin";
    public const string Done = "done";
    public const string Aborted = "aborted";
    public const string RolledBack = "rolledback";
    public const string Pruned = "pruned";

    public const string KindApply = "apply";
    public const string KindRollback = "rollback";

    public string Type { get; set; } = "";
    public string Id { get; set; } = "";
    public DateTimeOffset Time { get; set; }

    /// <summary>The machine that wrote the record (<see cref="MachineIdentity.Host"/>).</summary>
    public string? Host { get; set; }

    /// <summary>The operating-system user that wrote the record (<see cref="MachineIdentity.User"/>).</summary>
    public string? User { get; set; }

    /// <summary>begin: "apply" or "rollback".</summary>
    public string? Kind { get; set; }
    public string? ToolVersion { get; set; }

    /// <summary>begin: the apply root, relative to the workspace root ("." when the same).</summary>
    public string? Root { get; set; }
    public string? Summary { get; set; }
    public List<JournalPatch>? Patches { get; set; }
    public List<JournalFile>? Files { get; set; }

    /// <summary>begin: the backup pack, relative to the state folder when inside it, else absolute.</summary>
    public string? Backups { get; set; }

    /// <summary>begin: false when backups are configured off (the pack is then deleted once the commit is done).</summary>
    public bool? BackupsKept { get; set; }

    /// <summary>begin of a rollback: the entries it undoes, newest first.</summary>
    public List<string>? RollsBack { get; set; }

    /// <summary>rolledback: the rollback entry that undid this one.</summary>
    public string? By { get; set; }

    /// <summary>aborted, pruned: why.</summary>
    public string? Reason { get; set; }
}

public sealed class JournalPatch
{
    public string? Path { get; set; }
    public string? Hash { get; set; }
    public string? Format { get; set; }
    public string? Summary { get; set; }
}

public sealed class JournalFile
{
    /// <summary>Relative to the workspace root, with '/'.</summary>
    public string Path { get; set; } = "";
    /// <summary>Written as its word (<see cref="ReportWords"/>); an unknown or missing word makes the line malformed.</summary>
    [JsonRequired]
    [JsonConverter(typeof(JournalActionConverter))]
    public JournalAction Action { get; set; }
    public BlobRef? Before { get; set; }
    public BlobRef? After { get; set; }
    public bool BeforeIsDirectory { get; set; }
    public bool AfterIsDirectory { get; set; }
}

/// <summary>Where one file's content sits in a backup pack, and its hash to prove it intact.</summary>
public sealed class BlobRef
{
    public string Hash { get; set; } = "";
    public long Offset { get; set; }
    public long Length { get; set; }

    /// <summary>
    /// True: the content is not in the pack but in the shared blob store, named by <see cref="Hash"/> (kept by a hard
    /// link to the replaced file, see State/Backups/BlobStore). Offset is then unused.
    /// </summary>
    public bool? Linked { get; set; }
}
