using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace PatchBuild.Tasks.Engine;

/// <summary>
/// One apply at a time per root folder, across build nodes and processes: the inner builds of a multi-targeted
/// project, or a parallel solution build, may reach the same pending patches at once. The lock file lives in the
/// temp folder so that taking it writes nothing into the user's tree; it is left there (deleting it on close
/// would let a waiter lock an unlinked file while a third process locks a new one).
/// </summary>
internal sealed class ApplyLock : IDisposable
{
    private readonly FileStream _stream;

    private ApplyLock(FileStream stream) => _stream = stream;

    public static ApplyLock? TryAcquire(string root, TimeSpan timeout, CancellationToken cancel)
    {
        var path = Path.Combine(Path.GetTempPath(), "patchbuild-" + Hash(root) + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new ApplyLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (cancel.WaitHandle.WaitOne(200)) return null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string Hash(string root)
    {
        var normalized = Path.GetFullPath(root).TrimEnd('/', '\\');
        if (Path.DirectorySeparatorChar == '\\') normalized = normalized.ToUpperInvariant();
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(normalized));
        var sb = new StringBuilder();
        for (var i = 0; i < 8; i++) sb.Append(bytes[i].ToString("x2"));
        return sb.ToString();
    }
}
