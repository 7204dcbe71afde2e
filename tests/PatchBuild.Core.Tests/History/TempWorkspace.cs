using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.History;

/// <summary>A real folder under the temp directory, with patchbuild.json so it is its own workspace root.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(string? config = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-history-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "patchbuild.json"), config ?? "{}");
    }

    public string Root { get; }

    public string State => Path.Combine(Root, ".patchbuild");

    public string Journal => Path.Combine(State, "history.jsonl");

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        string full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public string? Read(string relative) => File.Exists(PathOf(relative)) ? File.ReadAllText(PathOf(relative)) : null;

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public ApplyOptions Options => new() { Root = Root };

    public static PatchSet Patch(params FileChange[] changes) => new(PatchFormat.Ap, changes) { Summary = "test patch", Text = string.Join("\n", changes.Select(c => c.Path)) };

    public static FileChange Recreate(string path, string content) => new(path, FileChangeKind.Recreate) { Content = content };

    public static FileChange Create(string path, string content) => new(path, FileChangeKind.Create) { Content = content };

    public static FileChange Delete(string path) => new(path, FileChangeKind.Delete);

    public static FileChange Rename(string path, string to) => new(path, FileChangeKind.Rename) { NewPath = to };

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    public static string Numbered(int count, Func<int, string>? line = null)
    {
        var sb = new StringBuilder();
        for (int i = 1; i <= count; i++)
        {
            sb.Append(line?.Invoke(i) ?? $"line {i}").Append('\n');
        }

        return sb.ToString();
    }

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
