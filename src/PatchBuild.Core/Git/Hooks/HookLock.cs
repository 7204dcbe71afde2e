namespace PatchBuild.Core.Git.Hooks;

/// <summary>
/// Serialises installs into one hooks folder: parallel project builds with PatchBuildInstallHook=true all run
/// `hook install` at once, and only one of them may move a foreign hook aside. The lock is a file created
/// exclusively (O_EXCL), removed on release; one older than a minute is from a crashed process and is taken over.
/// </summary>
internal sealed class HookLock : IDisposable
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _path;
    private readonly FileStream _stream;

    private HookLock(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    public static HookLock Acquire(string hooksDirectory, string hookName)
    {
        string path = Path.Combine(hooksDirectory, hookName + ".patchbuild-lock");
        var deadline = DateTime.UtcNow + Patience;
        int vanished = 0;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                stream.Flush();
                return new HookLock(path, stream);
            }
            catch (IOException) when (File.Exists(path) || ++vanished < 100)
            {
                // The holder may release between our failed create and this check: then simply try again.
                if (!File.Exists(path))
                {
                    continue;
                }

                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > Stale)
                {
                    TryDelete(path);
                    continue;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new IOException($"Another 'patchbuild hook install' holds {path}. If no install is running, delete that file.");
                }

                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        TryDelete(_path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
