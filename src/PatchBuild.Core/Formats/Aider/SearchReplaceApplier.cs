using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Aider;

/// <summary>
/// Applies one SEARCH/REPLACE block to the file's planned text (the result of the blocks before it): the first place
/// the matching ladder finds gets the REPLACE lines. Lines are edited without their endings; the document writes each
/// line back with the file's own ending, so CRLF and mixed files keep theirs.
/// </summary>
public sealed class SearchReplaceApplier : IModificationApplier
{
    public const string SearchNotUniqueWarning = "SEARCH_NOT_UNIQUE";

    public bool CanApply(Modification modification) => modification is SearchReplaceModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var block = (SearchReplaceModification)modification;
        var lines = context.Document.Lines;
        if (block.AppendsToFile)
        {
            return Append(block, context);
        }

        var match = SearchReplaceLadder.Find(lines, block.Search, block.Replace);
        if (match is null)
        {
            return ApplyElided(block, context);
        }

        if (match.Rung == SearchRung.Exact && AlreadyWrapsSearch(lines, block))
        {
            return ModificationOutcome.AlreadyApplied($"already applied: block {block.Number}'s REPLACE lines are already in place around its SEARCH lines");
        }

        if (match.Occurrences > 1)
        {
            RefuseOrWarnRepeated(block, match, context);
        }

        if (SameLines(lines, match.Start, match.Length, match.Replacement))
        {
            return ModificationOutcome.AlreadyApplied($"block {block.Number} changes nothing: its REPLACE lines equal its SEARCH lines");
        }

        if (match.Length == match.Replacement.Count)
        {
            // Same length: overwrite in place rather than shift the rest of a long file twice.
            for (int k = 0; k < match.Length; k++)
            {
                lines[match.Start + k] = match.Replacement[k];
            }
        }
        else
        {
            lines.RemoveRange(match.Start, match.Length);
            lines.InsertRange(match.Start, match.Replacement);
        }

        return ModificationOutcome.Applied() with { Notes = Note(block, match) };
    }

    // An empty SEARCH adds the REPLACE lines at the end: of an existing file, or of the empty text a missing file
    // starts as. A file that already ends with them got them from this block before.
    private static ModificationOutcome Append(SearchReplaceModification block, FileEditContext context)
    {
        var document = context.Document;
        var lines = document.Lines;
        if (block.Replace.Count == 0)
        {
            return ModificationOutcome.AlreadyApplied($"block {block.Number} is empty");
        }

        int start = lines.Count - block.Replace.Count;
        if (block.Replace.Any(l => !string.IsNullOrWhiteSpace(l)) && start >= 0 && SameLines(lines, start, block.Replace.Count, block.Replace))
        {
            return ModificationOutcome.AlreadyApplied($"already applied: the file already ends with block {block.Number}'s lines");
        }

        if (lines.Count == 0)
        {
            document.EndsWithNewline = true;
        }

        lines.AddRange(block.Replace);
        return ModificationOutcome.Applied();
    }

    private static ModificationOutcome ApplyElided(SearchReplaceModification block, FileEditContext context)
    {
        var lines = context.Document.Lines;
        var outcome = ElisionEdit.TryApply(lines, block.Search, block.Replace, out int pieces);
        if (outcome == ElisionEdit.Outcome.Applied)
        {
            return ModificationOutcome.Applied() with { Notes = [$"block {block.Number} matched in {pieces} pieces around its '...' lines"] };
        }

        if (IsAlreadyApplied(lines, block))
        {
            return ModificationOutcome.AlreadyApplied($"already applied: the file already holds block {block.Number}'s REPLACE lines and not its SEARCH lines");
        }

        if (outcome == ElisionEdit.Outcome.Unpaired)
        {
            throw new PatchException(new PatchError(ErrorCodes.SnippetNotFound,
                $"Block {block.Number}'s SEARCH lines were not found in '{context.Path.Relative}', and its '...' lines cannot stand for the code in between: SEARCH and REPLACE do not have the same '...' lines.")
            {
                File = context.Path.Relative,
                Line = block.SearchLine,
                Hint = "Either quote the lines in full, or put the same '...' lines, in the same order, in both SEARCH and REPLACE.",
            });
        }

        throw NotFound(block, context, elided: outcome == ElisionEdit.Outcome.PieceNotUnique);
    }

    // The REPLACE lines (when they say something) are present and the SEARCH lines are not: the block ran before.
    private static bool IsAlreadyApplied(List<string> lines, SearchReplaceModification block) =>
        block.Replace.Any(l => !string.IsNullOrWhiteSpace(l)) && SearchReplaceLadder.Occurrences(lines, block.Replace).Count > 0;

    // A block that keeps its SEARCH lines and adds around them ("insert after x") still finds them once applied:
    // it ran before when every occurrence of SEARCH sits inside an occurrence of REPLACE, where REPLACE holds it.
    private static bool AlreadyWrapsSearch(List<string> lines, SearchReplaceModification block)
    {
        if (block.Replace.Count <= block.Search.Count)
        {
            return false;
        }

        var inner = Enumerable.Range(0, block.Replace.Count - block.Search.Count + 1)
            .Where(offset => SameLines(block.Replace, offset, block.Search.Count, block.Search))
            .ToList();
        if (inner.Count == 0)
        {
            return false;
        }

        var replaceStarts = SearchReplaceLadder.Occurrences(lines, block.Replace).ToHashSet();
        return replaceStarts.Count > 0 &&
               SearchReplaceLadder.Occurrences(lines, block.Search).All(s => inner.Any(offset => replaceStarts.Contains(s - offset)));
    }

    private static void RefuseOrWarnRepeated(SearchReplaceModification block, SearchMatch match, FileEditContext context)
    {
        string where = $"'{context.Path.Relative}' holds block {block.Number}'s SEARCH lines {match.Occurrences} times";
        if (context.Options.Strict)
        {
            throw new PatchException(new PatchError(ErrorCodes.AmbiguousMatch, $"{where}; --strict refuses to guess which one is meant.")
            {
                File = context.Path.Relative,
                Line = block.SearchLine,
                Hint = "Add a few unchanged lines around the change to the SEARCH and REPLACE text so it occurs once.",
                Context = new Dictionary<string, object?> { ["occurrences"] = match.Occurrences, ["firstLine"] = match.Start + 1 },
            });
        }

        context.Warn(SearchNotUniqueWarning, $"{where}; the first one (line {match.Start + 1}) was replaced, as Aider does.", block.SearchLine);
    }

    private static PatchException NotFound(SearchReplaceModification block, FileEditContext context, bool elided)
    {
        var (hint, nearest) = Nearest(context.Document.Lines, block.Search);
        string message = elided
            ? $"Block {block.Number}'s SEARCH lines were not found in '{context.Path.Relative}': a piece between its '...' lines is missing or occurs more than once."
            : $"Block {block.Number}'s SEARCH lines were not found in '{context.Path.Relative}'.";
        return new PatchException(new PatchError(ErrorCodes.SnippetNotFound, message)
        {
            File = context.Path.Relative,
            Line = block.SearchLine,
            Hint = hint + " SEARCH must quote the file's current lines exactly (a uniform indentation shift is forgiven); earlier blocks for the same file have already changed it.",
            Context = new Dictionary<string, object?> { ["nearestLine"] = nearest },
        });
    }

    // Where the block most likely meant: the file line equal (trimmed) to the first non-blank SEARCH line from
    // which the most following lines agree, and the first line that does not.
    private static (string Hint, int? Line) Nearest(List<string> lines, IReadOnlyList<string> search)
    {
        int first = -1;
        for (int k = 0; k < search.Count && first < 0; k++)
        {
            first = string.IsNullOrWhiteSpace(search[k]) ? -1 : k;
        }

        if (first < 0)
        {
            return ("", null);
        }

        string head = search[first].Trim();
        int bestStart = -1, bestAgree = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (!string.Equals(lines[i].Trim(), head, StringComparison.Ordinal))
            {
                continue;
            }

            int agree = 1;
            while (first + agree < search.Count && i + agree < lines.Count &&
                   string.Equals(lines[i + agree].Trim(), search[first + agree].Trim(), StringComparison.Ordinal))
            {
                agree++;
            }

            if (agree > bestAgree)
            {
                (bestStart, bestAgree) = (i, agree);
            }
        }

        if (bestStart < 0)
        {
            return ($"No line of the file reads '{Shorten(head)}' (the first SEARCH line).", null);
        }

        int differs = first + bestAgree;
        if (differs >= search.Count)
        {
            return ($"Line {bestStart + 1} starts the SEARCH lines with other spacing or indentation.", bestStart + 1);
        }

        string found = bestStart + bestAgree < lines.Count ? $"'{Shorten(lines[bestStart + bestAgree].Trim())}'" : "the end of the file";
        return ($"The closest place is line {bestStart + 1}, but at line {bestStart + bestAgree + 1} the file has {found} where SEARCH has '{Shorten(search[differs].Trim())}'.", bestStart + 1);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static bool SameLines(IReadOnlyList<string> lines, int start, int count, IReadOnlyList<string> expected)
    {
        if (count != expected.Count || start < 0 || start + count > lines.Count)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            if (!string.Equals(lines[start + k], expected[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Note(SearchReplaceModification block, SearchMatch match) => match.Rung switch
    {
        SearchRung.IndentationOffset => [$"block {block.Number} matched at line {match.Start + 1} with its indentation shifted; REPLACE was shifted alike"],
        SearchRung.BlankFirstLineDropped => [$"block {block.Number} matched at line {match.Start + 1} without its blank first SEARCH line"],
        SearchRung.BlankFirstLineDroppedWithIndentationOffset => [$"block {block.Number} matched at line {match.Start + 1} without its blank first SEARCH line and with its indentation shifted"],
        _ => [],
    };
}
