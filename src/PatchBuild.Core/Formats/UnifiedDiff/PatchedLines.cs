using PatchBuild.Core.Matching;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// A file after its hunks, as runs of its own lines and of the hunks' new lines, in order. Nothing is copied until
/// the result is needed: a plain UTF-8 file is then written straight to bytes from those runs (no string per line),
/// and anything else is made into a list of lines as before.
/// </summary>
internal sealed class PatchedLines
{
    private readonly SourceLines _source;
    private readonly List<Run> _runs = [];

    public PatchedLines(SourceLines source, bool endsWithNewline)
    {
        _source = source;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>Lines [From, To) of the file (Written null) or of a hunk's new side.</summary>
    private readonly record struct Run(ReadOnlyMemory<char>[]? Written, int From, int To);

    public int Count { get; private set; }

    public bool EndsWithNewline { get; set; }

    public void AddSource(int from, int to) => Add(new Run(null, from, to));

    public void AddWritten(ReadOnlyMemory<char>[] lines, int from, int to) => Add(new Run(lines, from, to));

    private void Add(Run run)
    {
        if (run.To > run.From)
        {
            _runs.Add(run);
            Count += run.To - run.From;
        }
    }

    /// <summary>True when the result has exactly the file's lines (and its final newline).</summary>
    public bool SameAs(SourceLines source, bool endsWithNewline)
    {
        if (Count != source.Count || EndsWithNewline != endsWithNewline)
        {
            return false;
        }

        int line = 0;
        foreach (var run in _runs)
        {
            for (int i = run.From; i < run.To; i++, line++)
            {
                if (!Span(run, i).SequenceEqual(source.Span(line)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public List<string> Materialize()
    {
        var lines = new List<string>(Count);
        foreach (var run in _runs)
        {
            for (int i = run.From; i < run.To; i++)
            {
                lines.Add(run.Written is { } written ? written[i].ToString() : _source[i]);
            }
        }

        return lines;
    }

    /// <summary>
    /// The result as UTF-8 bytes with "\n" after every line, or null where those bytes could read back as other
    /// lines or another document: a written line holding a CR or a surrogate (escaped bytes included), no final
    /// newline, an empty result, or an encoding other than UTF-8 without a byte order mark.
    /// </summary>
    public byte[]? TryEncode(FileEncoding encoding)
    {
        if (!ReferenceEquals(encoding, FileEncoding.Utf8) || !EndsWithNewline || Count == 0)
        {
            return null;
        }

        long length = 0;
        foreach (var run in _runs)
        {
            for (int i = run.From; i < run.To; i++)
            {
                var line = Span(run, i);
                if (run.Written is not null && (line.IndexOfAny('\r', '\n') >= 0 || line.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0))
                {
                    return null;
                }

                length += encoding.ByteCount(line) + 1;
            }
        }

        if (length > Array.MaxLength)
        {
            return null;
        }

        var bytes = FileBuffers.Allocate(length);
        int at = 0;
        foreach (var run in _runs)
        {
            for (int i = run.From; i < run.To; i++)
            {
                at += encoding.Write(Span(run, i), bytes.AsSpan(at));
                bytes[at++] = (byte)'\n';
            }
        }

        return FileBuffers.Filled(bytes, at);
    }

    private ReadOnlySpan<char> Span(Run run, int i) => run.Written is { } written ? written[i].Span : _source.Span(i);
}
