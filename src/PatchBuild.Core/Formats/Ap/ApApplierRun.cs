using PatchBuild.Core.Matching;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// One locator modification, start to end: check it makes sense, find its region, decide whether the file already
/// holds its result (idempotency), then record the edit. Everything that can fail happens before the edit, so a
/// failing modification leaves the file's state untouched.
/// </summary>
internal sealed partial class ApApplierRun
{
    private readonly LocatorModification _mod;
    private readonly ApApplierState _state;
    private readonly FileEditContext _context;
    private readonly LineEditBuffer _buffer;
    private readonly LocatorResolver _resolver;
    private readonly LocatorText _snippet;
    private readonly LocatorText? _anchor;
    private LocatorText? _tail;
    private readonly List<string> _content;
    private readonly List<string> _contentKey;

    public ApApplierRun(LocatorModification modification, ApApplierState state, FileEditContext context)
    {
        _mod = modification;
        _state = state;
        _context = context;
        _buffer = state.Buffer;
        _resolver = state.Resolver;
        _snippet = LocatorText.Parse(modification.Snippet ?? "");
        _anchor = string.IsNullOrWhiteSpace(modification.Anchor) ? null : LocatorText.Parse(modification.Anchor);
        _tail = string.IsNullOrWhiteSpace(modification.SnippetTail) ? null : LocatorText.Parse(modification.SnippetTail);
        _content = TrimBlankEdges(LocatorText.SplitLines(modification.Content ?? ""));
        _contentKey = LocatorText.SplitNormalized(modification.Content ?? "");
    }

    private bool Strict => _context.Options.Strict;

    public ModificationOutcome Apply()
    {
        Validate();
        return _mod.Action switch
        {
            LocatorAction.Replace => Replace(),
            LocatorAction.InsertAfter => InsertAfter(),
            LocatorAction.InsertBefore => InsertBefore(),
            LocatorAction.Delete => Delete(),
            _ => throw Invalid($"Unknown action {_mod.Action}.", "Use REPLACE, INSERT_AFTER, INSERT_BEFORE or DELETE."),
        };
    }

    private ModificationOutcome Replace()
    {
        ApRegion region;
        try
        {
            region = Locate();
        }
        catch (PatchException ex) when (ContentAlreadyThere(ex.Error))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the snippet is gone and the content is already in place");
        }

        _state.Cursor = region.Last + 1;
        if (ContentSurroundsRegion(region))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the content is already at the snippet's place");
        }

        var lines = Indentation.Adapt(_content, Reindent(Indentation.Of(_buffer[region.SnippetFirst])));
        _buffer.Replace(region.First, region.Last, new WrittenBlock(lines, _mod.Number), _mod.Number);
        return ModificationOutcome.Applied();
    }

    // Both inserts begin alike: a file boundary needs no locating, and a vanished snippet whose content is already in
    // place means the insert was applied before.
    private ModificationOutcome? LocateInsertion(out ApRegion region)
    {
        region = default!;
        if (_snippet.IsFileBoundary)
        {
            return InsertAtBoundary(_snippet.IsStartOfFile);
        }

        try
        {
            region = Locate();
            return null;
        }
        catch (PatchException ex) when (ContentAlreadyThere(ex.Error))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the snippet is gone and the content is already in place");
        }
    }

    private ModificationOutcome InsertAfter()
    {
        if (LocateInsertion(out var region) is { } done)
        {
            return done;
        }

        int after = region.Last;
        bool moved = false;
        string header = _buffer[after];
        string target = IndentationAfter(after);
        if (ApDeclarations.OpensBlock(header) && MisplaceableDeclaration() is { } first
            && BlockFinder.FindEnd(FromLine(after), 1) is { Line: >= 0 } end && end.Line != after)
        {
            ReportMovedDeclaration(first, after, $"after the end of that block (line {end.Line + 1})",
                "Insert after the block's last line (its closing brace or last statement) with 'scope_end 1', or indent the content if it belongs inside.");
            target = Indentation.Of(header);
            after = end.Line;
            moved = true;
        }

        if (Starts(_buffer.Forward(after + 1), _contentKey))
        {
            _state.Cursor = EndOfCopyAfter(after);
            return ModificationOutcome.AlreadyApplied("already applied: the content already follows the snippet");
        }

        var lines = Indentation.Adapt(_content, Reindent(target));
        if (moved && _buffer[after].Trim().Length > 0)
        {
            // Top-level declarations are separated by a blank line; the content lost its own when it was trimmed.
            lines.Insert(0, "");
        }

        _buffer.InsertAfter(after, new WrittenBlock(lines, _mod.Number));
        _state.Cursor = after + 1;
        return ModificationOutcome.Applied();
    }

    /// <summary>The original line just after the copy of the content that already follows line <paramref name="after"/>.</summary>
    private int EndOfCopyAfter(int after)
    {
        int seen = 0;
        foreach (var line in _buffer.Forward(after + 1))
        {
            if (line.Text.Trim().Length > 0 && ++seen == _contentKey.Count)
            {
                return line.Line >= 0 ? line.Line + 1 : after + 1;
            }
        }

        return after + 1;
    }

    private ModificationOutcome InsertBefore()
    {
        if (LocateInsertion(out var region) is { } done)
        {
            return done;
        }

        int before = region.First;
        string target = IndentationBefore(region.SnippetFirst);
        bool moved = false;
        if (MisplaceableDeclaration() is { } first && TopLevelBlockHeader(region.SnippetFirst) is { } header)
        {
            before = DeclarationStart(header);
            ReportMovedDeclaration(first, header, $"before the start of that block (line {before + 1})",
                "Insert before the enclosing declaration's first line (its header, or the attributes and comments above it), or indent the content if it belongs inside.");
            target = Indentation.Of(_buffer[header]);
            moved = true;
        }

        _state.Cursor = before;
        if (Ends(_buffer.Backward(before), _contentKey))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the content already precedes the snippet");
        }

        var lines = Indentation.Adapt(_content, Reindent(target));
        if (moved)
        {
            // Top-level declarations are separated by blank lines; the content lost its own when it was trimmed.
            lines.Add("");
            if (_buffer.Backward(before).FirstOrDefault() is { Text: { } previous } && previous.Trim().Length > 0 && !ApDeclarations.OpensBlock(previous))
            {
                lines.Insert(0, "");
            }
        }

        _buffer.InsertBefore(before, new WrittenBlock(lines, _mod.Number));
        return ModificationOutcome.Applied();
    }

    private ModificationOutcome InsertAtBoundary(bool start)
    {
        var block = new WrittenBlock(Indentation.Adapt(_content, ""), _mod.Number);
        if (start)
        {
            if (Starts(_buffer.Forward(0), _contentKey))
            {
                return ModificationOutcome.AlreadyApplied("already applied: the file already starts with the content");
            }

            _buffer.InsertAfter(-1, block);
        }
        else
        {
            if (Ends(_buffer.Backward(_buffer.Count), _contentKey))
            {
                return ModificationOutcome.AlreadyApplied("already applied: the file already ends with the content");
            }

            _buffer.InsertBefore(_buffer.Count, block);
            _state.Cursor = _buffer.Count;
        }

        return ModificationOutcome.Applied();
    }

    private ModificationOutcome Delete()
    {
        ApRegion region;
        try
        {
            region = Locate();
        }
        catch (PatchException ex) when (ex.Error.Code is ErrorCodes.SnippetNotFound or ErrorCodes.AnchorNotFound
            && !ex.Error.Context.ContainsKey("aboveCursorLine"))
        {
            return NothingToDelete(ex.Error);
        }

        _buffer.Replace(region.First, region.Last, null, _mod.Number);
        _state.Cursor = region.Last + 1;
        return ModificationOutcome.Applied();
    }

    /// <summary>
    /// The spec (3.1) skips a DELETE whose snippet is gone as already applied. That is only known when this patch is
    /// recorded in the history as applied; otherwise the code may never have been there (a hallucinated "remove the
    /// insecure helper"), which the user must see: a warning with the closest lines, and an error under --strict.
    /// </summary>
    private ModificationOutcome NothingToDelete(PatchError notFound)
    {
        string text = _context.Patch.Text;
        if (text.Length > 0 && _context.Options.PatchRecordedAsApplied is { } recorded && recorded(ContentHash.OfText(text)))
        {
            return ModificationOutcome.AlreadyApplied("already applied: the snippet is gone and the history records this patch as applied");
        }

        string closest = notFound.Context.TryGetValue("nearMatches", out var near) && near is IReadOnlyList<NearMatch> { Count: > 0 } matches
            ? " Closest lines: " + string.Join("; ", matches.Take(3).Select(m => $"line {m.Line} '{Shorten(m.Text.Trim())}'")) + "."
            : "";
        string message = $"Modification {_mod.Number}: DELETE found nothing to delete: {LocatorResolver.Quote(_snippet)} is not in the file, and no record says this patch was applied before.{closest}";
        if (Strict)
        {
            throw new PatchException(new PatchError(ErrorCodes.NothingToDelete, message)
            {
                Line = _mod.SnippetLine ?? _mod.PatchLine,
                Hint = "Check that the code to delete really exists (copy the snippet from the file); if it was already removed by hand, drop this modification.",
                Context = notFound.Context,
            });
        }

        _context.Warn(ErrorCodes.NothingToDelete, message, _mod.SnippetLine ?? _mod.PatchLine);
        return ModificationOutcome.AlreadyApplied("nothing to delete: the snippet is not in the file");
    }

    /// <summary>Finds the modification's region: the locator, then scope_end, then the blank-line options.</summary>
    private ApRegion Locate()
    {
        var found = _resolver.Resolve(new LocatorRequest(_snippet)
        {
            Anchor = _anchor,
            Tail = _tail,
            Repeated = _state.IsRepeated(_mod),
            Cursor = _state.Cursor,
            AllowReversedRange = !Strict,
            AllowAboveCursor = !Strict,
            FromStartOfFile = _snippet.IsStartOfFile && _tail is not null,
            SnippetLine = _mod.SnippetLine ?? _mod.PatchLine,
            AnchorLine = _mod.AnchorLine ?? _mod.PatchLine,
            TailLine = _mod.SnippetTailLine ?? _mod.PatchLine,
        });

        if (found.Decorated)
        {
            if (Strict)
            {
                throw new PatchException(new PatchError(ErrorCodes.SnippetNotFound,
                    $"Snippet {LocatorResolver.Quote(_snippet)} matches line {found.First + 1} only after ignoring list, comment or diff decoration ('{Shorten(_buffer[found.First].Trim())}'); strict mode refuses that.")
                {
                    Line = _mod.SnippetLine ?? _mod.PatchLine,
                    Hint = "Copy the line exactly as the file has it, including any leading '- ', '//', '#' or number, or run without --strict.",
                    Context = new Dictionary<string, object?> { ["decoratedMatchLine"] = found.First + 1 },
                });
            }

            _context.Warn("DECORATED_LOCATOR",
                $"Modification {_mod.Number}: the locator's first line matched line {found.First + 1} only after ignoring decoration (bullets, list numbers, comment or diff markers).",
                _mod.SnippetLine ?? _mod.PatchLine);
        }

        if (found.AboveCursor)
        {
            _context.Warn("OUT_OF_ORDER",
                $"Modification {_mod.Number}: its locator lies above the change of the modification before it (line {found.First + 1}); modifications should go top to bottom. It was applied there; --strict refuses this.",
                _mod.SnippetLine ?? _mod.PatchLine);
        }

        if (found.Reversed)
        {
            _context.Warn("RANGE_REVERSED",
                $"Modification {_mod.Number}: snippet_tail occurs only above the snippet; the range from line {found.First + 1} to line {found.Last + 1} was used.",
                _mod.SnippetTailLine ?? _mod.PatchLine);
        }

        int first = found.First, last = found.Last;
        if (_mod.ScopeEnd)
        {
            var end = BlockFinder.FindEnd(FromLine(found.First), found.SnippetLast - found.First + 1, out bool byIndentation);
            if (end is { Line: >= 0 } closed && closed.Line <= found.SnippetLast)
            {
                // The snippet opens no block (spec 2.5: ignore scope_end with a warning).
                _context.Warn("SCOPE_END_IGNORED",
                    $"Modification {_mod.Number}: scope_end is ignored: the snippet at line {found.First + 1} does not open a block.",
                    _mod.SnippetLine ?? _mod.PatchLine);
            }
            else if (end is null)
            {
                throw Invalid($"scope_end: the block opened by the snippet at line {found.First + 1} never closes.",
                    "Check the file's brackets near the snippet, or use snippet_tail to mark the end of the range.");
            }

            if (end.Value.Line < 0)
            {
                throw Invalid($"scope_end: the block opened at line {found.First + 1} ends in text an earlier modification of this patch wrote.",
                    "Use snippet_tail to mark the end, or fold the earlier modification into this one.");
            }

            else
            {
                last = Math.Max(last, end.Value.Line);
                if (byIndentation && _mod.Action == LocatorAction.Delete)
                {
                    // A deleted indented block takes the blank lines up to the next line at its header's level with it
                    // (as the reference counts the block); a replaced or followed one keeps them as separation.
                    last = ExpandOverBlankLines(_buffer.Forward(last + 1), last, int.MaxValue);
                }
            }
        }

        first = ExpandOverBlankLines(_buffer.Backward(first), first, _mod.IncludeLeadingBlankLines);
        last = ExpandOverBlankLines(_buffer.Forward(last + 1), last, _mod.IncludeTrailingBlankLines);
        return new ApRegion(first, last, found.First, found.AnchorFirst);
    }

    private static int ExpandOverBlankLines(IEnumerable<CurrentLine> outward, int edge, int limit)
    {
        if (limit <= 0)
        {
            return edge;
        }

        int taken = 0;
        foreach (var line in outward)
        {
            if (taken >= limit || line.Line < 0 || line.Text.Trim().Length > 0)
            {
                break;
            }

            edge = line.Line;
            taken++;
        }

        return edge;
    }

    /// <summary>
    /// Idempotency when the locator fails: the modification's content already sits in its scope (after the anchor
    /// when there is one) — and for an ambiguous snippet, every candidate is part of such a copy of the content.
    /// </summary>
    private bool ContentAlreadyThere(PatchError error)
    {
        if (error.Code is not (ErrorCodes.SnippetNotFound or ErrorCodes.AnchorNotFound or ErrorCodes.AmbiguousMatch or ErrorCodes.SnippetTailNotFound)
            || _contentKey.Count == 0)
        {
            return false;
        }

        var hits = _resolver.Find(LocatorText.Parse(string.Join("\n", _contentKey)));
        if (hits.Decorated)
        {
            return false;
        }

        int from = _resolver.TryResolveAnchor(_anchor) ?? 0;
        var copies = hits.Starts
            .Where(s => _resolver.IsIntact(s, hits.Length))
            .Select(s => (First: _resolver.Index.OriginalLine[s] + 1, Last: _resolver.Index.OriginalLine[s + hits.Length - 1] + 1))
            .Where(c => c.First > from)
            .ToList();
        if (copies.Count == 0)
        {
            return false;
        }

        if (error.Code != ErrorCodes.AmbiguousMatch)
        {
            return true;
        }

        return error.Context.TryGetValue("candidates", out var value) && value is IEnumerable<int> candidates
            && candidates.All(line => copies.Any(c => line >= c.First && line <= c.Last));
    }

    /// <summary>
    /// True when the region's text, with its neighbours, already reads as the content: the region is a slice of the
    /// content and the rest of the content sits right around it (a REPLACE that kept the snippet and added lines).
    /// </summary>
    private bool ContentSurroundsRegion(ApRegion region)
    {
        var regionKey = new List<string>();
        foreach (var line in FromLine(region.First))
        {
            if (line.Text.Trim().Length > 0)
            {
                regionKey.Add(line.Text.Trim());
            }

            if (line.Line == region.Last || regionKey.Count > _contentKey.Count)
            {
                break;
            }
        }

        if (regionKey.Count == 0 || regionKey.Count > _contentKey.Count)
        {
            return false;
        }

        // Candidate offsets must agree on the region's first and last line; verifying a bounded number of them keeps
        // a pathological, highly repetitive content from costing content × region comparisons.
        int verified = 0;
        for (int offset = 0; offset + regionKey.Count <= _contentKey.Count && verified < 64; offset++)
        {
            if (_contentKey[offset] != regionKey[0] || _contentKey[offset + regionKey.Count - 1] != regionKey[^1])
            {
                continue;
            }

            verified++;
            if (_contentKey.Skip(offset).Take(regionKey.Count).SequenceEqual(regionKey)
                && (offset == 0 || Ends(_buffer.Backward(region.First), _contentKey.GetRange(0, offset)))
                && (offset + regionKey.Count == _contentKey.Count
                    || Starts(_buffer.Forward(region.Last + 1), _contentKey.GetRange(offset + regionKey.Count, _contentKey.Count - offset - regionKey.Count))))
            {
                return true;
            }
        }

        return false;
    }

    // Strict mode writes content exactly as given (as the reference does); the default re-indents flush content.
    private string Reindent(string target) => Strict ? "" : target;

    private IEnumerable<CurrentLine> FromLine(int line) => _buffer.Forward(line).SkipWhile(l => l.Line != line);

    private static bool Starts(IEnumerable<CurrentLine> lines, List<string> key) =>
        key.Count > 0 && lines.Select(l => l.Text.Trim()).Where(t => t.Length > 0).Take(key.Count).SequenceEqual(key);

    private static bool Ends(IEnumerable<CurrentLine> backward, List<string> key) =>
        key.Count > 0 && backward.Select(l => l.Text.Trim()).Where(t => t.Length > 0).Take(key.Count).Reverse().SequenceEqual(key);

    /// <summary>Indentation for content inserted after a line: one level deeper when that line opens a block.</summary>
    private string IndentationAfter(int line)
    {
        string text = _buffer[line];
        string own = Indentation.Of(text);
        if (!ApDeclarations.OpensBlock(text))
        {
            return own;
        }

        var next = _buffer.Forward(line + 1).FirstOrDefault(l => l.Text.Trim().Length > 0);
        return next.Text is not null && Indentation.Width(next.Text) > Indentation.Width(text)
            ? Indentation.Of(next.Text)
            : own + Indentation.Unit(own);
    }

    /// <summary>Indentation for content inserted before a line: one level deeper when that line closes a block, as
    /// content put above a closing brace belongs inside the block (mirror of <see cref="IndentationAfter"/>).</summary>
    private string IndentationBefore(int line)
    {
        string text = _buffer[line];
        string own = Indentation.Of(text);
        string trimmed = text.TrimStart();
        if (trimmed.Length == 0 || !"})]".Contains(trimmed[0]))
        {
            return own;
        }

        var previous = _buffer.Backward(line).FirstOrDefault(l => l.Text.Trim().Length > 0);
        return previous.Text is not null && Indentation.Width(previous.Text) > Indentation.Width(text)
            ? Indentation.Of(previous.Text)
            : own + Indentation.Unit(own);
    }

    private static List<string> TrimBlankEdges(List<string> lines)
    {
        int start = 0, end = lines.Count;
        while (start < end && lines[start].Trim().Length == 0)
        {
            start++;
        }

        while (end > start && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return lines.GetRange(start, end - start);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;
}

/// <summary>A resolved region in original line numbers (inclusive), and the snippet's first line for indentation.</summary>
internal sealed record ApRegion(int First, int Last, int SnippetFirst, int? AnchorFirst);
