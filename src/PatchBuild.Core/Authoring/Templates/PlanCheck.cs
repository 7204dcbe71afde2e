using PatchBuild.Core.Model;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// Proves a written patch before anyone sees it: the engine parses it strictly and plans it against the root (dry
/// run, nothing written), with syntax validation — the same checks apply runs. Safety rules are left to apply, which
/// judges the patch as it judges any other.
/// </summary>
internal static class PlanCheck
{
    /// <summary>The text <paramref name="targetPath"/> would have after the patch; a failed plan throws its first error.</summary>
    public static async Task<string?> PlannedTextAsync(string root, string patchText, string targetPath, CancellationToken cancellationToken)
    {
        var engine = new PatchEngine(validators: [new SyntaxValidator()]);
        PatchSet patch;
        try
        {
            patch = engine.Parse(patchText, sourcePath: null, strict: true);
        }
        catch (PatchException ex)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidCode, $"The written patch does not parse: {ex.Error.Message}",
                "This is a fault of the template or the writer; report it with the template and the target file.");
        }

        var result = await engine.ApplyAsync([patch], new ApplyOptions { Root = root, DryRun = true, Strict = true, RecordHistory = false }, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            var error = result.Error!;
            throw new PatchException(error with
            {
                Message = $"The planned change does not apply cleanly: {error.Message}",
                Hint = error.Hint ?? "Nothing was written.",
            });
        }

        var change = result.Changes.FirstOrDefault(c => string.Equals(c.Path.Relative, targetPath, StringComparison.Ordinal));
        return change?.AfterText;
    }
}
