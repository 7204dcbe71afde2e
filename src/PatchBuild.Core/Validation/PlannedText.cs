using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>Planned bytes as text for the parsers (a byte order mark is not part of the text).</summary>
internal static class PlannedText
{
    public static string? Before(PlannedChange change) => change.Before is null || change.BeforeIsDirectory ? null : FileEncoding.Decode(change.Before).Text;

    public static string? After(PlannedChange change) => change.After is null || change.AfterIsDirectory ? null : FileEncoding.Decode(change.After).Text;
}
