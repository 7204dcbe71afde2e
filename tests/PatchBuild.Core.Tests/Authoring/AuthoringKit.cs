using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Authoring.Templates;
using PatchBuild.Core.Tests.Ap.Differential;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>
/// Applies an authored patch for real: by our engine in the folder it was written for, and (ap patches) by the
/// spec's reference patcher in a copy made before; both must leave exactly the bytes the patch promised.
/// </summary>
internal static class AuthoringKit
{
    public static async Task<string> ApplyBothAsync(TempFolder folder, WrittenPatch patch)
    {
        string? referenceResult = null;
        if (patch.Format == Model.PatchFormat.Ap)
        {
            using var copy = new TempFolder();
            Directory.CreateDirectory(Path.GetDirectoryName(copy.Combine(patch.TargetPath))!);
            File.WriteAllBytes(copy.Combine(patch.TargetPath), File.ReadAllBytes(folder.Combine(patch.TargetPath)));
            string referencePatch = copy.Combine("afix.ap");
            File.WriteAllText(referencePatch, patch.Text);
            var outcome = ReferencePatcher.Run(referencePatch, copy.Path, strict: true);
            Assert.True(outcome.Status == "SUCCESS", $"ap.py: {outcome}\n{patch.Text}");
            referenceResult = File.ReadAllText(copy.Combine(patch.TargetPath));
        }

        string patchFile = Path.Combine(folder.Path, "new" + patch.Extension);
        File.WriteAllText(patchFile, patch.Text);
        try
        {
            var result = await new PatchEngine().ApplyFilesAsync([patchFile], new ApplyOptions { Root = folder.Path });
            Assert.True(result.Success, $"{result.Error?.Code}: {result.Error?.Message}\n{patch.Text}");
        }
        finally
        {
            File.Delete(patchFile);
        }

        string applied = File.ReadAllText(folder.Combine(patch.TargetPath));
        Assert.Equal(patch.ExpectedText, applied);
        if (referenceResult is not null)
        {
            Assert.Equal(applied, referenceResult);
        }

        return applied;
    }

    public static void AssertParses(string csharp)
    {
        var errors = CSharpSyntaxTree.ParseText(csharp).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n" + csharp);
    }

    public static Task<WrittenPatch> TemplateAsync(TempFolder folder, string template, string file, string set) =>
        PatchTemplates.CreateAsync(folder.Path, template, TemplateValues.Parse([set]), file);

    public static async Task<Model.PatchError> FailsAsync(Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<Model.PatchException>(action);
        return ex.Error;
    }
}
