using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Processes;

namespace PatchBuild.Core.Git;

/// <summary>
/// Reads many blobs through one `git cat-file --batch` process: one process for the whole commit instead of one
/// `git show :path` per file, which is what keeps the hook cheap on large commits.
/// </summary>
public static class BlobReader
{
    /// <summary>Blobs larger than this are not read (a conflict marker check on a 100 MB asset is not worth the time).</summary>
    public const long MaxBlobSize = 64L * 1024 * 1024;

    /// <summary>
    /// Calls <paramref name="onBlob"/> with each object's content, in the order given. Names may be ids or any name
    /// git accepts (":path" is the staged version); a missing or oversized object gets null.
    /// </summary>
    public static void ReadAll(GitCommand git, IReadOnlyList<string> blobIds, Action<int, byte[]?> onBlob)
    {
        if (blobIds.Count == 0)
        {
            return;
        }

        using var process = git.Start(["cat-file", "--batch"], redirectInput: true);
        var errors = ProcessRunner.DrainInBackground(process.StandardError);

        // Feed the ids from another thread: git answers while we write, and both pipes have finite buffers.
        var feeder = new Thread(() =>
        {
            using var input = process.StandardInput;
            input.NewLine = "\n";
            foreach (string id in blobIds)
            {
                input.WriteLine(id);
            }
        }) { IsBackground = true };
        feeder.Start();

        var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        for (int i = 0; i < blobIds.Count; i++)
        {
            string header = ReadLine(output) ?? throw Truncated(blobIds[i], errors);
            string[] parts = header.Split(' ');
            if (parts.Length >= 2 && parts[^1] is "missing" or "ambiguous")
            {
                onBlob(i, null);
                continue;
            }

            if (parts.Length < 3)
            {
                throw new PatchException(ErrorCodes.GitFailed, $"git cat-file could not read object {blobIds[i]}: '{header}'.",
                    "Run 'git fsck'; the repository may be damaged.");
            }

            long size = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            byte[]? content = size <= MaxBlobSize ? new byte[size] : null;
            if (content is not null)
            {
                output.ReadExactly(content);
            }
            else
            {
                Skip(output, size);
            }

            output.ReadByte(); // the newline git writes after each object
            onBlob(i, content);
        }

        feeder.Join();
        process.WaitForExit();
    }

    private static PatchException Truncated(string id, (Thread Thread, StringBuilder Text) errors) =>
        new(ErrorCodes.GitFailed, $"git cat-file stopped before object {id}: {(errors.Thread.Join(1000) ? errors.Text.ToString().Trim() : "")}",
            "Run 'git fsck'; the repository may be damaged.");

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (b == '\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add((byte)b);
        }
    }

    private static void Skip(Stream stream, long count)
    {
        byte[] buffer = new byte[81920];
        while (count > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read <= 0)
            {
                throw new EndOfStreamException();
            }

            count -= read;
        }
    }
}
