using PatchBuild.Core.Model;

namespace PatchBuild.Core.Matching;

/// <summary>Where a locator landed, in original line numbers (0-based, inclusive): the snippet (through its tail).</summary>
internal sealed record LocatedRegion(int First, int Last, int SnippetLast, bool Decorated, int? AnchorFirst)
{
    /// <summary>The snippet_tail was found above the snippet and the range was turned around.</summary>
    public bool Reversed { get; init; }

    /// <summary>The locator was found only above the previous modification's change (tolerant mode).</summary>
    public bool AboveCursor { get; init; }
}

/// <summary>What to find: the locator values of one modification, and where they are in the patch.</summary>
internal sealed record LocatorRequest(LocatorText Snippet)
{
    public LocatorText? Anchor { get; init; }
    public LocatorText? Tail { get; init; }

    /// <summary>Other modifications of the file repeat this locator: it walks identical blocks in order (first match wins).</summary>
    public bool Repeated { get; init; }

    /// <summary>Sequential cursoring (spec 3.2): the original line where the previous modification's change ended;
    /// the snippet must start at or after it.</summary>
    public int Cursor { get; init; }

    /// <summary>Tolerant mode: a snippet_tail found only before the snippet makes a reversed range (spec 3.6).</summary>
    public bool AllowReversedRange { get; init; }

    /// <summary>
    /// Tolerant mode: a locator found only above the cursor is still used (flagged), as the reference patcher's second
    /// pass does; strict mode keeps the spec's rule that every search starts after the previous change.
    /// </summary>
    public bool AllowAboveCursor { get; init; }

    /// <summary>The snippet is '^': the range starts at the file's first line.</summary>
    public bool FromStartOfFile { get; init; }

    public int? SnippetLine { get; init; }
    public int? AnchorLine { get; init; }
    public int? TailLine { get; init; }
}

/// <summary>
/// The ap matching rules: a snippet is unique in the file, or the first match at or after its unique anchor (an
/// ambiguous anchor is settled when the snippet follows only one of its occurrences); a range ends at the first
/// tail after the snippet; text this patch already changed never matches. Repeating one locator walks identical
/// blocks in order. Failures are thrown with the facts a person needs to fix the patch.
/// </summary>
internal sealed class LocatorResolver(LineIndex index, LineEditBuffer buffer, Func<int, string> describeModification)
{
    private readonly LocatorFinder _finder = new(index);
    private NearMatchFinder? _near;

    public LineIndex Index => index;

    public LocatorHits Find(LocatorText locator) => _finder.Find(locator);

    public bool IsIntact(int start, int length) => buffer.IsIntact(index.OriginalLine[start], index.OriginalLine[start + length - 1]);

    public LocatedRegion Resolve(LocatorRequest request)
    {
        if (request.Cursor <= 0 || !request.AllowAboveCursor)
        {
            return ResolveFromCursor(request);
        }

        PatchException fromCursor;
        try
        {
            return ResolveFromCursor(request);
        }
        catch (PatchException ex)
        {
            fromCursor = ex;
        }

        try
        {
            return ResolveFromCursor(request with { Cursor = 0 }) with { AboveCursor = true };
        }
        catch (PatchException)
        {
            // The first failure is the one that explains the patch as written.
        }

        throw fromCursor;
    }

    private LocatedRegion ResolveFromCursor(LocatorRequest request)
    {
        if (request.FromStartOfFile)
        {
            return ResolveFromStart(request);
        }

        var snippet = _finder.Find(request.Snippet);
        int start;
        int? anchorFirst = null;
        bool decorated = snippet.Decorated;
        if (request.Anchor is { } anchorText)
        {
            var anchor = _finder.Find(anchorText);
            decorated |= anchor.Decorated;
            int anchorStart = PickAnchored(request, anchor, snippet, out start);
            anchorFirst = index.OriginalLine[anchorStart];
        }
        else
        {
            start = PickUnanchored(request, snippet);
        }

        int snippetLastCompact = start + snippet.Length - 1;
        int last = index.OriginalLine[snippetLastCompact];
        if (request.Tail is { } tailText)
        {
            if (tailText.IsEndOfFile)
            {
                last = buffer.Backward(buffer.Count).Where(l => l.Line >= 0).Select(l => l.Line).DefaultIfEmpty(last).First();
            }
            else
            {
                var tail = _finder.Find(tailText);
                decorated |= tail.Decorated;
                int tailStart = tail.Starts.FirstOrDefault(t => t > snippetLastCompact && IsIntact(t, tail.Length), -1);
                if (tailStart < 0 && request.AllowReversedRange
                    && tail.Starts.LastOrDefault(t => t + tail.Length - 1 < start && IsIntact(t, tail.Length), -1) is >= 0 and int before)
                {
                    // The AI swapped start and end: the range runs from the tail (above) to the end of the snippet.
                    return new LocatedRegion(index.OriginalLine[before], last, last, decorated | tail.Decorated, anchorFirst) { Reversed = true };
                }

                if (tailStart < 0)
                {
                    throw TailNotFound(request, index.OriginalLine[start], tail, snippetLastCompact);
                }

                last = index.OriginalLine[tailStart + tail.Length - 1];
            }
        }

        return new LocatedRegion(index.OriginalLine[start], last, index.OriginalLine[snippetLastCompact], decorated, anchorFirst);
    }

    /// <summary>A range whose snippet is '^': from the file's first present line to its tail (or '$').</summary>
    private LocatedRegion ResolveFromStart(LocatorRequest request)
    {
        int first = buffer.Forward(0).Where(l => l.Line >= 0).Select(l => l.Line).DefaultIfEmpty(-1).First();
        int last = buffer.Backward(buffer.Count).Where(l => l.Line >= 0).Select(l => l.Line).DefaultIfEmpty(-1).First();
        if (first < 0)
        {
            throw NotFound(request.Snippet, request.SnippetLine, null);
        }

        if (request.Tail is { IsEndOfFile: false } tailText)
        {
            var tail = _finder.Find(tailText);
            int tailStart = tail.Starts.FirstOrDefault(t => IsIntact(t, tail.Length), -1);
            if (tailStart < 0)
            {
                throw TailNotFound(request, first, tail, -1);
            }

            last = index.OriginalLine[tailStart + tail.Length - 1];
        }

        return new LocatedRegion(first, last, first, false, null);
    }

    /// <summary>The unique intact anchor's first line, or null; used to scope "is the content already there?".</summary>
    public int? TryResolveAnchor(LocatorText? anchorText)
    {
        if (anchorText is null)
        {
            return null;
        }

        var anchor = _finder.Find(anchorText);
        var intact = anchor.Starts.Where(s => IsIntact(s, anchor.Length)).Take(2).ToList();
        return intact.Count == 1 ? index.OriginalLine[intact[0]] : null;
    }

    private int PickUnanchored(LocatorRequest request, LocatorHits snippet)
    {
        var all = snippet.Starts;
        int from = index.CompactAtOrAfter[Math.Clamp(request.Cursor, 0, index.LineCount)];
        int firstForward = LowerBound(all, from);

        // Only occurrences after the cursor are candidates (sequential cursoring); a repeated locator takes the first.
        var intact = new List<int>();
        for (int i = firstForward; i < all.Count && intact.Count < (request.Repeated ? 1 : 64); i++)
        {
            if (IsIntact(all[i], snippet.Length))
            {
                intact.Add(all[i]);
            }
        }

        if (intact.Count == 1)
        {
            return intact[0];
        }

        if (intact.Count > 1)
        {
            throw Ambiguous("snippet", request.Snippet, intact, request.SnippetLine);
        }

        if (firstForward < all.Count)
        {
            throw Consumed("snippet", request.Snippet, all[firstForward], snippet.Length, request.SnippetLine);
        }

        if (all.Count > 0 && all.Any(s => IsIntact(s, snippet.Length)))
        {
            throw AboveCursor(request, all.Last(s => IsIntact(s, snippet.Length)));
        }

        if (all.Count > 0)
        {
            throw Consumed("snippet", request.Snippet, all[0], snippet.Length, request.SnippetLine);
        }

        throw NotFound(request.Snippet, request.SnippetLine, null);
    }

    private PatchException AboveCursor(LocatorRequest request, int start)
    {
        int line = index.OriginalLine[start] + 1;
        return new PatchException(new PatchError(ErrorCodes.SnippetNotFound,
            $"Snippet not found after the previous modification (which ends before line {request.Cursor + 1}): {Quote(request.Snippet)} occurs only above it, at line {line}.")
        {
            Line = request.SnippetLine,
            Hint = "Modifications of one file apply top to bottom and each search starts where the previous change ended. Put this modification before the one that edits further down.",
            Context = new Dictionary<string, object?> { ["aboveCursorLine"] = line, ["locator"] = "snippet" },
        });
    }

    private static int LowerBound(IReadOnlyList<int> sorted, int value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private int PickAnchored(LocatorRequest request, LocatorHits anchor, LocatorHits snippet, out int start)
    {
        var anchors = anchor.Starts.Where(a => IsIntact(a, anchor.Length)).ToList();
        if (anchors.Count == 0)
        {
            if (anchor.Starts.Count > 0)
            {
                throw Consumed("anchor", request.Anchor!, anchor.Starts[0], anchor.Length, request.AnchorLine);
            }

            var (near, containing) = Near(request.Anchor!);
            throw new PatchException(new PatchError(ErrorCodes.AnchorNotFound, $"Anchor not found: {Quote(request.Anchor!)}." + FragmentNote(containing))
            {
                Line = request.AnchorLine,
                Hint = "An anchor must be whole lines copied from the file (whitespace and blank lines do not matter). Check it against the file, or drop it if the snippet alone is unique.",
                Context = new Dictionary<string, object?> { ["nearMatches"] = near, ["locator"] = "anchor" },
            });
        }

        // With several anchors, those after the cursor are preferred (the reference's rule); the snippet itself must
        // start after the cursor either way.
        int cursor = index.CompactAtOrAfter[Math.Clamp(request.Cursor, 0, index.LineCount)];
        if (anchors.Count > 1 && cursor > 0 && anchors.Where(a => a >= cursor).ToList() is { Count: > 0 } forward)
        {
            anchors = forward;
        }

        // A common snippet ("{") may occur thousands of times: only the occurrences right after each anchor are
        // checked for being intact, never the whole list.
        var chosen = new List<(int Anchor, int Snippet)>();
        for (int i = 0; i < anchors.Count; i++)
        {
            int from = Math.Max(anchors[i], cursor);
            int until = anchors.Count == 1 || i + 1 >= anchors.Count ? int.MaxValue : anchors[i + 1];
            int hit = FirstIntactAtOrAfter(snippet, from, until);
            if (hit >= 0)
            {
                chosen.Add((from, hit));
            }
        }

        if (chosen.Count == 1)
        {
            start = chosen[0].Snippet;
            return chosen[0].Anchor;
        }

        if (chosen.Count > 1)
        {
            throw Ambiguous("anchor", request.Anchor!, anchors, request.AnchorLine);
        }

        int consumed = snippet.Starts.FirstOrDefault(s => s >= anchors[0], -1);
        if (consumed >= 0)
        {
            throw Consumed("snippet", request.Snippet, consumed, snippet.Length, request.SnippetLine);
        }

        throw NotFound(request.Snippet, request.SnippetLine, index.OriginalLine[anchors[0]] + 1);
    }

    /// <summary>The first intact occurrence in [from, until) of the sorted hits, or -1.</summary>
    private int FirstIntactAtOrAfter(LocatorHits hits, int from, int until)
    {
        var starts = hits.Starts;
        int low = 0, high = starts.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (starts[middle] < from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (int i = low; i < starts.Count && starts[i] < until; i++)
        {
            if (IsIntact(starts[i], hits.Length))
            {
                return starts[i];
            }
        }

        return -1;
    }

    private PatchException NotFound(LocatorText locator, int? line, int? afterAnchorLine)
    {
        var (near, containing) = Near(locator);
        string where = afterAnchorLine is { } a ? $" after its anchor (line {a})" : "";
        string message = $"Snippet not found{where}: {Quote(locator)}." + FragmentNote(containing);
        string hint = containing is not null
            ? $"Locators are whole lines: use the whole of line {containing.Line} ('{Shorten(containing.Text)}') instead of a part of it."
            : near.Count > 0
                ? $"The closest text is at line {near[0].Line} ('{Shorten(near[0].Text)}'). Copy the lines exactly as they are in the file (whitespace and blank lines do not matter)."
                : "Copy the snippet's lines exactly as they are in the file (whitespace and blank lines do not matter); the file may have changed since the patch was made.";
        return new PatchException(new PatchError(ErrorCodes.SnippetNotFound, message)
        {
            Line = line,
            Hint = hint,
            Context = new Dictionary<string, object?>
            {
                ["nearMatches"] = near,
                ["fragmentOfLine"] = containing?.Line,
                ["locator"] = "snippet",
            },
        });
    }

    private PatchException TailNotFound(LocatorRequest request, int snippetFirst, LocatorHits tail, int snippetLastCompact)
    {
        int consumed = tail.Starts.FirstOrDefault(t => t > snippetLastCompact, -1);
        if (consumed >= 0)
        {
            return Consumed("snippet_tail", request.Tail!, consumed, tail.Length, request.TailLine);
        }

        var (near, _) = Near(request.Tail!);
        return new PatchException(new PatchError(ErrorCodes.SnippetTailNotFound,
            $"snippet_tail not found after the snippet (line {snippetFirst + 1}): {Quote(request.Tail!)}.")
        {
            Line = request.TailLine ?? request.SnippetLine,
            Hint = "The range runs from the snippet to the first snippet_tail after it. Copy the tail's lines from the file, below the snippet; do not repeat the snippet's own lines in it.",
            Context = new Dictionary<string, object?> { ["nearMatches"] = near, ["snippetLine"] = snippetFirst + 1, ["locator"] = "snippet_tail" },
        });
    }

    private PatchException Ambiguous(string kind, LocatorText locator, List<int> starts, int? line)
    {
        var lines = starts.Select(s => index.OriginalLine[s] + 1).ToList();
        string list = string.Join(", ", lines.Take(20)) + (lines.Count > 20 ? ", …" : "");
        string code = kind == "anchor" ? ErrorCodes.AmbiguousAnchor : ErrorCodes.AmbiguousMatch;
        string hint = kind == "anchor"
            ? "Make the anchor unique: use a longer anchor (for example the enclosing class and method signature) so it occurs once in the file."
            : $"Add an anchor: a unique line before the intended place (for example the signature of the enclosing method above line {lines[0]}), or extend the snippet with neighbouring lines until it is unique.";
        return new PatchException(new PatchError(code, $"The {kind} matches {lines.Count} places (lines {list}): {Quote(locator)}.")
        {
            Line = line,
            Hint = hint,
            Context = new Dictionary<string, object?> { ["candidates"] = lines, ["locator"] = kind },
        });
    }

    private PatchException Consumed(string kind, LocatorText locator, int start, int length, int? line)
    {
        int first = index.OriginalLine[start];
        int by = buffer.ToucherOf(first, index.OriginalLine[start + length - 1]);
        string who = by > 0 ? describeModification(by) : "an earlier modification";
        return new PatchException(new PatchError(ErrorCodes.LocatorConsumed,
            $"The {kind}'s match at line {first + 1} was already changed by {who} of this patch: {Quote(locator)}.")
        {
            Line = line,
            Hint = $"Modifications apply in order and never match text an earlier one removed or wrote. Merge this change into {who}, or locate it by text that {who} leaves in place.",
            Context = new Dictionary<string, object?> { ["consumedBy"] = by > 0 ? by : null, ["matchLine"] = first + 1, ["locator"] = kind },
        });
    }

    private (IReadOnlyList<NearMatch> Near, NearMatch? Containing) Near(LocatorText locator) =>
        (_near ??= new NearMatchFinder(index)).Find(locator);

    private static string FragmentNote(NearMatch? containing) => containing is null
        ? ""
        : $" It is only a fragment of line {containing.Line}; locators are whole lines.";

    internal static string Quote(LocatorText locator)
    {
        string first = locator.Lines.Count > 0 ? locator.Lines[0] : "";
        return $"'{Shorten(first)}'" + (locator.Lines.Count > 1 ? $" (+{locator.Lines.Count - 1} more line{(locator.Lines.Count > 2 ? "s" : "")})" : "");
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text;
}
