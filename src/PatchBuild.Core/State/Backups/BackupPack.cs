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
        private readonly ContentHashes? _hashes;
        private long _length;

        public Writer()
        {
        }

        /// <param name="hashes">The contents' hashes, worked out before (on all cores); others are hashed as added.</param>
        internal Writer(ContentHashes hashes) => _hashes = hashes;

        /// <summary>The uncompressed length of the pack so far.</summary>
        public long Length => _length;

        public BlobRef? Add(byte[]? content)
        {
            if (content is null)
            {
                return null;
            }

            string hash = _hashes?.Of(content) ?? ContentHash.Of(content);
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
            if (_length >= SplitFrom && Environment.ProcessorCount > 1)
            {
                int cut = Halfway();
                byte[] head = [], tail = [];
                Parallel.Invoke(() => head = Deflate(0, cut, last: false), () => tail = Deflate(cut, _blobs.Count, last: true));
                file.Write(head);
                file.Write(tail);
            }
            else
            {
                using var deflate = new DeflateStream(file, CompressionLevel.Fastest, leaveOpen: true);
                foreach (byte[] blob in _blobs)
                {
                    deflate.Write(blob);
                }
            }

            file.Flush(flushToDisk: true);
        }

        /// <summary>
        /// From this many uncompressed bytes the pack is deflated in two halves at once: 6 MB took about 6 ms of one core in
        /// the 500-file profile, while below 1 MB a second thread costs about what it saves.
        /// </summary>
        internal const long SplitFrom = 1 << 20;

        // The first blob of the second half: the one that starts at or after half the length.
        private int Halfway()
        {
            long half = _length / 2, seen = 0;
            for (int i = 0; i < _blobs.Count; i++)
            {
                if (seen >= half)
                {
                    return i;
                }

                seen += _blobs[i].Length;
            }

            return _blobs.Count;
        }

        /// <summary>
        /// Deflates blobs [from, to). The first half ends with a sync flush instead of the last block: its output then
        /// stops on a byte boundary with no block marked last, so the second half's stream, written right after it,
        /// continues it, and the file is one deflate stream that any reader (ours included) inflates whole.
        /// </summary>
        private byte[] Deflate(int from, int to, bool last)
        {
            using var buffer = new MemoryStream();
            using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                for (int i = from; i < to; i++)
                {
                    deflate.Write(_blobs[i]);
                }

                if (!last)
                {
                    // Taken before the stream closes: its closing block lands in the buffer after the part, dropped with it.
                    deflate.Flush();
                    return buffer.ToArray();
                }
            }

            return buffer.ToArray();
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
