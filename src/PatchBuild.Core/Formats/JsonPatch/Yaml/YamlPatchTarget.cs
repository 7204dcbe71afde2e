using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PatchBuild.Core.Formats.JsonPatch.Yaml;

/// <summary>
/// Applies RFC 6902 operations to a YAML file (.yml, .yaml, .msh) through YamlDotNet's representation model,
/// then writes it out again. Pointers address the first document. Values, key order, scalar styles, flow and block
/// styles and anchors survive; comments inside the document and original line breaks of folded scalars do not
/// (docs/formats/patch-json.md lists exactly what is kept).
/// </summary>
internal sealed class YamlPatchTarget : IJsonPatchTarget
{
    private readonly YamlStream _stream = new();
    private readonly YamlLayout _layout;
    private readonly string _newline;

    /// <exception cref="YamlException">The text is not YAML, or nests too deep.</exception>
    public YamlPatchTarget(string text, string newline)
    {
        try
        {
            _layout = YamlLayout.Read(text);
            _stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            // YamlDotNet reports some malformed input with these instead of a YamlException.
            throw new YamlException(ex.Message);
        }

        if (_stream.Documents.Count == 0)
        {
            throw new YamlException("the file holds no YAML document");
        }

        _newline = newline;
    }

    private YamlNode Root => _stream.Documents[0].RootNode;

    public void Add(JsonPointer path, JsonElement value) => Add(path, parent => YamlValues.FromJson(value, IsFlow(parent)));

    public void Remove(JsonPointer path)
    {
        if (path.IsRoot)
        {
            throw PointerFailures.RemoveRoot();
        }

        var (parent, _) = Find(path.Parent);
        Detach(path, parent);
    }

    public void Replace(JsonPointer path, JsonElement value)
    {
        Find(path);
        if (path.IsRoot)
        {
            SetRoot(YamlValues.FromJson(value, flow: false));
            return;
        }

        var (parent, _) = Find(path.Parent);
        Set(parent, path, YamlValues.FromJson(value, IsFlow(parent)));
    }

    public void Move(JsonPointer from, JsonPointer path)
    {
        var (node, _) = Find(from);
        if (from.Text == path.Text)
        {
            return;
        }

        if (path.IsProperChildOf(from))
        {
            throw PointerFailures.MoveIntoItself(from, path);
        }

        if (from.IsRoot)
        {
            throw PointerFailures.RemoveRoot();
        }

        Detach(from, Find(from.Parent).Node);
        Add(path, _ => node);
    }

    public void Copy(JsonPointer from, JsonPointer path)
    {
        var (node, _) = Find(from);
        var copy = YamlValues.DeepClone(node);
        Add(path, _ => copy);
    }

    public string? Test(JsonPointer path, JsonElement expected)
    {
        var (node, _) = Find(path);
        var actual = YamlValues.ToJson(node);
        return JsonValueEquality.AreEqual(actual, expected) ? null : actual.GetRawText();
    }

    public string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var settings = EmitterSettings.Default.WithBestIndent(_layout.Indent).WithBestWidth(int.MaxValue);
        if (_layout.IndentedSequences)
        {
            settings = settings.WithIndentedSequences();
        }

        try
        {
            _stream.Save(new Emitter(writer, settings), assignAnchors: false);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            throw new JsonPatchFailure(Model.ErrorCodes.ValidationFailed, $"the edited YAML could not be written: {ex.Message}",
                "Simplify the values the operations write (tags and complex keys are not supported).");
        }

        var body = new StringBuilder();
        body.Append(_layout.Header);
        if (_layout.ExplicitStart)
        {
            body.Append("---\n");
        }

        foreach (string line in writer.ToString().Split('\n'))
        {
            // The emitter closes every document with "..." and leaves a space after a key whose value is empty.
            if (line == "...")
            {
                continue;
            }

            body.Append(line.EndsWith(": ", StringComparison.Ordinal) || line.Trim() == "-" ? line.TrimEnd(' ') : line).Append('\n');
        }

        string text = (body.ToString().TrimEnd('\n') + "\n" + _layout.Trailer).ReplaceLineEndings("\n");
        return _newline == "\n" ? text : text.Replace("\n", _newline, StringComparison.Ordinal);
    }

    private void Add(JsonPointer path, Func<YamlNode, YamlNode> make)
    {
        if (path.IsRoot)
        {
            SetRoot(make(Root));
            return;
        }

        var (parent, _) = Find(path.Parent);
        int depth = path.Tokens.Count - 1;
        switch (parent)
        {
            case YamlMappingNode mapping:
            {
                var value = make(mapping);
                var key = KeyOf(mapping, path.Last);
                if (key is null)
                {
                    mapping.Add(YamlValues.StringScalar(path.Last), value);
                }
                else
                {
                    mapping.Children[key] = value;
                }

                return;
            }

            case YamlSequenceNode sequence:
            {
                int count = sequence.Children.Count;
                int index = path.Last == "-" ? count : JsonPointer.ArrayIndex(path.Last);
                if (index < 0)
                {
                    throw PointerFailures.BadIndex(path, depth);
                }

                if (index > count)
                {
                    throw PointerFailures.IndexOutOfRange(path, depth, count, forAdd: true);
                }

                sequence.Children.Insert(index, make(sequence));
                return;
            }

            default:
                throw PointerFailures.NotContainer(path, depth, YamlValues.Describe(parent));
        }
    }

    private void Set(YamlNode parent, JsonPointer path, YamlNode value)
    {
        if (parent is YamlMappingNode mapping)
        {
            mapping.Children[KeyOf(mapping, path.Last)!] = value;
        }
        else
        {
            ((YamlSequenceNode)parent).Children[JsonPointer.ArrayIndex(path.Last)] = value;
        }
    }

    private void Detach(JsonPointer path, YamlNode parent)
    {
        Find(path);
        if (parent is YamlMappingNode mapping)
        {
            mapping.Children.Remove(KeyOf(mapping, path.Last)!);
        }
        else
        {
            ((YamlSequenceNode)parent).Children.RemoveAt(JsonPointer.ArrayIndex(path.Last));
        }
    }

    private (YamlNode Node, YamlNode? Parent) Find(JsonPointer pointer)
    {
        YamlNode current = Root;
        YamlNode? parent = null;
        for (int depth = 0; depth < pointer.Tokens.Count; depth++)
        {
            string token = pointer.Tokens[depth];
            parent = current;
            switch (current)
            {
                case YamlMappingNode mapping:
                    var key = KeyOf(mapping, token) ?? throw PointerFailures.NoMember(pointer, depth);
                    current = mapping.Children[key];
                    break;

                case YamlSequenceNode sequence:
                {
                    if (token == "-")
                    {
                        throw PointerFailures.DashNotAllowed(pointer, depth);
                    }

                    int index = JsonPointer.ArrayIndex(token);
                    if (index < 0)
                    {
                        throw PointerFailures.BadIndex(pointer, depth);
                    }

                    if (index >= sequence.Children.Count)
                    {
                        throw PointerFailures.IndexOutOfRange(pointer, depth, sequence.Children.Count, forAdd: false);
                    }

                    current = sequence.Children[index];
                    break;
                }

                default:
                    throw PointerFailures.NotContainer(pointer, depth, YamlValues.Describe(current));
            }
        }

        return (current, parent);
    }

    // The last key with that name, as a JSON parser would keep the last duplicate.
    private static YamlNode? KeyOf(YamlMappingNode mapping, string name) =>
        mapping.Children.Keys.LastOrDefault(k => k is YamlScalarNode s && string.Equals(s.Value, name, StringComparison.Ordinal));

    private static bool IsFlow(YamlNode parent) =>
        parent is YamlMappingNode { Style: MappingStyle.Flow } or YamlSequenceNode { Style: SequenceStyle.Flow };

    private void SetRoot(YamlNode node) => _stream.Documents[0] = new YamlDocument(node);
}
