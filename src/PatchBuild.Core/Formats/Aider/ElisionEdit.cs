namespace PatchBuild.Core.Formats.Aider;

/// <summary>
/// The last rung: a block that elides unchanged code with "..." lines. SEARCH and REPLACE must have the same "..."
/// lines in the same order; the pieces between them pair up, and each SEARCH piece must occur exactly once (an empty
/// SEARCH piece before a REPLACE piece appends it). The pieces apply one after another, all or nothing.
/// </summary>
internal static class ElisionEdit
{
    public enum Outcome
    {
        /// <summary>Neither side has "..." lines: the rung does not apply.</summary>
        NoElision,
        Applied,
        /// <summary>The "..." lines of SEARCH and REPLACE differ in number or text.</summary>
        Unpaired,
        /// <summary>A SEARCH piece is missing from the file or occurs more than once.</summary>
        PieceNotUnique,
    }

    public static bool IsElisionLine(string line) => line.TrimStart() == "...";

    /// <summary>Tries the pieces on a copy; the caller's lines change only when every piece applied.</summary>
    public static Outcome TryApply(List<string> file, IReadOnlyList<string> search, IReadOnlyList<string> replace, out int pieces)
    {
        var (searchPieces, searchDots) = Split(search);
        var (replacePieces, replaceDots) = Split(replace);
        pieces = searchPieces.Count;
        if (searchDots.Count == 0 && replaceDots.Count == 0)
        {
            return Outcome.NoElision;
        }

        if (!searchDots.SequenceEqual(replaceDots, StringComparer.Ordinal))
        {
            return Outcome.Unpaired;
        }

        var result = new List<string>(file);
        for (int p = 0; p < searchPieces.Count; p++)
        {
            var find = searchPieces[p];
            var put = replacePieces[p];
            if (find.Count == 0)
            {
                result.AddRange(put);
                continue;
            }

            var starts = SearchReplaceLadder.Occurrences(result, find);
            if (starts.Count != 1)
            {
                return Outcome.PieceNotUnique;
            }

            result.RemoveRange(starts[0], find.Count);
            result.InsertRange(starts[0], put);
        }

        file.Clear();
        file.AddRange(result);
        return Outcome.Applied;
    }

    private static (List<List<string>> Pieces, List<string> Dots) Split(IReadOnlyList<string> lines)
    {
        var pieces = new List<List<string>> { new() };
        var dots = new List<string>();
        foreach (string line in lines)
        {
            if (IsElisionLine(line))
            {
                dots.Add(line);
                pieces.Add([]);
            }
            else
            {
                pieces[^1].Add(line);
            }
        }

        return (pieces, dots);
    }
}
