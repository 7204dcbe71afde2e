using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>A real folder under the temp directory for one test, removed afterwards.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-safety-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public TempTree Write(string relative, string text)
    {
        string full = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public string Read(string relative) => File.ReadAllText(Full(relative));

    public bool Exists(string relative) => File.Exists(Full(relative));

    public static FileChange Create(string path, string content, int patchLine = 1) => new(path, FileChangeKind.Create) { Content = content, PatchLine = patchLine };

    public static FileChange Recreate(string path, string content, int patchLine = 1) => new(path, FileChangeKind.Recreate) { Content = content, PatchLine = patchLine };

    public static FileChange Delete(string path) => new(path, FileChangeKind.Delete) { PatchLine = 1 };

    public Task<ApplyResult> ApplyAsync(params FileChange[] changes) => ApplyAsync(new ApplyOptions(), changes);

    public Task<ApplyResult> ApplyAsync(ApplyOptions options, params FileChange[] changes) =>
        ApplyAsync(options, new PatchSet(PatchFormat.Ap, changes) { SourcePath = Path.Combine(Root, "afix.ap") });

    public Task<ApplyResult> ApplyAsync(ApplyOptions options, PatchSet patch) =>
        new PatchEngine().ApplyAsync([patch], options with { Root = options.Root ?? Root });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
