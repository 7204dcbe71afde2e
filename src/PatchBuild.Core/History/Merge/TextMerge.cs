using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.History.Merge;

/// <summary>
/// Three-way merge of whole files as bytes: decoded as UTF-8 text, merged by lines, written back with ours' line
/// ending, final newline and byte order mark (theirs' when ours is absent).
/// </summary>
public static class TextMerge
{
    public sealed record Result(byte[] Bytes, List<MergeConflict> Conflicts)
    {
        public bool HasUnresolved => Conflicts.Any(c => c.Resolution is null);
    }

    public static Result Merge(
        byte[]? baseBytes,
        byte[]? ours,
        byte[]? theirs,
        string file,
        int firstIndex,
        MergeStrategy? strategy,
        IReadOnlyDictionary<int, MergeStrategy>? resolutions,
        string theirsName)
    {
        var baseDoc = Document(baseBytes);
        var oursDoc = Document(ours);
        var theirsDoc = Document(theirs);
        var chunks = ThreeWayMerge.Merge(baseDoc.Lines, oursDoc.Lines, theirsDoc.Lines);
        var outcome = ConflictResolver.Resolve(chunks, file, firstIndex, strategy, resolutions, theirsName);

        var shape = ours is not null ? oursDoc : theirsDoc;
        bool endsWithNewline = shape.EndsWithNewline || (ours is null && theirs is null);
        // A file that ended with a newline on both changed sides keeps it; otherwise follow ours.
        if (theirs is not null && ours is not null && theirsDoc.EndsWithNewline != oursDoc.EndsWithNewline && baseDoc.EndsWithNewline == oursDoc.EndsWithNewline)
        {
            endsWithNewline = theirsDoc.EndsWithNewline;
        }

        var merged = new TextDocument(outcome.Lines, shape.Newline, endsWithNewline && outcome.Lines.Count > 0) { Encoding = shape.Encoding };
        merged.AdoptShapeOf(shape);
        return new Result(merged.Encode(), outcome.Conflicts);
    }

    private static TextDocument Document(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return new TextDocument([], "\n", false);
        }

        var (text, encoding, _) = FileEncoding.TryDecode(bytes);
        return TextDocument.Parse(text ?? FileEncoding.Decode(bytes).Text, encoding);
    }
}
