using System.Runtime.InteropServices;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Counts lines of an old text by content, then takes matching lines of a new text out of it, without making a
/// string per line. Hashes are the runtime's randomized string hash, so crafted lines cannot force collisions.
/// </summary>
internal sealed class LineMultiset
{
    private readonly Dictionary<LineKey, int> _counts;

    public LineMultiset(string oldText, string newText, int capacity) =>
        _counts = new Dictionary<LineKey, int>(capacity, new Comparer(oldText, newText));

    public void AddOld(int start, int length)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, Key(false, start, length), out _)++;
    }

    /// <summary>True (and one fewer left) when an unused old line has this new line's content.</summary>
    public bool TryTakeNew(int start, int length)
    {
        ref int count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, Key(true, start, length));
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) || count == 0)
        {
            return false;
        }

        count--;
        return true;
    }

    /// <summary>True (and one fewer left) when an old line's content is still unused: no new line took it.</summary>
    public bool TryTakeOld(int start, int length)
    {
        ref int count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, Key(false, start, length));
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) || count == 0)
        {
            return false;
        }

        count--;
        return true;
    }

    private LineKey Key(bool inNew, int start, int length)
    {
        var comparer = (Comparer)_counts.Comparer;
        string text = inNew ? comparer.NewText : comparer.OldText;
        return new LineKey(inNew, start, length, string.GetHashCode(text.AsSpan(start, length)));
    }

    private readonly record struct LineKey(bool InNew, int Start, int Length, int Hash);

    private sealed class Comparer(string oldText, string newText) : IEqualityComparer<LineKey>
    {
        public string OldText { get; } = oldText;

        public string NewText { get; } = newText;

        public bool Equals(LineKey x, LineKey y) =>
            x.Hash == y.Hash && x.Length == y.Length && Span(x).SequenceEqual(Span(y));

        public int GetHashCode(LineKey key) => key.Hash;

        private ReadOnlySpan<char> Span(LineKey key) => (key.InNew ? NewText : OldText).AsSpan(key.Start, key.Length);
    }
}
