namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// An object or array of a JSON-with-comments document, kept losslessly: the text between its elements ("gaps":
/// whitespace, comments, commas) and each element are slices of the source. An untouched container is written
/// back as its original slice; an edited one (<see cref="Dirty"/>) is written from its gaps and elements.
/// </summary>
internal sealed class JsoncContainer(bool isObject, string source, int start, int depth, string baseIndent)
{
    private readonly List<JsoncElement> _elements = [];
    private readonly List<Seg> _gaps = [];
    private bool _read;
    private Dictionary<string, int>? _memberIndex;
    private string? _lineIndent;

    public bool IsObject { get; } = isObject;

    public JsoncContainer? Parent { get; init; }

    public string Source { get; } = source;

    /// <summary>Position of the opening bracket in <see cref="Source"/>.</summary>
    public int Start { get; } = start;

    /// <summary>Position after the closing bracket.</summary>
    public int End { get; set; }

    /// <summary>Nesting level: the document's root container is 1.</summary>
    public int Depth { get; } = depth;

    /// <summary>Indentation of the line where <see cref="Source"/> begins (a new value's source starts mid-line).</summary>
    public string BaseIndent { get; } = baseIndent;

    /// <summary>The children, sliced out of the text the first time anything asks.</summary>
    public List<JsoncElement> Elements
    {
        get
        {
            EnsureRead();
            return _elements;
        }
    }

    /// <summary>Text before each element and after the last one: always one more than <see cref="Elements"/>.</summary>
    public List<Seg> Gaps
    {
        get
        {
            EnsureRead();
            return _gaps;
        }
    }

    /// <summary>True once this container or something inside it was edited; its ancestors are then dirty too.</summary>
    public bool Dirty { get; set; }

    public char Open => IsObject ? '{' : '[';

    public char Close => IsObject ? '}' : ']';

    /// <summary>Index of the member named <paramref name="key"/> (the last one when a name repeats), or -1.</summary>
    public int IndexOfMember(string key)
    {
        if (Elements.Count < 32)
        {
            for (int i = Elements.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Elements[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        if (_memberIndex is null)
        {
            _memberIndex = new Dictionary<string, int>(Elements.Count, StringComparer.Ordinal);
            for (int i = 0; i < Elements.Count; i++)
            {
                _memberIndex[Elements[i].Key!] = i;
            }
        }

        return _memberIndex.TryGetValue(key, out int index) ? index : -1;
    }

    /// <summary>Call after inserting or removing elements: positions shifted.</summary>
    public void ForgetMemberIndex() => _memberIndex = null;

    /// <summary>Call after appending a member: nothing shifted, so the index stays valid (many adds to one big object stay cheap).</summary>
    public void NoteAppendedMember(string key, int index)
    {
        if (_memberIndex is not null)
        {
            _memberIndex[key] = index;
        }
    }

    /// <summary>Leading whitespace of the line the opening bracket is on.</summary>
    public string LineIndent => _lineIndent ??= FindLineIndent();

    /// <summary>Reads the children before anything asks (the document's root); returns the position after the closing bracket.</summary>
    public int ReadChildrenNow()
    {
        _read = true;
        return JsoncParser.ReadChildren(this, _elements, _gaps);
    }

    private void EnsureRead()
    {
        if (!_read)
        {
            _read = true;
            JsoncParser.ReadChildren(this, _elements, _gaps);
        }
    }

    private string FindLineIndent()
    {
        // Bounded look-back: a minified document is one huge line, where indentation means nothing anyway.
        int limit = Math.Max(0, Start - 4096);
        int i = Start - 1;
        while (i >= limit && Source[i] != '\n' && Source[i] != '\r')
        {
            i--;
        }

        if (i < limit && limit > 0)
        {
            return "";
        }

        int lineStart = i + 1;
        int end = lineStart;
        while (end < Start && Source[end] is ' ' or '\t')
        {
            end++;
        }

        string own = Source[lineStart..end];
        return lineStart == 0 ? BaseIndent + own : own;
    }
}

/// <summary>A member of an object (with its name) or an element of an array, or the document's root value.</summary>
internal sealed class JsoncElement
{
    /// <summary>The member name, decoded; null for array elements and the root.</summary>
    public string? Key { get; set; }

    /// <summary>The member name as written, with its quotes.</summary>
    public Seg KeyText { get; set; }

    /// <summary>Everything between the name and the value: the ':' and the space and comments around it.</summary>
    public Seg Colon { get; set; }

    /// <summary>The value as written (for a container, its original text).</summary>
    public Seg ValueText { get; set; }

    /// <summary>The value when it is an object or array.</summary>
    public JsoncContainer? Container { get; set; }
}
