using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// `patchbuild new --template`: fills a template with checked values, runs its operation on the target file, writes
/// the patch (ap; patch.json for JSON keys) and proves it by planning it with the engine.
/// </summary>
public static class PatchTemplates
{
    public static async Task<WrittenPatch> CreateAsync(string root, string templateName, IReadOnlyDictionary<string, string> given, string? file,
        CSharpParseOptions? parseOptions = null, CancellationToken cancellationToken = default)
    {
        var template = TemplateCatalog.Find(root, templateName);
        var values = TemplateValues.Resolve(template, given);
        var operation = TemplateOperations.Get(template.Operation);
        AuthoringTarget? target = null;
        if (file is not null)
        {
            target = AuthoringTarget.Read(root, file);
            if (template.Targets.Count > 0 && !template.Targets.Any(t => target.Path.EndsWith(t, StringComparison.OrdinalIgnoreCase)))
            {
                throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue,
                    $"Template '{template.Name}' edits {string.Join(" or ", template.Targets)} files, not '{target.Path}'.",
                    "Point --file at a file of that kind.", target.Path);
            }
        }
        else if (operation.NeedsTarget(template))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"Template '{template.Name}' needs the file to change: --file PATH.",
                $"e.g. patchbuild new --template {template.Name} --file {Example(template)} --set ...");
        }

        var run = new TemplateRun(template, values, target?.Path, target?.Text) { ParseOptions = parseOptions ?? CSharpParseOptions.Default };
        var output = operation.Run(run);
        string summary = $"Template {template.Name}: {template.Description}";
        if (output.Edits is { } edits)
        {
            return await AuthoredEdits.FinishAsync(target!, edits, [summary], cancellationToken).ConfigureAwait(false);
        }

        string targetPath = target?.Path ?? "";
        string? planned = await PlanCheck.PlannedTextAsync(Path.GetFullPath(root), output.PatchText!, targetPath, cancellationToken).ConfigureAwait(false);
        return new WrittenPatch(output.PatchText!, output.Format, targetPath, planned ?? target?.Text ?? "");
    }

    private static string Example(TemplateDefinition template) => template.Targets.Count > 0 ? "path/to/file" + template.Targets[0] : "path/to/file";
}

/// <summary>Edits of one file → an ap patch, proven: the engine's plan must give exactly the text the edits mean.</summary>
internal static class AuthoredEdits
{
    public static async Task<WrittenPatch> FinishAsync(AuthoringTarget target, IReadOnlyList<TextEdit> edits, IReadOnlyList<string> summary, CancellationToken cancellationToken)
    {
        PatchException? last = null;
        foreach (bool mergeAll in new[] { false, true })
        {
            var written = ApEditWriter.Write(target.Path, target.Text, edits, mergeAll);
            string text = ApPatchText.Write([written.File], summary);
            string? planned = await PlanCheck.PlannedTextAsync(target.Root, text, target.Path, cancellationToken).ConfigureAwait(false);
            if (planned == written.ExpectedText)
            {
                return new WrittenPatch(text, PatchFormat.Ap, target.Path, written.ExpectedText);
            }

            last = AuthoringFailure.Of(AuthoringErrorCodes.InvalidCode,
                $"The written patch would not give the planned text of '{target.Path}'.",
                "This is a fault of the patch writer; report it with the target file. Nothing was written.", target.Path);
        }

        throw last!;
    }
}
