namespace PatchBuild.Core.Matching;

/// <summary>
/// The file's non-blank lines, trimmed, indexed once: each distinct normalized line gets an id, each id the sorted
/// list of positions where it occurs, and the id sequence a prefix hash. A locator is then found by looking up its
/// rarest line and comparing one hash per candidate, so a lookup costs O(locator + candidates), never O(file).
/// Positions here are "compact": the k-th non-blank line of the file.
/// </summary>
internal sealed class LineIndex
{
    private const ulong Modulus = (1UL << 61) - 1;

    // A random base modulo a Mersenne prime, drawn once per process and never shown: a patch cannot be crafted to
    // collide with the file's text. One base for every file lets all indexes share one table of its powers.
    private static readonly ulong Base = (ulong)Random.Shared.NextInt64(1 << 20, (long)Modulus - 1);
    private static readonly Lock PowersLock = new();
    private static ulong[] s_powers = [1];

    private readonly SourceLines _lines;
    private readonly DistinctLines _distinct;
    private readonly int _count;

    // From the pool (LineArrays), so longer than the file may be: read only up to the counts kept here.
    private int[] _positionStart;
    private int[] _positions;
    private ulong[] _prefixHash;
    private readonly ulong[] _power;
    private string[]? _normalized;
    private Dictionary<string, List<int>>? _undecorated;

    public LineIndex(IReadOnlyList<string> lines)
        : this(SourceLines.Of(lines))
    {
    }

    public LineIndex(SourceLines lines)
    {
        _lines = lines;
        LineCount = lines.Count;
        var original = LineArrays.Rent<int>(lines.Count);
        var ids = LineArrays.Rent<int>(lines.Count);
        int count = 0;
        CompactAtOrAfter = LineArrays.Rent<int>(lines.Count + 1);

        // Trimmed lines are compared as spans of the file's own lines: no string is made per distinct line.
        _distinct = new DistinctLines(lines);
        for (int i = 0; i < lines.Count; i++)
        {
            CompactAtOrAfter[i] = count;
            var key = lines.Span(i).Trim();
            if (key.IsEmpty)
            {
                continue;
            }

            original[count] = i;
            ids[count] = _distinct.IdOrAdd(key, i);
            count++;
        }

        CompactAtOrAfter[lines.Count] = count;
        _count = count;
        OriginalLine = original;

        // Positions per id in one flat array (counting sort): no list per distinct line.
        int distinct = _distinct.Count;
        _positionStart = LineArrays.RentCleared<int>(distinct + 1);
        for (int k = 0; k < count; k++)
        {
            _positionStart[ids[k] + 1]++;
        }

        for (int id = 0; id < distinct; id++)
        {
            _positionStart[id + 1] += _positionStart[id];
        }

        _positions = LineArrays.Rent<int>(count);
        var fill = LineArrays.Rent<int>(distinct);
        _positionStart.AsSpan(0, distinct).CopyTo(fill);
        for (int k = 0; k < count; k++)
        {
            _positions[fill[ids[k]]++] = k;
        }

        _prefixHash = LineArrays.Rent<ulong>(count + 1);
        _prefixHash[0] = 0;
        _power = PowersUpTo(count);
        for (int k = 0; k < count; k++)
        {
            _prefixHash[k + 1] = AddMod(MulMod(_prefixHash[k], Base), (ulong)ids[k] + 1);
        }

        LineArrays.Return(fill);
        LineArrays.Return(ids);
    }

    /// <summary>How many lines the file has (<see cref="CompactAtOrAfter"/> holds one more entry, for the end).</summary>
    public int LineCount { get; }

    /// <summary>
    /// Gives the index's arrays back to the pool once the file's last modification is done: any later use of this
    /// index fails instead of reading another file's.
    /// </summary>
    public void Release()
    {
        if (OriginalLine is null)
        {
            return;
        }

        LineArrays.Return(OriginalLine);
        LineArrays.Return(CompactAtOrAfter);
        LineArrays.Return(_positionStart);
        LineArrays.Return(_positions);
        LineArrays.Return(_prefixHash);
        OriginalLine = CompactAtOrAfter = _positionStart = _positions = null!;
        _prefixHash = null!;
        _distinct.Release();
    }

    // Base^0 .. Base^n at least; the table only grows, and a reader holds whichever complete table it was given.
    private static ulong[] PowersUpTo(int n)
    {
        var powers = Volatile.Read(ref s_powers);
        if (powers.Length > n)
        {
            return powers;
        }

        lock (PowersLock)
        {
            powers = s_powers;
            if (powers.Length <= n)
            {
                var grown = new ulong[Math.Max(n + 1, powers.Length * 2)];
                powers.CopyTo(grown, 0);
                for (int k = powers.Length; k < grown.Length; k++)
                {
                    grown[k] = MulMod(grown[k - 1], Base);
                }

                Volatile.Write(ref s_powers, grown);
                powers = grown;
            }

            return powers;
        }
    }

    /// <summary>Original line index of each compact position (entries from <see cref="Count"/> on are unused).</summary>
    public int[] OriginalLine { get; private set; }

    /// <summary>Trimmed text of each compact position (built on first use: only error reports need it).</summary>
    public string[] Normalized => _normalized ??= [.. OriginalLine.Take(_count).Select(i => _lines.Span(i).Trim().ToString())];

    /// <summary>
    /// For each original line (and the end), the compact position of the first non-blank line at or after it: entries
    /// 0 to <see cref="LineCount"/> (the array may be longer).
    /// </summary>
    public int[] CompactAtOrAfter { get; private set; }

    public int Count => _count;

    public int IdOf(string normalized) => _distinct.IdOf(normalized);

    public ReadOnlySpan<int> PositionsOf(int id) => _positions.AsSpan(_positionStart[id], _positionStart[id + 1] - _positionStart[id]);

    /// <summary>True when the compact lines [start, start + ids.Length - from) carry the ids ids[from..].</summary>
    public bool RunEquals(int start, int[] ids, int from, ulong idsHash)
    {
        int length = ids.Length - from;
        if (start < 0 || start + length > _count)
        {
            return false;
        }

        ulong slice = SubMod(_prefixHash[start + length], MulMod(_prefixHash[start], _power[length]));
        return slice == idsHash;
    }

    public ulong HashOf(int[] ids, int from)
    {
        ulong hash = 0;
        for (int k = from; k < ids.Length; k++)
        {
            if (ids[k] < 0)
            {
                return ulong.MaxValue;
            }

            hash = AddMod(MulMod(hash, Base), (ulong)ids[k] + 1);
        }

        return hash;
    }

    /// <summary>Compact positions whose line, stripped of list/comment/diff decoration, equals the key (built on first use).</summary>
    public List<int> PositionsOfUndecorated(string key)
    {
        if (_undecorated is null)
        {
            _undecorated = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int k = 0; k < Normalized.Length; k++)
            {
                string stripped = LineDecoration.Strip(Normalized[k]);
                if (!ReferenceEquals(stripped, Normalized[k]))
                {
                    if (!_undecorated.TryGetValue(stripped, out var list))
                    {
                        _undecorated[stripped] = list = [];
                    }

                    list.Add(k);
                }
            }
        }

        return _undecorated.TryGetValue(key, out var found) ? found : [];
    }

    // Math.BigMul is one instruction where UInt128 arithmetic is a call: this runs once per line and per candidate.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong MulMod(ulong a, ulong b)
    {
        // a, b < 2^61, so the product is below 2^122: split it at bit 61 and fold, since 2^61 ≡ 1 (mod 2^61 - 1).
        ulong high = Math.BigMul(a, b, out ulong low);
        ulong folded = (low & Modulus) + ((high << 3) | (low >> 61));
        return folded >= Modulus ? folded - Modulus : folded;
    }

    private static ulong AddMod(ulong a, ulong b)
    {
        ulong sum = a + b;
        return sum >= Modulus ? sum - Modulus : sum;
    }

    private static ulong SubMod(ulong a, ulong b) => a >= b ? a - b : a + Modulus - b;
}
