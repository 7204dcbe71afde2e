using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>Planned bytes as text for the parsers (a byte order mark is not part of the text).</summary>
internal static class PlannedText
{
    public static string? Before(PlannedChange change) => change.BeforeText;

    public static string? After(PlannedChange change) => change.AfterText;
}
