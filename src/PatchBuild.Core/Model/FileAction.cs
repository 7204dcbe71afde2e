namespace PatchBuild.Core.Model;

/// <summary>What a patch asked of one file. Reports spell it with <see cref="ReportWords"/>.</summary>
public enum FileAction
{
    Modify,
    Create,
    CreateDirectory,
    Recreate,
    Delete,
    Rename,
}
