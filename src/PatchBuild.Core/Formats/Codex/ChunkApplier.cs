using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Codex;

/// <summary>
/// Applies the chunks of one Codex "*** Update File:" to the planned text. Each chunk is placed below the one before:
/// its "@@" headers first (each a line to find), then its old side (context and removed lines) through the matching
/// ladder of <see cref="CodexLineMatcher"/>. Only when every chunk has a place is the text rebuilt; context lines
/// keep the file's own text, so a loose match never rewrites lines the chunk did not change. Line endings, the
/// byte order mark and a missing final newline stay as they were (the document keeps them).
/// </summary>
public sealed class ChunkApplier : IModificationApplier
{
    public bool CanApply(Modification modification) => modification is ChunkModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var chunks = ((ChunkModification)modification).Chunks;
        var lines = context.Document.Lines;
        var loosest = context.Options.Strict ? ChunkMatchLevel.Exact : ChunkMatchLevel.NormalisingPunctuation;
        var placed = Place(lines, chunks, loosest, out var failure);
        if (failure is not null)
        {
            if (IsAlreadyApplied(lines, chunks, loosest))
            {
                return ModificationOutcome.AlreadyApplied("already applied: the file already holds every chunk's result");
            }

            throw failure;
        }

        var result = Build(lines, placed);
        if (result.Count == lines.Count && result.SequenceEqual(lines, StringComparer.Ordinal))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the chunks change nothing in the file");
        }

        bool wasEmpty = lines.Count == 0;
        lines.Clear();
        lines.AddRange(result);
        if (wasEmpty)
        {
            context.Document.EndsWithNewline = true;
        }

        var notes = placed.Where(p => p.Level != ChunkMatchLevel.Exact)
            .Select(p => $"chunk {p.Chunk.Number} matched {CodexLineMatcher.Describe(p.Level)} (line {p.Start + 1})")
            .ToList();
        return ModificationOutcome.Applied() with { Notes = notes };
    }

    private sealed record Placement(ContextChunk Chunk, IReadOnlyList<DiffLine> Lines, int Start, ChunkMatchLevel Level)
    {
        public int OldLength => Lines.Count(l => l.Kind != DiffLineKind.Added);
    }

    private static List<Placement> Place(List<string> lines, IReadOnlyList<ContextChunk> chunks, ChunkMatchLevel loosest, out PatchException? failure)
    {
        var placed = new List<Placement>(chunks.Count);
        var matcher = new CodexLineMatcher(lines);
        failure = null;
        int cursor = 0;
        foreach (var chunk in chunks)
        {
            foreach (string header in chunk.Headers)
            {
                var (at, _) = matcher.Seek([header], cursor, endOfFile: false, HeaderLevel(loosest));
                if (at < 0)
                {
                    failure = HeaderNotFound(chunk, header, cursor);
                    return placed;
                }

                cursor = at + 1;
            }

            var body = chunk.Lines;
            var old = body.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text).ToList();
            if (old.Count == 0)
            {
                // Pure addition: below the headers when there are some, else at the end of the file (before a last empty line, as Codex does).
                int insertAt = chunk.Headers.Count > 0 && !chunk.EndOfFile ? cursor
                    : lines.Count > 0 && lines[^1].Length == 0 ? lines.Count - 1 : lines.Count;
                placed.Add(new Placement(chunk, body, insertAt, ChunkMatchLevel.Exact));
                continue;
            }

            var (start, level) = matcher.Seek(old, cursor, chunk.EndOfFile, loosest);
            if (start < 0 && TrimTrailingEmptyContext(body) is { } trimmed)
            {
                // A blank line a model left before the next marker reads as empty context the file may not have.
                body = trimmed;
                old = body.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text).ToList();
                (start, level) = matcher.Seek(old, cursor, chunk.EndOfFile, loosest);
            }

            if (start < 0)
            {
                failure = LinesNotFound(chunk, old, cursor, loosest);
                return placed;
            }

            placed.Add(new Placement(chunk, body, start, level));
            cursor = start + old.Count;
        }

        return placed;
    }

    private static IReadOnlyList<DiffLine>? TrimTrailingEmptyContext(IReadOnlyList<DiffLine> body)
    {
        int end = body.Count;
        while (end > 0 && body[end - 1] is { Kind: DiffLineKind.Context, Text: "" })
        {
            end--;
        }

        return end == body.Count || !body.Take(end).Any(l => l.Kind != DiffLineKind.Added) ? null : body.Take(end).ToList();
    }

    private static List<string> Build(List<string> source, List<Placement> placed)
    {
        var ordered = placed.OrderBy(p => p.Start).ToList();
        var result = new List<string>(source.Count + placed.Sum(p => p.Lines.Count));
        int cursor = 0;
        foreach (var placement in ordered)
        {
            for (; cursor < placement.Start; cursor++)
            {
                result.Add(source[cursor]);
            }

            foreach (var line in placement.Lines)
            {
                switch (line.Kind)
                {
                    case DiffLineKind.Context:
                        result.Add(source[cursor++]);
                        break;
                    case DiffLineKind.Removed:
                        cursor++;
                        break;
                    default:
                        result.Add(line.Text);
                        break;
                }
            }
        }

        for (; cursor < source.Count; cursor++)
        {
            result.Add(source[cursor]);
        }

        return result;
    }

    // The file holds every chunk's new side, in order, where the chunk's old side no longer is: the patch was applied
    // before. A chunk that brings no lines proves nothing, so at least one chunk must add lines.
    private static bool IsAlreadyApplied(List<string> lines, IReadOnlyList<ContextChunk> chunks, ChunkMatchLevel loosest)
    {
        if (!chunks.Any(c => c.Lines.Any(l => l.Kind == DiffLineKind.Added)))
        {
            return false;
        }

        var matcher = new CodexLineMatcher(lines);
        int cursor = 0;
        foreach (var chunk in chunks)
        {
            foreach (string header in chunk.Headers)
            {
                var (at, _) = matcher.Seek([header], cursor, endOfFile: false, HeaderLevel(loosest));
                if (at < 0)
                {
                    return false;
                }

                cursor = at + 1;
            }

            var now = chunk.NewSide.ToList();
            var (start, _) = matcher.Seek(now, cursor, chunk.EndOfFile, loosest);
            if (start < 0)
            {
                return false;
            }

            cursor = start + now.Count;
        }

        return true;
    }

    // A "@@" header names a line (a class, a method) and models write it without the file's indentation, as Codex's own
    // instructions show; so even --strict finds it ignoring surrounding whitespace. Strictness is about the chunk's lines.
    private static ChunkMatchLevel HeaderLevel(ChunkMatchLevel loosest) =>
        loosest < ChunkMatchLevel.IgnoringWhitespace ? ChunkMatchLevel.IgnoringWhitespace : loosest;

    private static PatchException HeaderNotFound(ContextChunk chunk, string header, int cursor) =>
        new(new PatchError(ErrorCodes.AnchorNotFound, $"Chunk {chunk.Number}: the '@@ {header.Trim()}' line was not found{Below(cursor)}.")
        {
            Line = chunk.PatchLine,
            Hint = "An '@@' line names a line of the file (a class or method declaration) that comes before the chunk; copy it from the file as it is now, or drop it.",
            Context = new Dictionary<string, object?> { ["chunk"] = chunk.Number, ["header"] = header },
        });

    private static PatchException LinesNotFound(ContextChunk chunk, List<string> old, int cursor, ChunkMatchLevel loosest)
    {
        string first = old.FirstOrDefault(l => l.Trim().Length > 0) ?? old[0];
        string how = loosest == ChunkMatchLevel.Exact ? " (--strict compares lines exactly)" : ", not even ignoring whitespace and typographic punctuation";
        return new PatchException(new PatchError(ErrorCodes.Conflict,
            $"Chunk {chunk.Number}: its {old.Count} context and removed line(s), starting '{CodexEnvelope.Shorten(first.Trim())}', were not found{Below(cursor)}{(chunk.EndOfFile ? " at the end of the file" : "")}{how}.")
        {
            Line = chunk.PatchLine,
            Hint = "The file differs from what the chunk expects (changed since the patch was written, or the lines are out of order). Make the ' ' and '-' lines match the file as it is now; chunks must follow the file's order.",
            Context = new Dictionary<string, object?> { ["chunk"] = chunk.Number, ["expected"] = string.Join('\n', old) },
        });
    }

    private static string Below(int cursor) => cursor > 0 ? $" below line {cursor}" : "";
}
