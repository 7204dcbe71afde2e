using PatchBuild.Core.Matching;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// What the ap applier remembers while one patch edits one file: the index of the text as the patch found it, the
/// edits so far (which also tell which text this patch already touched), and how often each locator was used.
/// The file's text is written once, when its last modification is done.
/// </summary>
internal sealed class ApApplierState
{
    private readonly Dictionary<int, int> _patchLineOf = [];
    private readonly Dictionary<string, int> _locatorTotals = new(StringComparer.Ordinal);
    private TextDocument? _source;
    private SourceLines? _lines;
    private bool _released;

    public LineEditBuffer Buffer { get; private set; } = null!;

    public LocatorResolver Resolver { get; private set; } = null!;

    public void Attach(FileEditContext context, LocatorModification modification)
    {
        if (_source is null)
        {
            CountLocators(context.Patch, modification);
            Build(context.Document);
            context.OnFinished(() => Finish(context));
            return;
        }

        if (_released)
        {
            _released = false;
            Build(context.Document);
            context.OnFinished(() => Finish(context));
            return;
        }

        if (!ReferenceEquals(_source, context.Document))
        {
            // Partial mode hands back a copy of the text from before a failed modification; the edits live here,
            // so a copy of the same size is the same text. Anything else was changed behind our back: start over.
            if (context.Document.LineCount == _source.LineCount)
            {
                _source = context.Document;
            }
            else
            {
                Build(context.Document);
            }
        }
    }

    /// <summary>
    /// Sequential cursoring (spec 3.2): the original line at which the previous modification's change ended. Written
    /// text never matches (it is not in the index), so a line number of the original text is all the cursor needs.
    /// </summary>
    public int Cursor { get; set; }

    /// <summary>Another modification of this file gives the same locator: the documented way to address N identical blocks in order.</summary>
    public bool IsRepeated(LocatorModification modification) => _locatorTotals.GetValueOrDefault(LocatorKey(modification)) > 1;

    public static string LocatorKey(LocatorModification modification) =>
        string.Join("\n", LocatorText.SplitNormalized(modification.Anchor ?? "")) + "\u0001"
        + string.Join("\n", LocatorText.SplitNormalized(modification.Snippet ?? "")) + "\u0001"
        + string.Join("\n", LocatorText.SplitNormalized(modification.SnippetTail ?? ""));

    private void Build(TextDocument document)
    {
        _source = document;
        Cursor = 0;
        _lines = SourceLines.Of(document);
        Buffer = new LineEditBuffer(_lines);
        Resolver = new LocatorResolver(new LineIndex(_lines), Buffer, Describe);
    }

    private string Describe(int number) =>
        _patchLineOf.TryGetValue(number, out int line) && line > 0 ? $"modification {number} (patch line {line})" : $"modification {number}";

    private void CountLocators(PatchSet patch, LocatorModification modification)
    {
        var siblings = patch.Files
            .FirstOrDefault(f => f.Modifications.Any(m => ReferenceEquals(m, modification)))?.Modifications
            ?? [modification];
        foreach (var sibling in siblings)
        {
            _patchLineOf[sibling.Number] = sibling.PatchLine;
            if (sibling is LocatorModification locator)
            {
                string key = LocatorKey(locator);
                _locatorTotals[key] = _locatorTotals.GetValueOrDefault(key) + 1;
            }
        }
    }

    private void Finish(FileEditContext context)
    {
        if (_source is null || _released)
        {
            return;
        }

        if (Buffer.Changed)
        {
            TakeText(context);
        }

        Release();
    }

    private void TakeText(FileEditContext context)
    {
        if (Buffer.BracketDelta != 0)
        {
            context.Warn("BRACKET_BALANCE",
                $"Bracket balance off by {Buffer.BracketDelta.ToString("+0;-0", System.Globalization.CultureInfo.InvariantCulture)} after this patch: the edits open and close a different number of brackets. Check that every block they open is closed.");
        }

        // Written straight to bytes from the original text where the result reads back as the same lines; a list of
        // strings (one per line of the file) otherwise. Both give the same document and the same bytes.
        var source = _source!;
        var encoding = source.HasBom ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
        context.Document = !source.Encoding.IsUtf16 && Buffer.TryEncode(encoding, source.Newline, out int lineCount) is { } bytes
            ? TextDocument.FromOwnBytes(bytes, encoding, source.Newline, lineCount)
            : new TextDocument(Buffer.Materialize(), source.Newline, endsWithNewline: true, source.HasBom);
    }

    // The file's text is taken: the index, the edit buffer and the line spans go back to the pool for the next file.
    // (A buffer left behind by a rebuild in partial mode is simply collected.) Should this file be attached again,
    // Attach builds anew rather than read arrays another file may own by then.
    private void Release()
    {
        Resolver.Index.Release();
        Buffer.Release();
        _lines?.Release();
        _released = true;
    }
}
