using System.IO.Compression;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.State.Backups;

/// <summary>
/// The backups of one commit in a single file: every distinct content once, each file's before and after side by
/// side, deflated as one stream and flushed to disk once. One file, one flush, and compression that sees a file's two
/// versions together keep the cost of safety small on large patches. Offsets are into the uncompressed stream.
/// </summary>
public static class BackupPack
{
    public sealed class Writer
    {
        private readonly Dictionary<string, BlobRef> _refs = new(StringComparer.Ordinal);
        private readonly List<byte[]> _blobs = [];
        private long _length;

        public BlobRef? Add(byte[]? content)
        {
            if (content is null)
            {
                return null;
            }

            string hash = ContentHash.Of(content);
            if (!_refs.TryGetValue(hash, out var blob))
            {
                blob = new BlobRef { Hash = hash, Offset = _length, Length = content.Length };
                _refs[hash] = blob;
                _blobs.Add(content);
                _length += content.Length;
            }

            return new BlobRef { Hash = blob.Hash, Offset = blob.Offset, Length = blob.Length };
        }

        public void WriteTo(string packPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(packPath)!);
            using var file = new FileStream(packPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using (var deflate = new DeflateStream(file, CompressionLevel.Fastest, leaveOpen: true))
            {
                foreach (byte[] blob in _blobs)
                {
                    deflate.Write(blob);
                }
            }

            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// The length of the uncompressed stream the journal describes: the end of the furthest blob. A pack is read
    /// only up to this, so a pack that inflates to more (damaged, or crafted to exhaust memory) is refused.
    /// </summary>
    public static long ExpectedLength(IEnumerable<BlobRef?> blobs) =>
        blobs.OfType<BlobRef>().Select(b => b.Offset < 0 || b.Length < 0 ? long.MaxValue : b.Offset + b.Length).DefaultIfEmpty(0).Max();

    /// <summary>A pack inflated once into memory, for the many reads of one rollback or recovery.</summary>
    /// <param name="expectedLength">What the journal recorded (<see cref="ExpectedLength"/>): the most the pack may inflate to.</param>
    public sealed class Reader(string packPath, long expectedLength)
    {
        private byte[]? _data;

        public byte[]? Read(BlobRef? blob)
        {
            if (blob is null)
            {
                return null;
            }

            _data ??= Inflate(packPath, expectedLength);
            if (blob.Offset < 0 || blob.Length < 0 || blob.Offset + blob.Length > _data.Length)
            {
                throw Damaged(packPath, "it is shorter than the journal says");
            }

            byte[] content = _data.AsSpan((int)blob.Offset, (int)blob.Length).ToArray();
            if (ContentHash.Of(content) != blob.Hash)
            {
                throw Damaged(packPath, "a backup's content does not match its recorded hash");
            }

            return content;
        }

        // Exactly the recorded length is allocated, never more: one byte past it and the pack is refused.
        private static byte[] Inflate(string packPath, long expectedLength)
        {
            if (expectedLength > Array.MaxLength)
            {
                throw Damaged(packPath, $"its journal entry claims {expectedLength} bytes, more than one backup can hold");
            }

            try
            {
                using var file = new FileStream(packPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                using var deflate = new DeflateStream(file, CompressionMode.Decompress);
                var data = new byte[expectedLength];
                int filled = 0;
                while (filled < data.Length)
                {
                    int read = deflate.Read(data, filled, data.Length - filled);
                    if (read == 0)
                    {
                        throw Damaged(packPath, "it is shorter than the journal says");
                    }

                    filled += read;
                }

                if (deflate.Read(new byte[1], 0, 1) != 0)
                {
                    throw Damaged(packPath, $"it inflates to more than the {expectedLength} bytes its journal entry recorded");
                }

                return data;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw Damaged(packPath, ex.Message);
            }
        }
    }

    private static PatchException Damaged(string packPath, string why) => new(new PatchError(ErrorCodes.HistoryError, $"The backup '{packPath}' cannot be used: {why}.")
    {
        Hint = "The backup was removed or damaged; restore the files from version control instead.",
    });
}
