namespace PatchBuild.Core.Tests.Support;

/// <summary>A real folder under the system temp directory, removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("pb-core-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        string full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(Combine(relative));

    public bool Exists(string relative) => File.Exists(Combine(relative));

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Every file below the folder with its bytes, to prove a failed run changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the OS cleans temp eventually.
        }
    }
}
