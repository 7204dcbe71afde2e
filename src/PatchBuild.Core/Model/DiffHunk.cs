namespace PatchBuild.Core.Model;

public enum DiffLineKind
{
    Context,
    Removed,
    Added,
}

/// <summary>One body line of a hunk, without its marker and without its line terminator.</summary>
/// <remarks>
/// A line read from a patch is a place in the patch's text, which the patch keeps anyway: a large diff has a hundred
/// thousand lines, and a string for each doubled what parsing it allocated. <see cref="Text"/> makes a string when
/// read (appliers read <see cref="AsSpan"/>). Two lines are equal when their kinds and characters are.
/// </remarks>
public readonly record struct DiffLine
{
    private readonly string _source;
    private readonly int _start;
    private readonly int _length;

    public DiffLine(DiffLineKind kind, string text)
        : this(kind, text, 0, text.Length)
    {
    }

    /// <summary>The line that is <paramref name="length"/> characters of <paramref name="source"/> from <paramref name="start"/>.</summary>
    public DiffLine(DiffLineKind kind, string source, int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start + (ulong)(uint)length, (ulong)source.Length, nameof(length));
        Kind = kind;
        _source = source;
        _start = start;
        _length = length;
    }

    public DiffLineKind Kind { get; init; }

    public string Text => _source is null ? "" : _start == 0 && _length == _source.Length ? _source : _source.Substring(_start, _length);

    public ReadOnlySpan<char> AsSpan() => _source.AsSpan(_start, _length);

    public ReadOnlyMemory<char> AsMemory() => _source.AsMemory(_start, _length);

    public void Deconstruct(out DiffLineKind kind, out string text)
    {
        kind = Kind;
        text = Text;
    }

    public bool Equals(DiffLine other) => Kind == other.Kind && AsSpan().SequenceEqual(other.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Kind, string.GetHashCode(AsSpan()));
}

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
