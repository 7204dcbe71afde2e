using PatchBuild.Core.Model;

namespace PatchBuild.Core.State.Backups;

/// <summary>
/// Content-addressed backups shared by every entry: <c>blobs/&lt;sha-256&gt;</c> under the backup folder, one file
/// per distinct content, so the same content backed up by many commits is stored once. A file about to be replaced
/// is kept by a hard link, not a copy: the commit then renames the new content over the old name, and the old
/// bytes live on under the blob's name alone, never written twice.
/// </summary>
public sealed class BlobStore(string backupFolder)
{
    public const string FolderName = "blobs";

    // Not the workspace's temp suffix: these are backups in the making, swept by retention, not by recovery.
    private const string PendingSuffix = ".link";

    public string Folder { get; } = Path.Combine(backupFolder, FolderName);

    /// <summary>The blob's file, or null when the name is not a content hash (a forged journal cannot point elsewhere).</summary>
    public string? PathOf(string hash) => IsHash(hash) ? Path.Combine(Folder, hash) : null;

    /// <summary>
    /// Keeps <paramref name="liveFile"/>'s content, which must be <paramref name="content"/>, under its hash: an
    /// existing blob with that content is reused; otherwise the file is linked. False when neither works (the file
    /// changed since it was read, or links are impossible here): the caller copies the content instead.
    /// </summary>
    /// <param name="linked">True when this call made the link (the blob shares the live file until it is replaced).</param>
    public bool TryKeep(string liveFile, byte[] content, string hash, out bool linked)
    {
        linked = false;
        string? blob = PathOf(hash);
        if (blob is null)
        {
            return false;
        }

        try
        {
            if (File.Exists(blob))
            {
                if (HoldsExactly(blob, content))
                {
                    return true;
                }

                // Damaged (edited through a link an aborted commit left): it serves no entry as it is.
                File.Delete(blob);
            }

            Directory.CreateDirectory(Folder);
            string pending = Path.Combine(Folder, $".{hash}.{Environment.ProcessId}.{Guid.NewGuid():N}{PendingSuffix}");
            if (!HardLink.TryCreate(liveFile, pending))
            {
                return false;
            }

            // The link is the file as it is now: it must still hold what the plan read, or the backup would lie.
            if (!HoldsExactly(pending, content))
            {
                File.Delete(pending);
                return false;
            }

            File.Move(pending, blob, overwrite: true);
            linked = true;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads a blob, no more than its recorded length, and proves it by its hash.</summary>
    public byte[] Read(BlobRef blob)
    {
        string path = PathOf(blob.Hash) ?? throw Damaged(blob.Hash, "its name in the journal is not a content hash");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length != blob.Length)
            {
                throw Damaged(path, $"it holds {stream.Length} bytes where the journal recorded {blob.Length}");
            }

            byte[] content = new byte[blob.Length];
            stream.ReadExactly(content);
            if (ContentHash.Of(content) != blob.Hash)
            {
                throw Damaged(path, "its content does not match its recorded hash (it was edited since)");
            }

            return content;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Damaged(path, ex.Message);
        }
    }

    /// <summary>Every blob on disk, by hash, with its size.</summary>
    public IReadOnlyDictionary<string, long> List()
    {
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!Directory.Exists(Folder))
        {
            return blobs;
        }

        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (IsHash(file.Name))
            {
                blobs[file.Name] = file.Length;
            }
        }

        return blobs;
    }

    /// <summary>Removes leftovers of a link made by a process that died before naming it.</summary>
    public void RemovePending()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (string pending in Directory.EnumerateFiles(Folder, "*" + PendingSuffix))
        {
            TryDelete(pending);
        }
    }

    public static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool HoldsExactly(string file, byte[] content)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        if (stream.Length != content.Length)
        {
            return false;
        }

        var buffer = new byte[Math.Min(content.Length, 1 << 16)];
        int offset = 0;
        while (offset < content.Length)
        {
            int read = stream.Read(buffer, 0, Math.Min(buffer.Length, content.Length - offset));
            if (read == 0 || !buffer.AsSpan(0, read).SequenceEqual(content.AsSpan(offset, read)))
            {
                return false;
            }

            offset += read;
        }

        return true;
    }

    private static bool IsHash(string name) => name.Length == 64 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static PatchException Damaged(string blob, string why) => new(new PatchError(ErrorCodes.HistoryError, $"The backup '{blob}' cannot be used: {why}.")
    {
        Hint = "The backup was removed or damaged; restore the files from version control instead.",
    });
}
