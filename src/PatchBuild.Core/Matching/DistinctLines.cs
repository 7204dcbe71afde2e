namespace PatchBuild.Core.Matching;

/// <summary>
/// Gives each distinct trimmed line of a file an id, remembering only where the line first occurs: the key is read
/// back from the file's own line, so indexing a file makes no string per line (a dictionary of strings made one per
/// distinct line, most of a file, and that garbage was a tenth of a many-file apply). Open addressing over the
/// span's hash, which .NET randomizes per process as it does for its own dictionaries, so a file cannot be crafted
/// to make every line collide.
/// </summary>
internal sealed class DistinctLines
{
    private readonly SourceLines _lines;
    private readonly int _mask;
    private int[] _slotId;
    private int[] _firstLine;
    private int _firstLineLength;

    public DistinctLines(IReadOnlyList<string> lines)
        : this(SourceLines.Of(lines))
    {
    }

    public DistinctLines(SourceLines lines)
    {
        _lines = lines;
        int slots = 16;
        while (slots < lines.Count * 2)
        {
            slots <<= 1;
        }

        _slotId = LineArrays.RentCleared<int>(slots);
        _mask = slots - 1;
        _firstLineLength = Math.Max(4, lines.Count);
        _firstLine = LineArrays.Rent<int>(_firstLineLength);
    }

    /// <summary>Gives the table back to the pool (see <see cref="LineIndex.Release"/>).</summary>
    public void Release()
    {
        if (_slotId is null)
        {
            return;
        }

        LineArrays.Return(_slotId);
        LineArrays.Return(_firstLine);
        _slotId = _firstLine = null!;
    }

    public int Count { get; private set; }

    /// <summary>The id of <paramref name="key"/> (a trimmed line), or -1 when no line of the file is that text.</summary>
    public int IdOf(ReadOnlySpan<char> key)
    {
        int hash = string.GetHashCode(key);
        return Find(key, hash, out _);
    }

    /// <summary>The id of <paramref name="key"/>, which is line <paramref name="line"/> trimmed; a new id when it is the first such line.</summary>
    public int IdOrAdd(ReadOnlySpan<char> key, int line)
    {
        int hash = string.GetHashCode(key);
        int id = Find(key, hash, out int slot);
        if (id >= 0)
        {
            return id;
        }

        id = Count++;
        if (id == _firstLineLength)
        {
            var grown = LineArrays.Rent<int>(id * 2);
            _firstLine.AsSpan(0, id).CopyTo(grown);
            LineArrays.Return(_firstLine);
            _firstLine = grown;
            _firstLineLength = id * 2;
        }

        _firstLine[id] = line;
        _slotId[slot] = id + 1;
        return id;
    }

    // Linear probing; the table is at least twice the number of lines, so it never fills and probes stay short. A
    // probe compares the text itself (no stored hash: that array was as large as the table): texts of other lengths
    // differ at once, and the randomized hash keeps a crafted file from making the probes long.
    private int Find(ReadOnlySpan<char> key, int hash, out int slot)
    {
        slot = hash & _mask;
        while (_slotId[slot] != 0)
        {
            int id = _slotId[slot] - 1;
            if (key.SequenceEqual(_lines.Span(_firstLine[id]).Trim()))
            {
                return id;
            }

            slot = (slot + 1) & _mask;
        }

        return -1;
    }
}
