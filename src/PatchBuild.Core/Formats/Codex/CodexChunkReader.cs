using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Codex;

/// <summary>
/// Reads the chunks of one "*** Update File:" section: "@@" lines (optionally with the text of a line to find first),
/// then lines marked ' ', '-' or '+'. An empty line is an empty context line; the first chunk may omit its "@@";
/// several "@@" lines in a row narrow the search one after another; "*** End of File" ends a chunk at the end of
/// the file. The section ends at the next "***" marker.
/// </summary>
internal static class CodexChunkReader
{
    public const string EndOfFileMarker = "*** End of File";

    public static List<ContextChunk> Read(string[] lines, ref int i, int end, string path, int sectionLine, string? sourcePath)
    {
        var chunks = new List<ContextChunk>();
        ChunkDraft? draft = null;
        while (i < end)
        {
            string raw = lines[i];
            int lineNumber = i + 1;
            if (IsMarker(raw))
            {
                if (raw.Trim() != EndOfFileMarker)
                {
                    break;
                }

                if (draft is null || draft.Lines.Count == 0)
                {
                    throw CodexEnvelope.Invalid($"Line {lineNumber}: '{EndOfFileMarker}' closes a chunk that has no lines.", lineNumber, sourcePath,
                        "Put '*** End of File' right after the last line of a chunk that ends the file.");
                }

                draft.EndOfFile = true;
                chunks.Add(draft.Build(chunks.Count + 1));
                draft = null;
                i++;
                continue;
            }

            if (raw.StartsWith("@@", StringComparison.Ordinal))
            {
                if (draft is not null && draft.Lines.Count > 0)
                {
                    chunks.Add(draft.Build(chunks.Count + 1));
                    draft = null;
                }

                draft ??= new ChunkDraft(lineNumber);
                string header = raw[2..];
                if (header.Trim().Length > 0)
                {
                    draft.Headers.Add(header.StartsWith(' ') ? header[1..] : header);
                }

                i++;
                continue;
            }

            if (draft is null && chunks.Count == 0 && raw.Trim().Length == 0)
            {
                // Blank lines between the section header and its first chunk separate, they do not match.
                i++;
                continue;
            }

            DiffLineKind? kind = raw.Length == 0 ? DiffLineKind.Context : raw[0] switch
            {
                ' ' => DiffLineKind.Context,
                '-' => DiffLineKind.Removed,
                '+' => DiffLineKind.Added,
                _ => null,
            };
            if (kind is null)
            {
                throw CodexEnvelope.Invalid(
                    $"Line {lineNumber}: '{CodexEnvelope.Shorten(raw)}' in the update of '{path}' is not a chunk line.", lineNumber, sourcePath,
                    "Every line of a chunk starts with ' ' (context), '-' (removed) or '+' (added); a new chunk starts with '@@'.");
            }

            if (draft is null)
            {
                if (chunks.Count > 0)
                {
                    throw CodexEnvelope.Invalid($"Line {lineNumber}: a chunk after '{EndOfFileMarker}' must start with '@@'.", lineNumber, sourcePath,
                        "Start the next chunk with an '@@' line, or move the lines into the chunk above.");
                }

                draft = new ChunkDraft(lineNumber);
            }

            draft.Lines.Add(new DiffLine(kind.Value, raw.Length == 0 ? "" : raw[1..]));
            i++;
        }

        if (draft is not null)
        {
            if (draft.Lines.Count == 0)
            {
                throw CodexEnvelope.Invalid($"Line {draft.Line}: the '@@' chunk in the update of '{path}' has no lines.", draft.Line, sourcePath,
                    "Follow '@@' with the chunk's context (' '), removed ('-') and added ('+') lines.");
            }

            chunks.Add(draft.Build(chunks.Count + 1));
        }

        if (chunks.Count == 0)
        {
            throw CodexEnvelope.Invalid($"Line {sectionLine}: the update of '{path}' has no chunks.", sectionLine, sourcePath,
                "Follow '*** Update File:' with at least one '@@' chunk of ' ', '-' and '+' lines (or use '*** Move to:' with a chunk).");
        }

        return chunks;
    }

    /// <summary>A patch marker, possibly padded: "*** End of File", "*** End Patch" or the next file section.</summary>
    private static bool IsMarker(string raw) =>
        raw.StartsWith("***", StringComparison.Ordinal) ||
        (raw.Length > 0 && char.IsWhiteSpace(raw[0]) && raw.TrimStart().StartsWith("*** ", StringComparison.Ordinal) && IsKnownMarker(raw.Trim()));

    private static bool IsKnownMarker(string trimmed) =>
        trimmed == EndOfFileMarker || trimmed == CodexEnvelope.EndMarker ||
        trimmed.StartsWith("*** Add File:", StringComparison.Ordinal) ||
        trimmed.StartsWith("*** Delete File:", StringComparison.Ordinal) ||
        trimmed.StartsWith("*** Update File:", StringComparison.Ordinal);

    private sealed class ChunkDraft(int line)
    {
        public int Line { get; } = line;
        public List<string> Headers { get; } = [];
        public List<DiffLine> Lines { get; } = [];
        public bool EndOfFile { get; set; }

        public ContextChunk Build(int number) => new()
        {
            Number = number,
            PatchLine = Line,
            Headers = [.. Headers],
            Lines = [.. Lines],
            EndOfFile = EndOfFile,
        };
    }
}
