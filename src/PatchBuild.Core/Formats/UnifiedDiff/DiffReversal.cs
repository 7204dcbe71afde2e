using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// A file diff turned around, as git apply -R reads it: old and new names, modes and creation/deletion swap, and
/// every hunk's removed lines become added ones and the other way round, so applying it undoes the original.
/// </summary>
internal static class DiffReversal
{
    public static FileDiff Reverse(FileDiff diff) => new()
    {
        HeaderLine = diff.HeaderLine,
        RawText = diff.RawText,
        OldPath = diff.NewPath,
        NewPath = diff.OldPath,
        IsNew = diff.IsDeleted,
        IsDeleted = diff.IsNew,
        RenameFrom = diff.RenameTo,
        RenameTo = diff.RenameFrom,
        CopyFrom = diff.CopyFrom,
        CopyTo = diff.CopyTo,
        OldMode = diff.NewMode,
        NewMode = diff.OldMode,
        Hunks = diff.Hunks.Select(Reverse).ToList(),
    };

    private static DiffHunk Reverse(DiffHunk hunk) => new(hunk.NewStart, hunk.NewCount, hunk.OldStart, hunk.OldCount)
    {
        Number = hunk.Number,
        Header = hunk.Header,
        PatchLine = hunk.PatchLine,
        Numberless = hunk.Numberless,
        OldMissingFinalNewline = hunk.NewMissingFinalNewline,
        NewMissingFinalNewline = hunk.OldMissingFinalNewline,
        Lines = hunk.Lines.Select(l => l.Kind switch
        {
            DiffLineKind.Added => l with { Kind = DiffLineKind.Removed },
            DiffLineKind.Removed => l with { Kind = DiffLineKind.Added },
            _ => l,
        }).ToList(),
    };
}
