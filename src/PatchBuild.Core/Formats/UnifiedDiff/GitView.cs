using PatchBuild.Core.Matching;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// A file's lines as git apply sees them: split at "\n" only, so a CR before the newline (or anywhere) is content,
/// with a UTF-8 byte order mark as the first character of line 1. A file with plain LF endings and no byte order
/// mark is already that: its lines are read as they are, as spans of its text where it was parsed whole.
/// </summary>
internal sealed class GitView
{
    private const char ByteOrderMark = '\uFEFF';

    private readonly FileEncoding _encoding;
    private readonly bool _sameAsText;

    private GitView(SourceLines lines, bool endsWithNewline, FileEncoding encoding, bool sameAsText)
    {
        Lines = lines;
        EndsWithNewline = endsWithNewline;
        _encoding = encoding;
        _sameAsText = sameAsText;
    }

    public SourceLines Lines { get; }

    public bool EndsWithNewline { get; }

    /// <summary>True when comparing as text (without CRs and byte order mark) could find what comparing bytes did not.</summary>
    public bool DiffersAsText => !_sameAsText;

    public static GitView Of(TextDocument document)
    {
        bool utf8Bom = document.Encoding == FileEncoding.Utf8Bom;
        if (!document.HasOwnLineEndings && document.Newline == "\n" && !utf8Bom)
        {
            return new GitView(SourceLines.Of(document), document.EndsWithNewline, document.Encoding, sameAsText: true);
        }

        string text = document.ToString();
        var lines = new List<string>(document.LineCount);
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..end]);
            start = end + 1;
        }

        bool endsWithNewline = text.EndsWith('\n');
        if (utf8Bom)
        {
            if (lines.Count == 0)
            {
                lines.Add("");
            }

            lines[0] = ByteOrderMark + lines[0];
        }

        return new GitView(SourceLines.Of(lines), endsWithNewline, document.Encoding, sameAsText: false);
    }

    /// <summary>The document whose bytes are the result's lines joined by "\n", every line keeping exactly its bytes.</summary>
    public TextDocument ToDocument(PatchedLines result, List<PreparedHunk> hunks)
    {
        bool plain = _sameAsText && !hunks.Any(h => h.New.Lines.Any(l => l.Span.Contains('\r') || l.Span.StartsWith(ByteOrderMark)));
        if (plain)
        {
            // Both give the same document and the same bytes; the first makes no string per line.
            return result.TryEncode(_encoding) is { } bytes
                ? TextDocument.FromOwnBytes(bytes, _encoding, "\n", result.Count)
                : new TextDocument(result.Materialize(), "\n", result.EndsWithNewline) { Encoding = _encoding };
        }

        bool endsWithNewline = result.EndsWithNewline;
        string text = string.Join('\n', result.Materialize()) + (endsWithNewline ? "\n" : "");
        var encoding = _encoding;
        if (!encoding.IsUtf16)
        {
            // The byte order mark is what line 1 starts with: a hunk may have added or removed it.
            bool bom = text.StartsWith(ByteOrderMark);
            encoding = bom ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
            text = bom ? text[1..] : text;
        }

        return TextDocument.ParseExact(text, encoding);
    }
}
