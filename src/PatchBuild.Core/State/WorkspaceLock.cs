using System.Diagnostics;
using System.Globalization;
using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.State;

/// <summary>
/// Serializes PatchBuild processes on one workspace: an exclusive handle (FileShare.None) on .patchbuild/lock held
/// for the whole transaction. The operating system drops the handle when its process dies, so the lock of a dead
/// process is taken over by the next one; the holder's pid and start time are written inside the lock file (and in
/// lock.owner beside it, which a waiting process can read while the lock file itself is held).
/// Locks live only in folders PatchBuild owns (.patchbuild/, or .git/ for repository-wide locks), never in a shared
/// temp folder, and a lock file or owner file that is a symbolic link is refused, never followed: writing the holder
/// line through a planted link would truncate whatever it points at.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;
    private readonly string _ownerFile;

    private WorkspaceLock(FileStream stream, string ownerFile, string? previousHolder)
    {
        _stream = stream;
        _ownerFile = ownerFile;
        TookOverFrom = previousHolder;
    }

    /// <summary>The holder recorded in the lock file when it was taken: a process that died without releasing it.</summary>
    public string? TookOverFrom { get; }

    public static WorkspaceLock Acquire(string lockFile, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        string ownerFile = lockFile + ".owner";
        StateFolder.RefuseLink(lockFile);
        StateFolder.RefuseLink(ownerFile);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream? stream = null;
            try
            {
                stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(PollInterval);
                continue;
            }
            catch (IOException)
            {
                throw Locked(lockFile, ownerFile, timeout);
            }

            // The check above and the open are two steps: a link swapped in between is caught before anything is written.
            if (new FileInfo(lockFile).LinkTarget is not null)
            {
                stream.Dispose();
                StateFolder.RefuseLink(lockFile);
            }

            string previous = ReadAll(stream).Trim();
            string me = Describe(Environment.ProcessId, Process.GetCurrentProcess().StartTime.ToUniversalTime());
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(me + "\n"));
            stream.Flush(flushToDisk: true);
            try
            {
                StateFolder.RefuseLink(ownerFile);
                File.WriteAllText(ownerFile, me + "\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatchException)
            {
                // Only for the message a waiting process shows.
            }

            return new WorkspaceLock(stream, ownerFile, previous.Length > 0 ? previous : null);
        }
    }

    /// <summary>The process id recorded in a holder description ("pid 123 started ..."), if any.</summary>
    public static int? HolderProcessId(string? holder)
    {
        if (holder is null || !holder.StartsWith("pid ", StringComparison.Ordinal))
        {
            return null;
        }

        string digits = new(holder.AsSpan(4).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    public void Dispose()
    {
        try
        {
            // An empty lock file means "released cleanly"; a dead holder leaves its line behind.
            _stream.SetLength(0);
            _stream.Flush(flushToDisk: false);
            File.Delete(_ownerFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private static string Describe(int pid, DateTime start) =>
        $"pid {pid.ToString(CultureInfo.InvariantCulture)} started {start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} on {Environment.MachineName}";

    private static string ReadAll(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[Math.Min(stream.Length, 4096)];
        int read = stream.Read(buffer, 0, buffer.Length);
        stream.Seek(0, SeekOrigin.Begin);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static PatchException Locked(string lockFile, string ownerFile, TimeSpan timeout)
    {
        string holder;
        try
        {
            holder = File.Exists(ownerFile) ? File.ReadAllText(ownerFile).Trim() : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            holder = "";
        }

        int? pid = HolderProcessId(holder);
        string who = holder.Length > 0 ? $"another PatchBuild process ({holder})" : "another PatchBuild process";
        return new PatchException(new PatchError(ErrorCodes.Locked, $"The workspace is locked by {who}; gave up after {timeout.TotalSeconds:0.#} s.")
        {
            Hint = pid is { } id
                ? $"Wait for process {id} to finish and run again, or raise the lock timeout. The lock is '{lockFile}'."
                : $"Wait for the other PatchBuild run to finish and run again. The lock is '{lockFile}'.",
            Context = new Dictionary<string, object?> { ["lockFile"] = lockFile, ["holder"] = holder, ["pid"] = pid },
        });
    }
}
