using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace PatchBuild.Tasks.Engine;

/// <summary>
/// One apply at a time per root folder, across build nodes and processes: the inner builds of a multi-targeted
/// project, or a parallel solution build, may reach the same pending patches at once, and the second must see that
/// the first applied (and archived) them. The lock lives in the repository's git folder (a repository-wide lock), or
/// in the project's obj folder outside a repository: folders the user owns, never the shared temp folder, where
/// another local user could hold it or plant a link. A lock path that is a link is never opened. Its timeout is the
/// one the task passes to the engine for the workspace lock (--lock-timeout), so both waits agree.
/// </summary>
internal sealed class ApplyLock : IDisposable
{
    private readonly FileStream? _stream;

    private ApplyLock(FileStream? stream) => _stream = stream;

    public static ApplyLock? TryAcquire(string root, string projectDirectory, TimeSpan timeout, CancellationToken cancel)
    {
        var folder = GitFolder(root) ?? Path.Combine(projectDirectory, "obj");
        var path = Path.Combine(folder, "patchbuild-apply-" + Hash(root) + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(folder);
                if (IsLink(path))
                {
                    // Not ours to follow; the engine's own workspace lock still serializes the writes.
                    return new ApplyLock(null);
                }

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

    public void Dispose() => _stream?.Dispose();

    private static bool IsLink(string path) =>
        (File.Exists(path) || Directory.Exists(path) || IsDanglingLink(path)) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;

    // A link whose target is missing exists for neither File.Exists nor Directory.Exists, yet opening it would create the target.
    private static bool IsDanglingLink(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The nearest .git folder above the root (a worktree's or submodule's .git file names its folder).
    private static string? GitFolder(string root)
    {
        for (var at = new DirectoryInfo(Path.GetFullPath(root)); at is not null; at = at.Parent)
        {
            var git = Path.Combine(at.FullName, ".git");
            if (Directory.Exists(git)) return git;
            if (File.Exists(git))
            {
                foreach (var line in File.ReadAllLines(git))
                {
                    if (line.StartsWith("gitdir:", StringComparison.Ordinal))
                    {
                        var target = line.Substring("gitdir:".Length).Trim();
                        var full = Path.GetFullPath(Path.Combine(at.FullName, target));
                        return Directory.Exists(full) ? full : null;
                    }
                }

                return null;
            }
        }

        return null;
    }

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
