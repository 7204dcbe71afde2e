using System.Buffers;

namespace PatchBuild.Core.Matching;

/// <summary>
/// Per-file arrays of the matcher (line index, distinct-line table, edit buffer, line spans), taken from the shared
/// pools and given back when the file's last modification is done. A many-file patch then reuses the same warm
/// arrays file after file instead of allocating about 30 KB per 400-line file for the collector to clear and reclaim.
/// A rented array can be longer than asked for: users keep their own lengths and never read past them.
/// </summary>
internal static class LineArrays
{
    /// <summary>An array of at least <paramref name="length"/> elements, the first <paramref name="length"/> cleared.</summary>
    public static T[] RentCleared<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>An array of at least <paramref name="length"/> elements whose contents the caller writes before reading.</summary>
    public static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(length, 1));

    /// <summary>Gives an array back and forgets it, so a use after the release fails instead of reading another file's data.</summary>
    public static void Return<T>(ref T[]? array)
    {
        if (array is not null)
        {
            Return(array);
            array = null;
        }
    }

    /// <summary>Gives an array back; arrays of references are cleared so the pool keeps nothing alive.</summary>
    public static void Return<T>(T[] array) =>
        ArrayPool<T>.Shared.Return(array, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
