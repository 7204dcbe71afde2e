using System.Security.Cryptography;
using System.Text;

namespace PatchBuild.Core.Model;

/// <summary>SHA-256 as lowercase hex: the identity of file contents and patch texts in the journal.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The hash of the text's UTF-8 bytes (as <see cref="Encoding.UTF8"/> writes them), encoded a chunk at a time: a
    /// 5 MiB patch needs no 5 MiB copy of itself to be hashed.
    /// </summary>
    public static string OfText(string text)
    {
        const int ChunkChars = 16 * 1024;
        if (text.Length <= ChunkChars)
        {
            return Of(Encoding.UTF8.GetBytes(text));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(ChunkChars));
        try
        {
            var rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                var chunk = rest[..Math.Min(ChunkChars, rest.Length)];
                rest = rest[chunk.Length..];
                // The encoder carries a surrogate pair split between two chunks over to the next, as one pass would.
                int written = encoder.GetBytes(chunk, buffer, flush: rest.IsEmpty);
                hash.AppendData(buffer, 0, written);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
