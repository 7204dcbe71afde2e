using System.Text;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>One input tree and one patch, run through both patchers.</summary>
public sealed record DifferentialCase(string Name, IReadOnlyDictionary<string, string> Files, string Patch, bool Strict = false)
{
    public override string ToString() => Strict ? Name + " (strict)" : Name;
}

/// <summary>How the two patchers disagreed on a case; empty when they agreed on status, error code and every byte.</summary>
public sealed record DifferentialVerdict(DifferentialCase Case, PatcherOutcome Reference, PatcherOutcome Ours, IReadOnlyList<string> Differences)
{
    public bool Agrees => Differences.Count == 0;

    public override string ToString() =>
        $"{Case}: reference {Reference}, ours {Ours}" + (Agrees ? "" : "\n  " + string.Join("\n  ", Differences));
}

/// <summary>
/// Copies a case's tree into two real temp folders, runs the reference patcher on one and our engine (the entry
/// point `patchbuild apply` uses) on the other, and compares the outcome and the resulting bytes. The tolerant
/// reference applies what it can and skips the rest, which is our --partial; strict mode is all-or-nothing in both.
/// </summary>
public static class DifferentialRunner
{
    // The reference spells one code in lower case; the condition is the same.
    private static readonly Dictionary<string, string> SameCondition = new(StringComparer.Ordinal)
    {
        ["snippet_tail_NOT_FOUND"] = "SNIPPET_TAIL_NOT_FOUND",
    };

    public static async Task<DifferentialVerdict> RunAsync(DifferentialCase @case)
    {
        using var theirs = new TempFolder();
        using var ours = new TempFolder();
        using var patchFolder = new TempFolder();
        string patchFile = Path.Combine(patchFolder.Path, "afix.ap");
        File.WriteAllBytes(patchFile, new UTF8Encoding(false).GetBytes(@case.Patch));
        foreach (var folder in new[] { theirs, ours })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, "tree"));
            foreach (var (path, text) in @case.Files)
            {
                string full = Path.Combine(folder.Path, "tree", path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, new UTF8Encoding(false).GetBytes(text));
            }
        }

        string theirRoot = Path.Combine(theirs.Path, "tree");
        string ourRoot = Path.Combine(ours.Path, "tree");
        var reference = ReferencePatcher.Run(patchFile, theirRoot, @case.Strict);
        var result = await new PatchEngine().ApplyFilesAsync([patchFile], new ApplyOptions
        {
            Root = ourRoot,
            Strict = @case.Strict,
            Partial = !@case.Strict,
            Force = true,
            RecordHistory = false,
        });
        var own = new PatcherOutcome(result.Status.ToString().ToUpperInvariant(), result.Errors.Select(e => e.Code).ToList());

        var differences = new List<string>();
        if (reference.Status != own.Status)
        {
            differences.Add($"status: reference {reference.Status}, ours {own.Status}");
        }

        if (reference.Status != "SUCCESS" && own.Status != "SUCCESS" && reference.FirstCode is { } code
            && SameCondition.GetValueOrDefault(code, code) != own.FirstCode)
        {
            differences.Add($"code: reference {code}, ours {own.FirstCode}");
        }

        var before = Snapshot(theirRoot);
        var after = Snapshot(ourRoot);
        foreach (string path in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            string? a = before.GetValueOrDefault(path);
            string? b = after.GetValueOrDefault(path);
            if (a != b)
            {
                differences.Add($"{path}: reference {Show(a)}, ours {Show(b)}");
            }
        }

        return new DifferentialVerdict(@case, reference, own, differences);
    }

    /// <summary>Every file's text and every folder of the tree, without either patcher's own reports and state.</summary>
    private static Dictionary<string, string> Snapshot(string root)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, entry).Replace('\\', '/');
            if (relative.StartsWith(".patchbuild", StringComparison.Ordinal) || relative is "afailed.ap" or "afailed.md")
            {
                continue;
            }

            entries[relative] = Directory.Exists(entry) ? "<folder>" : Encoding.UTF8.GetString(File.ReadAllBytes(entry));
        }

        return entries;
    }

    private static string Show(string? text) => text is null ? "<absent>" : "\"" + text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
