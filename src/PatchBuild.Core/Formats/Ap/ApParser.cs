using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Reads an ap 3.2 patch into the common model in one pass over its lines. A directive's value is the run of lines up to
/// the next directive, so each directive is handled when the next one (or the end) is reached.
/// </summary>
internal sealed class ApParser
{
    private static readonly HashSet<string> KnownVersions = ["3.0", "3.1", "3.2"];

    private readonly ApPatchLines _lines;
    private readonly ApDiagnostics _diagnostics;
    private readonly bool _strict;
    private readonly HashSet<string> _foreignIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FileChange> _files = [];
    private string _id = "";
    private ApFileBlock? _block;
    private int _nextNumber = 1;
    private bool _ended;
    private bool _seenFile;
    private string? _summary;
    private readonly Dictionary<string, string> _recordedBases = new(StringComparer.Ordinal);

    private ApParser(string text, string? sourcePath, ParseOptions options)
    {
        _lines = ApPatchLines.Split(text);
        _diagnostics = new ApDiagnostics(options.Strict, sourcePath);
        _strict = options.Strict;
    }

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options)
    {
        var parser = new ApParser(text, sourcePath, options);
        var files = parser.Run();
        return new PatchSet(PatchFormat.Ap, files)
        {
            SourcePath = sourcePath,
            Text = text,
            Summary = parser._summary,
            Warnings = parser._diagnostics.Warnings,
            RecordedBases = parser.RecordedBasesOfNamedFiles(files),
        };
    }

    private List<FileChange> Run()
    {
        var body = ApMarkdownFence.Locate(_lines);
        if (body.OpeningFenceIndex is int fence)
        {
            _diagnostics.Forgive(ApDeviation.MarkdownFence, fence + 1,
                "the patch is wrapped in a markdown ``` block; the fence lines and any text outside them are ignored.");
        }

        int first = FindFirstDirective(body.Start, body.End);
        ReadBeforeHeader(body.Start, first);
        int start = ReadHeader(first);
        ReadDirectives(start, body.End);
        if (!_ended)
        {
            CheckNotTruncated();
        }

        FinishBlock();
        if (_files.Count == 0)
        {
            throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, first + 1,
                "The patch names no file: it has no FILE directive.",
                "Start each file's changes with '<id> FILE' and the file's path on the next line.");
        }

        return _files;
    }

    private int FindFirstDirective(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (ApDirectiveReader.ReadAnyId(_lines[i], i) is not null)
            {
                return i;
            }
        }

        throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, start + 1,
            "This is not an ap patch: it has no '<id> AP 3.2' header and no '<id> FILE' directive.",
            "An ap patch starts with a header line such as 'e4a2f1b8 AP 3.2'; every directive line then starts with the same 8 hex digits.");
    }

    /// <summary>'#' comments before the header are the spec's place for the summary and plan; other text is forgiven prose.</summary>
    private void ReadBeforeHeader(int start, int end)
    {
        int i = start;
        while (i < end)
        {
            string line = _lines[i];
            if (ApPatchLines.IsBlank(line))
            {
                i++;
            }
            else if (ApPatchLines.IsComment(line))
            {
                int runEnd = RunEnd(i, end, ApPatchLines.IsComment);
                _summary ??= ApSummary.Read(_lines, i, runEnd);
                ReadBaseComments(i, runEnd);
                i = runEnd;
            }
            else
            {
                int runEnd = RunEnd(i, end, l => !ApPatchLines.IsComment(l) && !ApPatchLines.IsBlank(l));
                _diagnostics.Forgive(ApDeviation.StrayText, i + 1, $"{Count(runEnd - i)} of text before the patch header are ignored.");
                i = runEnd;
            }
        }
    }

    private void ReadBaseComments(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (ApBaseComment.Read(_lines[i]) is var (path, hash))
            {
                // The first record of a path wins; a later one cannot overwrite it.
                _recordedBases.TryAdd(path, hash);
            }
        }
    }

    /// <summary>Only a path the patch itself changes keeps its record: a comment cannot make apply look at other files.</summary>
    private Dictionary<string, string> RecordedBasesOfNamedFiles(List<FileChange> files)
    {
        var named = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return _recordedBases.Where(b => named.Contains(b.Key)).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal);
    }

    private int ReadHeader(int index)
    {
        var directive = ApDirectiveReader.ReadAnyId(_lines[index], index)!;
        _id = directive.Id;
        if (!ApDirectiveReader.IsHexId(_id))
        {
            _diagnostics.Forgive(ApDeviation.SemanticId, directive.Line,
                $"the patch ID '{_id}' is not 8 hexadecimal digits; it is accepted as written.");
        }

        if (directive.Keyword != ApKeyword.Header)
        {
            _diagnostics.Forgive(ApDeviation.MissingHeader, directive.Line,
                $"there is no '<id> AP 3.2' header; the ID '{_id}' is taken from the first directive, at line {directive.Line}.");
            return index;
        }

        ReportSpelling(directive);
        if (!KnownVersions.Contains(directive.Args))
        {
            string written = directive.Args.Length == 0 ? "no version" : $"version '{Shorten(directive.Args)}'";
            _diagnostics.Forgive(ApDeviation.UnknownVersion, directive.Line, $"the header gives {written}; the patch is read as version 3.2.");
        }

        return index + 1;
    }

    private void ReadDirectives(int start, int end)
    {
        ApDirectiveLine? pending = null;
        int valueStart = start;
        bool targetIsApFile = false;
        bool awaitingPath = false;
        bool inFence = false;
        CollectForeignIds(start, end);
        for (int i = start; i < end; i++)
        {
            string line = _lines[i];
            if (pending is not null && ApKeywords.IsLocatorValue(pending.Keyword) && ApPatchLines.IsFence(line))
            {
                inFence = !inFence;
            }

            // Lines with foreign IDs are content, not drift, where they are plainly an example of another patch:
            // inside a FILE block that edits an ap patch, inside a fenced block of a value, or carrying an ID that
            // some "<id> AP x.y" header of this text introduces.
            var directive = ApDirectiveReader.Read(line, i, _id, allowDrift: !targetIsApFile && !inFence);
            if (directive is { IsDrift: true } && _foreignIds.Contains(directive.Id))
            {
                directive = null;
            }

            if (directive is null)
            {
                if (awaitingPath && !ApPatchLines.IsBlank(line))
                {
                    targetIsApFile = IsApFile(line);
                    awaitingPath = false;
                }

                continue;
            }

            Dispatch(pending, valueStart, i, atEnd: false);
            pending = directive;
            valueStart = i + 1;
            inFence = false;
            if (directive.Keyword == ApKeyword.End)
            {
                ReportSpelling(directive);
                _ended = true;
                return;
            }

            if (directive.Keyword == ApKeyword.File)
            {
                string? inline = ApPathArguments.Parse(directive.Args).InlinePath;
                targetIsApFile = inline is not null && IsApFile(inline);
                awaitingPath = inline is null;
            }
        }

        Dispatch(pending, valueStart, end, atEnd: true);
    }

    /// <summary>IDs of other patches quoted in this one: any header line whose ID is not this patch's.</summary>
    private void CollectForeignIds(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (ApDirectiveReader.ReadAnyKnown(_lines[i], i) is { Keyword: ApKeyword.Header } header
                && !string.Equals(header.Id, _id, StringComparison.OrdinalIgnoreCase))
            {
                _foreignIds.Add(header.Id);
            }
        }
    }

    private static bool IsApFile(string path) => path.AsSpan().Trim().EndsWith(".ap", StringComparison.OrdinalIgnoreCase);

    /// <summary>Handles one directive together with the lines below it (<paramref name="valueStart"/>..<paramref name="valueEnd"/>).</summary>
    private void Dispatch(ApDirectiveLine? directive, int valueStart, int valueEnd, bool atEnd)
    {
        if (directive is null)
        {
            ReadLooseLines(valueStart, valueEnd, "the header");
            return;
        }

        ReportSpelling(directive);
        switch (directive.Keyword)
        {
            case ApKeyword.Unknown:
                // Skipping an unknown directive would silently drop whatever change it meant (the reference refuses too).
                throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, directive.Line,
                    $"'{Shorten(directive.Written)}' at line {directive.Line} is not an ap directive.",
                    ApDeviation.UnknownDirective.Hint, _block?.Path);

            case ApKeyword.Header:
                _diagnostics.Forgive(ApDeviation.UnknownDirective, directive.Line,
                    "a second header line is ignored.", _block?.Path);
                ReadLooseLines(valueStart, valueEnd, "the header");
                break;

            case ApKeyword.File:
                OnFile(directive, valueStart, valueEnd, atEnd);
                break;

            case ApKeyword.Rename:
                OnRename(directive, valueStart, valueEnd, atEnd);
                break;

            case ApKeyword.Snippet or ApKeyword.Anchor or ApKeyword.SnippetTail or ApKeyword.Content:
                OnValue(directive, valueStart, valueEnd, atEnd);
                break;

            case ApKeyword.IncludeLeadingBlankLines or ApKeyword.IncludeTrailingBlankLines or ApKeyword.ScopeEnd:
                RequireBlock(directive).AddOption(directive);
                ReadLooseLines(valueStart, valueEnd, directive.Canonical);
                break;

            default:
                OnAction(directive, valueStart, valueEnd);
                break;
        }
    }

    private void ReportSpelling(ApDirectiveLine directive)
    {
        if (directive.Id.AsSpan().ContainsAnyInRange('A', 'F'))
        {
            _diagnostics.Forgive(ApDeviation.IdCase, directive.Line, $"the ID '{directive.Id}' has capital letters.", _block?.Path);
        }

        if (directive.IsDrift)
        {
            _diagnostics.Forgive(ApDeviation.IdDrift, directive.Line,
                $"'{directive.Id} {directive.Written}' uses the ID '{directive.Id}', but the patch's ID is '{_id}'; it is read as a directive.", _block?.Path);
        }

        if (directive.HasWrongCase)
        {
            _diagnostics.Forgive(ApDeviation.DirectiveCase, directive.Line,
                $"'{directive.Written}' is read as '{directive.Canonical}'.", _block?.Path);
        }

        if (directive.HadTrailingColon)
        {
            _diagnostics.Forgive(ApDeviation.TrailingColon, directive.Line,
                $"'{directive.Written}:' is read as '{directive.Canonical}'.", _block?.Path);
        }
    }

    private void OnFile(ApDirectiveLine directive, int valueStart, int valueEnd, bool atEnd)
    {
        FinishBlock();
        _seenFile = true;
        var args = ApPathArguments.Parse(directive.Args);
        if (args.NewlineHasWrongCase)
        {
            _diagnostics.Forgive(ApDeviation.DirectiveCase, directive.Line,
                $"the newline mode '{args.WrittenNewline}' is read as '{args.WrittenNewline!.ToUpperInvariant()}'.");
        }

        string path = ReadPath(directive, args.InlinePath, valueStart, valueEnd, atEnd, out _);
        _block = new ApFileBlock(new ApBlockContext(_diagnostics, _lines, _id, path), directive.Line, args.Newline);
    }

    private void OnRename(ApDirectiveLine directive, int valueStart, int valueEnd, bool atEnd)
    {
        var block = RequireBlock(directive);
        string newPath = ReadPath(directive, directive.Args.Length == 0 ? null : directive.Args, valueStart, valueEnd, atEnd, out int rawEnd);
        block.StartRename(directive, newPath, rawEnd);
    }

    /// <summary>
    /// A path is written on the directive line or on the first non-blank line below it; anything further below is
    /// outside any value (comments are forgiven, other text is an error).
    /// </summary>
    private string ReadPath(ApDirectiveLine directive, string? inline, int valueStart, int valueEnd, bool atEnd, out int rawEnd)
    {
        int restStart = valueStart;
        string? path = inline?.Trim();
        rawEnd = directive.Index + 1;
        if (path is null)
        {
            var (first, _) = _lines.NonBlankRange(valueStart, valueEnd);
            if (first < valueEnd)
            {
                path = _lines[first].Trim();
                restStart = first + 1;
                rawEnd = first + 1;
            }
        }

        if (string.IsNullOrEmpty(path))
        {
            if (atEnd)
            {
                throw Truncated(directive.Line, $"The patch ends right after '{directive.Canonical}' at line {directive.Line}, before its path.");
            }

            throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, directive.Line,
                $"{directive.Canonical} at line {directive.Line} has no path.",
                $"Write the path on the line after '<id> {directive.Canonical}' (or on the same line after the word {directive.Canonical}).",
                _block?.Path);
        }

        ReadLooseLines(restStart, valueEnd, $"the path of {directive.Canonical}");
        return path;
    }

    private void OnValue(ApDirectiveLine directive, int valueStart, int valueEnd, bool atEnd)
    {
        var block = RequireBlock(directive);
        string? inline = null;
        if (directive.Args.Length > 0)
        {
            _diagnostics.Forgive(ApDeviation.InlineValue, directive.Line,
                $"text after '{directive.Canonical}' on its own line is read as the first line of its value.", block.Path);
            inline = directive.Args;
        }

        var value = ReadValue(directive, valueStart, valueEnd, inline);
        if (atEnd && value.IsBlank)
        {
            throw Truncated(directive.Line, $"The patch ends with an empty '{directive.Canonical}' at line {directive.Line} and no END line.");
        }

        block.AddValue(directive.Keyword, value, directive);
    }

    private ApValue ReadValue(ApDirectiveLine directive, int valueStart, int valueEnd, string? inline)
    {
        var (_, last) = _lines.NonBlankRange(valueStart, valueEnd);
        int rawEnd = Math.Max(last + 1, directive.Index + 1);
        return new ApValue(directive.Line, _lines.JoinTrimmed(valueStart, valueEnd, inline), rawEnd);
    }

    private void OnAction(ApDirectiveLine directive, int valueStart, int valueEnd)
    {
        if (directive.Keyword == ApKeyword.Create && (_block is null || (directive.Args.Length > 0 && ApPathArguments.Parse(directive.Args).InlinePath is not null)))
        {
            OnCreateWithPath(directive, valueStart, valueEnd);
            return;
        }

        var block = RequireBlock(directive);
        if (directive.Args.Length > 0)
        {
            throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, directive.Line,
                $"'{directive.Canonical}' at line {directive.Line} is followed by '{Shorten(directive.Args)}' on its line; action directives take no arguments.",
                $"Write '<id> {directive.Canonical}' alone, then the snippet and content under their own directives.", block.Path);
        }

        var action = ApDraftActions.From(directive.Keyword);
        block.StartAction(action, directive);
        if (action is ApDraftAction.Create or ApDraftAction.Recreate && HasText(valueStart, valueEnd))
        {
            // The spec's contextual-creation heuristic: the text right under CREATE is the file's content.
            _diagnostics.Forgive(ApDeviation.ContentWithoutDirective, directive.Line,
                $"the text below '{directive.Canonical}' is read as the file's content.", block.Path);
            block.AddValue(ApKeyword.Content, ReadValue(directive, valueStart, valueEnd, null), directive);
            return;
        }

        if (ApDraftActions.IsLocator(action) && HasText(valueStart, valueEnd))
        {
            // The AI wrote the code to find right under the action and forgot the snippet directive.
            _diagnostics.Forgive(ApDeviation.SnippetWithoutDirective, directive.Line,
                $"the text below '{directive.Canonical}' is read as its snippet.", block.Path);
            block.AddValue(ApKeyword.Snippet, ReadValue(directive, valueStart, valueEnd, null), directive);
            return;
        }

        ReadLooseLines(valueStart, valueEnd, directive.Canonical);
    }

    /// <summary>
    /// The spec's contextual creation (3.6): "CREATE path" names the new file on its own line (the text below is its
    /// content), and a CREATE before any FILE takes the path from the line below (content follows under 'content').
    /// </summary>
    private void OnCreateWithPath(ApDirectiveLine directive, int valueStart, int valueEnd)
    {
        var args = ApPathArguments.Parse(directive.Args);
        FinishBlock();
        _seenFile = true;
        string path;
        if (args.InlinePath is { } inline)
        {
            path = inline.Trim();
            _block = new ApFileBlock(new ApBlockContext(_diagnostics, _lines, _id, path), directive.Line, args.Newline);
            _block.StartAction(ApDraftAction.Create, directive);
            if (HasText(valueStart, valueEnd))
            {
                _block.AddValue(ApKeyword.Content, ReadValue(directive, valueStart, valueEnd, null), directive);
            }
        }
        else
        {
            path = ReadPath(directive, null, valueStart, valueEnd, atEnd: false, out _);
            _block = new ApFileBlock(new ApBlockContext(_diagnostics, _lines, _id, path), directive.Line, args.Newline);
            _block.StartAction(ApDraftAction.Create, directive);
        }

        _diagnostics.Warn("AP_CONTEXTUAL_CREATE", $"Line {directive.Line}: CREATE names its file '{path}' itself, without a FILE directive; it is read as FILE + CREATE.", directive.Line, path);
    }

    private bool HasText(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!ApPatchLines.IsBlank(_lines[i]) && !ApPatchLines.IsComment(_lines[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lines that belong to no value: blank is fine, '#' comments are forgiven, anything else is lost text.</summary>
    private void ReadLooseLines(int start, int end, string after)
    {
        int i = start;
        while (i < end)
        {
            string line = _lines[i];
            if (ApPatchLines.IsBlank(line))
            {
                i++;
                continue;
            }

            if (ApPatchLines.IsComment(line))
            {
                int runEnd = RunEnd(i, end, ApPatchLines.IsComment);
                _summary ??= ApSummary.Read(_lines, i, runEnd);
                _diagnostics.Forgive(ApDeviation.CommentOutsideValue, i + 1,
                    $"{Count(runEnd - i)} of '#' comment after {after} are ignored.", _block?.Path);
                i = runEnd;
                continue;
            }

            if (!_seenFile)
            {
                int runEnd = RunEnd(i, end, l => !ApPatchLines.IsComment(l) && !ApPatchLines.IsBlank(l));
                _diagnostics.Forgive(ApDeviation.StrayText, i + 1,
                    $"{Count(runEnd - i)} of text after {after}, before the first FILE, are ignored.");
                i = runEnd;
                continue;
            }

            throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, i + 1,
                $"Line {i + 1} ('{Shorten(line.Trim())}') belongs to no value: it follows {after}, which takes no lines below it.",
                "Put code under '<id> snippet', '<id> anchor', '<id> snippet_tail' or '<id> content'; a path goes either on the FILE line or below it; notes go in '#' comments before the header.",
                _block?.Path);
        }
    }

    private int RunEnd(int start, int end, Func<string, bool> belongs)
    {
        int i = start;
        while (i < end && belongs(_lines[i]))
        {
            i++;
        }

        return i;
    }

    private ApFileBlock RequireBlock(ApDirectiveLine directive) =>
        _block ?? throw _diagnostics.Error(ErrorCodes.InvalidPatchFile, directive.Line,
            $"'{directive.Canonical}' at line {directive.Line} comes before any FILE directive, so no file is named.",
            "Start the file's block with '<id> FILE' and the file's path on the next line.");

    /// <summary>
    /// An AI answer cut off mid-patch usually ends inside its last modification. Without END, a last block or
    /// modification that lacks what it needs is reported as truncated rather than run as something else
    /// (an empty REPLACE that deletes, a CREATE of a folder).
    /// </summary>
    private void CheckNotTruncated()
    {
        if (_block is null)
        {
            return;
        }

        if (_block.Drafts.Count == 0)
        {
            throw Truncated(_block.Line, $"The patch ends right after FILE '{_block.Path}' (line {_block.Line}), before any action.");
        }

        var last = _block.Drafts[^1];
        bool missingContent = ApDraftActions.NeedsContent(last.Action) && last.Content is null;
        bool bareDeleteAmongOthers = last.Action == ApDraftAction.Delete && last.IsBare && _block.Drafts.Count > 1;
        if (missingContent || bareDeleteAmongOthers)
        {
            string missing = missingContent ? "its content" : "its snippet";
            throw Truncated(last.Line, $"The patch ends inside {ApDraftActions.NameOf(last.Action)} (line {last.Line}) of '{_block.Path}', before {missing}.");
        }
    }

    private PatchException Truncated(int line, string message) =>
        _diagnostics.Error(ErrorCodes.PatchTruncated, line, $"{message} It looks cut off.",
            "Regenerate the end of the patch. A patch whose last modification is complete may end with '<id> END' to show it is whole.",
            _block?.Path);

    private void FinishBlock()
    {
        if (_block is not null)
        {
            _files.Add(_block.Build(ref _nextNumber));
            _block = null;
        }
    }

    private static string Count(int lines) => lines == 1 ? "1 line" : $"{lines} lines";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
