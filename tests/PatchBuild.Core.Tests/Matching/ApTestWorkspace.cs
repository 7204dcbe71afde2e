using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Matching;

/// <summary>A real temp folder with files, and ap modifications built in C# and applied through the real engine.</summary>
public sealed class ApTestWorkspace : IDisposable
{
    public const string Id = "a1b2c3d4";

    public ApTestWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-ap-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PatchPath => Path.Combine(Root, "afix.ap");

    public void Write(string relative, string text)
    {
        string full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, new UTF8Encoding(false).GetBytes(text));
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public bool Exists(string relative) => File.Exists(Path.Combine(Root, relative));

    public static LocatorModification Replace(string snippet, string content) => new(LocatorAction.Replace) { Snippet = snippet, Content = content };

    public static LocatorModification InsertAfter(string snippet, string content) => new(LocatorAction.InsertAfter) { Snippet = snippet, Content = content };

    public static LocatorModification InsertBefore(string snippet, string content) => new(LocatorAction.InsertBefore) { Snippet = snippet, Content = content };

    public static LocatorModification Delete(string snippet) => new(LocatorAction.Delete) { Snippet = snippet };

    /// <summary>Numbers the modifications, gives them patch lines and raw text, as the parser would.</summary>
    public PatchSet Patch(params (string File, LocatorModification[] Mods)[] files)
    {
        var text = new StringBuilder($"# Summary: test patch\n{Id} AP 3.2\n");
        int line = 3;
        int number = 0;
        var changes = new List<FileChange>();
        foreach (var (file, mods) in files)
        {
            text.Append($"{Id} FILE\n{file}\n");
            int fileLine = line;
            line += 2;
            var numbered = new List<Modification>();
            foreach (var mod in mods)
            {
                number++;
                string raw = Render(mod);
                numbered.Add(mod with
                {
                    Number = number,
                    PatchLine = line,
                    SnippetLine = mod.SnippetLine ?? line + 1,
                    RawText = raw,
                });
                text.Append(raw);
                line += raw.Count(c => c == '\n');
            }

            changes.Add(new FileChange(file, FileChangeKind.Modify) { Modifications = numbered, PatchLine = fileLine });
        }

        return new PatchSet(PatchFormat.Ap, changes) { SourcePath = PatchPath, Text = text.ToString() };
    }

    public PatchSet Patch(string file, params LocatorModification[] mods) => Patch((file, mods));

    public Task<ApplyResult> ApplyAsync(PatchSet patch, ApplyOptions? options = null) =>
        new PatchEngine().ApplyAsync([patch], (options ?? new ApplyOptions()) with { Root = Root });

    public Task<ApplyResult> ApplyAsync(string file, params LocatorModification[] mods) => ApplyAsync(Patch(file, mods));

    private static string Render(LocatorModification mod)
    {
        var sb = new StringBuilder();
        string action = mod.Action switch
        {
            LocatorAction.InsertAfter => "INSERT_AFTER",
            LocatorAction.InsertBefore => "INSERT_BEFORE",
            _ => mod.Action.ToString().ToUpperInvariant(),
        };
        sb.Append($"{Id} {action}\n");
        void Value(string key, string? value)
        {
            if (value is not null)
            {
                sb.Append($"{Id} {key}\n{value}\n");
            }
        }

        Value("anchor", mod.Anchor);
        Value("snippet", mod.Snippet);
        Value("snippet_tail", mod.SnippetTail);
        if (mod.ScopeEnd)
        {
            sb.Append($"{Id} scope_end\n");
        }

        Value("content", mod.Content);
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
