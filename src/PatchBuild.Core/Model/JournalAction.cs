namespace PatchBuild.Core.Model;

/// <summary>
/// What a commit does to one path on disk, as the journal records it for each file of an entry. The journal spells
/// it with <see cref="ReportWords"/>; those words are the on-disk schema, so they never change.
/// </summary>
public enum JournalAction
{
    Modify,
    Create,
    Delete,
    CreateDirectory,
    DeleteDirectory,
}
