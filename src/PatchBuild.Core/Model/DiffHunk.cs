namespace PatchBuild.Core.Model;

public enum DiffLineKind
{
    Context,
    Removed,
    Added,
}

/// <summary>One body line of a hunk, without its marker and without its line terminator.</summary>
public readonly record struct DiffLine(DiffLineKind Kind, string Text);

/// <summary>
/// One "@@ -OldStart,OldCount +NewStart,NewCount @@" block. Starts are 1-based as written in the diff
/// (0 when the side is empty at the top of the file).
/// </summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount)
{
    /// <summary>1-based number of the hunk inside its file's diff.</summary>
    public int Number { get; init; }

    /// <summary>The "@@ ... @@" line as written, for messages.</summary>
    public string Header { get; init; } = "";

    /// <summary>1-based line of the header in the patch file.</summary>
    public int PatchLine { get; init; }

    public IReadOnlyList<DiffLine> Lines { get; init; } = [];

    /// <summary>The header gave no line numbers ("@@ @@", as models write): the hunk is placed by its context alone.</summary>
    public bool Numberless { get; init; }

    /// <summary>"\ No newline at end of file" followed the old side's last line: the old file ends without a newline.</summary>
    public bool OldMissingFinalNewline { get; init; }

    /// <summary>"\ No newline at end of file" followed the new side's last line: the new file ends without a newline.</summary>
    public bool NewMissingFinalNewline { get; init; }

    /// <summary>Context and removed lines: what the file holds before.</summary>
    public IEnumerable<string> OldSide => Lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text);

    /// <summary>Context and added lines: what the file holds after.</summary>
    public IEnumerable<string> NewSide => Lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text);
}
