using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Judges a plan against the safety rules and the project's patchbuild.json. Error findings block the commit as
/// UNSAFE_PATCH (INVALID_FILE_PATH for the path rules); warning findings are reported and let it pass.
/// Runs under --force too: force skips syntax and compile checks, never safety.
/// </summary>
public sealed class SafetyValidator : IPlanValidator
{
    private const int MaxReportedErrors = 50;

    public void Validate(PlanValidationContext context)
    {
        PatchBuildConfig config;
        try
        {
            config = context.Options.Config ?? PatchBuildConfigLoader.Load(context.Root, context.Options.ConfigPath);
        }
        catch (PatchException ex)
        {
            // A broken configuration blocks, but the plan is still judged by the defaults so the report is complete.
            context.Errors.Add(ex.Error);
            config = PatchBuildConfig.Default;
        }

        List<SafetyFinding> findings;
        try
        {
            var repository = RepositoryCodePaths.For(context.Options.RepositoryRoot ?? context.Root);
            findings = SafetyScanner.Scan(context.Changes, context.Patches, config.MaxChangedLines, config.MaxChangedFiles, repository);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Errors.Add(new PatchError(ErrorCodes.UnsafePatch, $"The safety rules could not judge this patch: {ex.Message}")
            {
                Hint = "Nothing was written. Check the patch for unusual content (binary data, extremely long lines) and report the problem.",
            });
            return;
        }

        var locator = new PatchLineLocator(context.Patches);
        int reported = 0;
        foreach (var finding in findings)
        {
            var severity = config.SeverityOf(finding.Rule);
            if (severity == RuleSeverity.Off || config.AllowanceFor(finding.Rule, finding.File, finding.LineText) is not null)
            {
                continue;
            }

            if (finding.Secret is not null)
            {
                context.Secrets.Add(finding.Secret);
            }

            var (patchLine, patchFile) = finding.File.Length > 0 ? locator.Locate(finding.File, finding.LineText) : (null, null);
            string message = Describe(finding, severity, patchLine);
            if (severity == RuleSeverity.Warning)
            {
                context.Warnings.Add(new PatchWarning(finding.Rule.Id, message) { File = NullIfEmpty(finding.File), Line = patchLine, PatchFile = patchFile });
                continue;
            }

            if (++reported > MaxReportedErrors)
            {
                continue;
            }

            bool pathRule = !finding.Rule.Configurable;
            context.Errors.Add(new PatchError(pathRule ? ErrorCodes.InvalidFilePath : ErrorCodes.UnsafePatch, message)
            {
                File = NullIfEmpty(finding.File),
                Line = patchLine,
                PatchFile = patchFile,
                Hint = finding.Rule.Hint,
                Rule = finding.Rule.Id,
                Context = new Dictionary<string, object?>
                {
                    ["rule"] = finding.Rule.Id,
                    ["severity"] = "error",
                    ["file"] = NullIfEmpty(finding.File),
                    ["line"] = finding.Line,
                    ["match"] = finding.Match,
                    ["patchLine"] = patchLine,
                },
            });
        }

        if (reported > MaxReportedErrors)
        {
            context.Errors.Add(new PatchError(ErrorCodes.UnsafePatch, $"{reported - MaxReportedErrors} more safety findings were not listed.")
            {
                Hint = "Fix the findings above and run again to see the rest.",
            });
        }
    }

    private static string Describe(SafetyFinding finding, RuleSeverity severity, int? patchLine)
    {
        string verdict = severity == RuleSeverity.Error ? "Blocked" : "Warning";
        string detail = finding.Detail is null ? "" : $" ({finding.Detail})";
        string where = patchLine is not null ? $" (patch line {patchLine})"
            : finding.Line is not null ? $" ({finding.File} line {finding.Line})"
            : "";
        return $"{verdict}: {finding.Rule.Id} {finding.Rule.Title} \"{finding.Match}\"{detail}{where}";
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
