using System.Text;
using PatchBuild.Core.Authoring;
using PatchBuild.Core.Tests.Ap.Differential;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>A generated pair of file versions with the bytes shape both share (endings, byte order mark, final newline).</summary>
public sealed record VersionPair(IReadOnlyList<string> Old, IReadOnlyList<string> New, string Endings, bool Bom, bool FinalNewline, int Seed)
{
    public byte[] OldBytes => Encode(Old, 0);

    public byte[] NewBytes => Encode(New, 1);

    /// <summary>Mixed endings differ line by line, so a patch can only keep the target's; the rest must be exact.</summary>
    public bool Exact => Endings != "mixed";

    public byte[] Encode(IReadOnlyList<string> lines, int salt)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            sb.Append(lines[i]);
            if (i < lines.Count - 1 || FinalNewline)
            {
                sb.Append(Endings switch { "crlf" => "\r\n", "mixed" => (lines[i].Length + i + salt) % 3 == 0 ? "\r\n" : "\n", _ => "\n" });
            }
        }

        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        return Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    public override string ToString() =>
        $"endings={Endings} bom={Bom} final={FinalNewline} seed={Seed}\n--- old ---\n{string.Join("\n", Old)}\n--- new ---\n{string.Join("\n", New)}";
}

/// <summary>Runs a written patch through our engine (real files) and through the reference patcher.</summary>
public static class AuthoringRunner
{
    public const string Target = "src/Thing.cs";

    public static async Task<byte[]> ApplyOursAsync(byte[] old, string patch)
    {
        using var folder = new TempFolder();
        string root = folder.Combine("tree");
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllBytes(Path.Combine(root, Target), old);
        string patchFile = folder.Write("p.ap", patch);
        var result = await new PatchEngine().ApplyFilesAsync([patchFile], new ApplyOptions { Root = root, Force = true, RecordHistory = false });
        Assert.True(result.Status == ApplyStatus.Success, $"our engine: {result.Status} {string.Join("; ", result.Errors.Select(e => e.Code + " " + e.Message))}\n{patch}");
        return File.ReadAllBytes(Path.Combine(root, Target));
    }

    public static byte[] ApplyReference(byte[] old, string patch)
    {
        using var folder = new TempFolder();
        string root = folder.Combine("tree");
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllBytes(Path.Combine(root, Target), old);
        string patchFile = folder.Write("p.ap", patch);
        var outcome = ReferencePatcher.Run(patchFile, root, strict: false);
        Assert.True(outcome.Status == "SUCCESS", $"reference: {outcome}\n{patch}");
        return File.ReadAllBytes(Path.Combine(root, Target));
    }

    public static AuthoredPatch Write(VersionPair pair) =>
        PatchAuthoring.FromDiff(Target, pair.OldBytes, pair.NewBytes, new AuthoringOptions { Seed = pair.Seed });

    public static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal);
}
