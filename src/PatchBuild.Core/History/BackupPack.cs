using PatchBuild.Core.Model;

namespace PatchBuild.Core.History;

/// <summary>
/// The backups of one commit in a single file: every distinct content once, back to back, flushed to disk once.
/// One file and one flush instead of one per backup keeps the cost of safety small on large patches.
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
            using var stream = new FileStream(packPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            foreach (byte[] blob in _blobs)
            {
                stream.Write(blob);
            }

            stream.Flush(flushToDisk: true);
        }
    }

    public static byte[]? Read(string packPath, BlobRef? blob)
    {
        if (blob is null)
        {
            return null;
        }

        byte[] content = new byte[blob.Length];
        try
        {
            using var handle = File.OpenHandle(packPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            int read = 0;
            while (read < content.Length)
            {
                int n = RandomAccess.Read(handle, content.AsSpan(read), blob.Offset + read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Damaged(packPath, ex.Message);
        }

        if (ContentHash.Of(content) != blob.Hash)
        {
            throw Damaged(packPath, "a backup's content does not match its recorded hash");
        }

        return content;
    }

    private static PatchException Damaged(string packPath, string why) => new(new PatchError(ErrorCodes.HistoryError, $"The backup '{packPath}' cannot be used: {why}.")
    {
        Hint = "The backup was removed or damaged; restore the files from version control instead.",
    });
}
