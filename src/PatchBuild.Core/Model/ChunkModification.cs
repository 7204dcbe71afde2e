namespace PatchBuild.Core.Model;

/// <summary>
/// The chunks of one Codex "*** Update File:" section. A chunk carries no line numbers: it is found by its own
/// lines, after the lines its "@@" headers name, each chunk below the one before. Kept as one modification per file
/// so the chunks are placed together, in order, against the text as it was.
/// </summary>
public sealed record ChunkModification : Modification
{
    public IReadOnlyList<ContextChunk> Chunks { get; init; } = [];
}

/// <summary>One "@@" chunk: optional header lines that narrow the search, then context, removed and added lines.</summary>
public sealed record ContextChunk
{
    /// <summary>1-based number of the chunk inside its file section.</summary>
    public int Number { get; init; }

    /// <summary>1-based line in the patch where the chunk starts (its first "@@", or its first line).</summary>
    public int PatchLine { get; init; }

    /// <summary>Texts after "@@" ("class Foo", "def bar():"), in order: each is found below the previous one.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<DiffLine> Lines { get; init; } = [];

    /// <summary>"*** End of File" closed the chunk: its lines are the last lines of the file.</summary>
    public bool EndOfFile { get; init; }

    /// <summary>Context and removed lines: what the file holds before.</summary>
    public IEnumerable<string> OldSide => Lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text);

    /// <summary>Context and added lines: what the file holds after.</summary>
    public IEnumerable<string> NewSide => Lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text);
}
