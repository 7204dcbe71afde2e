using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>Applies Codex patch text to a real temp tree through the engine, the way `patchbuild apply` does.</summary>
internal static class CodexKit
{
    /// <summary>Writes the patch beside the tree (not inside it) and applies it as a file.</summary>
    public static async Task<ApplyResult> ApplyAsync(TempTree tree, string patch, ApplyOptions? options = null, string name = "answer.txt", bool validate = false)
    {
        string folder = Directory.CreateTempSubdirectory("pb-codex-patch-").FullName;
        try
        {
            string file = Path.Combine(folder, name);
            await File.WriteAllTextAsync(file, patch);
            var engine = validate ? new PatchEngine() : Engine.Create();
            return await engine.ApplyFilesAsync([file], (options ?? new ApplyOptions()) with { Root = tree.Root });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static PatchSet Parse(string patch, bool strict = false) =>
        Engine.Create().Parse(patch, "answer.txt", strict);

    public static PatchError ParseError(string patch, bool strict = false) =>
        Assert.Throws<PatchException>(() => Parse(patch, strict)).Error;

    public static void Succeeded(ApplyResult result) =>
        Assert.True(result.Success, $"{result.Error?.Code}: {result.Error?.Message} {result.Error?.Hint}");

    public static PatchError Failed(ApplyResult result, string code)
    {
        Assert.False(result.Success);
        Assert.NotNull(result.Error);
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }

    public static string Wrap(string body) => "*** Begin Patch\n" + body + "*** End Patch\n";
}
