using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PatchBuild.Core.Formats.JsonPatch.Yaml;

/// <summary>
/// What the YAML emitter should imitate, read from the parser's events before the document is loaded: the
/// indentation width, whether block sequences are indented under their key, whether the first document opens
/// with an explicit "---", and the comment block at the top of the file. The same pass enforces the nesting
/// limit, so a hostile document is refused before any recursive code sees it.
/// </summary>
internal sealed record YamlLayout(int Indent, bool IndentedSequences, bool ExplicitStart, string Header, string Trailer)
{
    public const int MaxDepth = 256;

    /// <exception cref="YamlException">The text is not YAML, or nests deeper than <see cref="MaxDepth"/>.</exception>
    public static YamlLayout Read(string text)
    {
        int? indent = null;
        bool? indentedSequences = null;
        bool? explicitStart = null;
        var keyColumns = new Stack<long>();
        var inMapping = new Stack<bool>();
        var expectingKey = new Stack<bool>();
        long lastKeyColumn = 0;
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case DocumentStart start:
                    explicitStart ??= !start.IsImplicit;
                    break;

                case MappingStart mapping:
                    Enter(mapping.Style == MappingStyle.Block, isMapping: true, mapping.Start.Column);
                    break;

                case SequenceStart sequence:
                    Enter(sequence.Style == SequenceStyle.Block, isMapping: false, sequence.Start.Column);
                    break;

                case MappingEnd or SequenceEnd:
                    inMapping.Pop();
                    expectingKey.Pop();
                    lastKeyColumn = keyColumns.Pop();
                    AfterValue();
                    break;

                case Scalar or AnchorAlias:
                    if (inMapping.Count > 0 && inMapping.Peek() && expectingKey.Peek())
                    {
                        lastKeyColumn = current.Start.Column;
                        expectingKey.Pop();
                        expectingKey.Push(false);
                    }
                    else
                    {
                        AfterValue();
                    }

                    break;
            }
        }

        return new YamlLayout(indent ?? 2, indentedSequences ?? false, explicitStart ?? false, ReadHeader(text), ReadTrailer(text));

        void Enter(bool block, bool isMapping, long column)
        {
            if (inMapping.Count >= MaxDepth)
            {
                throw new YamlException($"mappings and sequences are nested more than {MaxDepth} levels deep");
            }

            // A block collection that is the value of a block mapping's key: compare its column with the key's.
            if (block && inMapping.Count > 0 && inMapping.Peek() && !expectingKey.Peek())
            {
                long delta = column - lastKeyColumn;
                if (isMapping && delta > 0)
                {
                    indent ??= (int)Math.Clamp(delta, 2, 9);
                }
                else if (!isMapping)
                {
                    indentedSequences ??= delta > 0;
                }
            }

            inMapping.Push(isMapping);
            expectingKey.Push(true);
            keyColumns.Push(lastKeyColumn);
        }

        void AfterValue()
        {
            if (inMapping.Count > 0 && inMapping.Peek())
            {
                expectingKey.Pop();
                expectingKey.Push(true);
            }
        }
    }

    // Comment lines (at column 0) that close the file survive too; comments between entries do not.
    private static string ReadTrailer(string text)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        int first = lines.Length;
        while (first > 0 && (lines[first - 1].Length == 0 || lines[first - 1][0] == '#'))
        {
            first--;
        }

        return first == lines.Length || first == 0 ? "" : string.Join("\n", lines[first..]) + "\n";
    }

    // The comment lines that open the file (a licence, a "# yaml-language-server" line) survive the re-emit.
    private static string ReadHeader(string text)
    {
        int end = 0;
        int position = 0;
        while (position < text.Length)
        {
            int lineEnd = text.IndexOf('\n', position);
            int next = lineEnd < 0 ? text.Length : lineEnd + 1;
            var line = text.AsSpan(position, next - position).Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                break;
            }

            if (line.Length > 0)
            {
                end = next;
            }

            position = next;
        }

        return text[..end];
    }
}
