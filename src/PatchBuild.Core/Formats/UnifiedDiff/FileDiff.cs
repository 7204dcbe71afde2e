using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>One file's section of a diff, as written: paths (null for /dev/null), git's extended header, hunks.</summary>
internal sealed class FileDiff
{
    public int HeaderLine { get; init; }
    /// <summary>This file's section of the diff, made when it is asked for (see <see cref="Modification.RawTextSource"/>).</summary>
    public Func<string> RawText { get; set; } = () => "";
    public string? OldPath { get; set; }
    public string? NewPath { get; set; }
    public bool IsNew { get; set; }
    public bool IsDeleted { get; set; }
    public string? RenameFrom { get; set; }
    public string? RenameTo { get; set; }
    public string? CopyFrom { get; set; }
    public string? CopyTo { get; set; }
    public string? OldMode { get; set; }
    public string? NewMode { get; set; }
    public List<DiffHunk> Hunks { get; set; } = [];

    public string Label => NewPath ?? OldPath ?? RenameTo ?? CopyTo ?? "(unnamed file)";
}
