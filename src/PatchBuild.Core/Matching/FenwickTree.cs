namespace PatchBuild.Core.Matching;

/// <summary>Prefix sums with point updates in O(log n): lets a file under edit answer "was anything touched between
/// these lines?" without rescanning it after every modification.</summary>
internal sealed class FenwickTree(int size)
{
    private readonly int[] _tree = new int[size + 1];

    public void Add(int index, int delta)
    {
        for (int i = index + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>Sum of the values at indices [0, end).</summary>
    public int PrefixSum(int end)
    {
        int sum = 0;
        for (int i = Math.Min(end, _tree.Length - 1); i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }

    /// <summary>Sum of the values at indices [from, to] (inclusive); 0 for an empty range.</summary>
    public int RangeSum(int from, int to) => to < from ? 0 : PrefixSum(to + 1) - PrefixSum(from);
}
