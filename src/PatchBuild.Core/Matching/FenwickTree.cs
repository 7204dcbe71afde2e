namespace PatchBuild.Core.Matching;

/// <summary>Prefix sums with point updates in O(log n): lets a file under edit answer "was anything touched between
/// these lines?" without rescanning it after every modification. Its array comes from the pool (see
/// <see cref="LineArrays"/>), so the tree keeps its own length.</summary>
internal sealed class FenwickTree(int size)
{
    private readonly int _length = size + 1;
    private int[]? _tree = LineArrays.RentCleared<int>(size + 1);

    public void Add(int index, int delta)
    {
        var tree = _tree!;
        for (int i = index + 1; i < _length; i += i & -i)
        {
            tree[i] += delta;
        }
    }

    /// <summary>Sum of the values at indices [0, end).</summary>
    public int PrefixSum(int end)
    {
        var tree = _tree!;
        int sum = 0;
        for (int i = Math.Min(end, _length - 1); i > 0; i -= i & -i)
        {
            sum += tree[i];
        }

        return sum;
    }

    /// <summary>Sum of the values at indices [from, to] (inclusive); 0 for an empty range.</summary>
    public int RangeSum(int from, int to) => to < from ? 0 : PrefixSum(to + 1) - PrefixSum(from);

    public void Release() => LineArrays.Return(ref _tree);
}
