using System.Text;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Checks;

/// <summary>A patch file to judge, with its content in the version being checked.</summary>
internal sealed record PatchCandidate(string Path, byte[] Content, bool Judged);

/// <summary>
/// Runs each patch through the engine's own parse and dry run, against the version of the tree being checked, so
/// the hook, CI and the build never disagree about a patch. Dry runs write nothing; for the index they run in a
/// temporary folder holding the staged versions of the files the patches touch.
/// </summary>
internal sealed class PatchJudge(ISourceTree tree, bool requireApplied, bool validateResult)
{
    private static readonly HashSet<string> UnsafeCodes = [ErrorCodes.UnsafePatch, ErrorCodes.InvalidFilePath];

    public List<CheckFinding> Findings { get; } = [];

    public List<PatchVerdict> Verdicts { get; } = [];

    public async Task JudgeAsync(IReadOnlyList<PatchCandidate> candidates, CancellationToken cancellationToken)
    {
        var engine = new PatchEngine();
        var parsed = new List<(PatchCandidate Candidate, PatchSet Patch)>();
        var needed = new HashSet<string>(StringComparer.Ordinal);
        string folder = tree.Materialise([]);
        foreach (var candidate in candidates)
        {
            if (Parse(engine, candidate, folder) is not { } patch)
            {
                continue;
            }

            parsed.Add((candidate, patch));
            needed.Add(candidate.Path);
            string patchRoot = RootOf(candidate.Path);
            foreach (var change in patch.Files)
            {
                AddTarget(needed, patchRoot, change.Path);
                AddTarget(needed, patchRoot, change.NewPath);
            }

            // Settings the validators read live at the workspace roots between the top and the patch's root.
            for (string at = patchRoot; ; at = ParentOf(at))
            {
                needed.Add(Join(at, PatchBuildConfigLoader.FileName));
                if (at.Length == 0)
                {
                    break;
                }
            }
        }

        if (parsed.Count == 0)
        {
            return;
        }

        folder = tree.Materialise(needed);
        foreach (var (candidate, patch) in parsed)
        {
            // A check only reads: no workspace lock, no recovery, no journal in the materialised copy.
            string patchRoot = RootOf(candidate.Path).Replace('/', Path.DirectorySeparatorChar);
            string root = Path.Combine(folder, patchRoot);
            string repositoryRoot = Path.Combine(tree.TopLevel, patchRoot);
            // The working tree's journal tells a DELETE applied before from one whose code was never there.
            string journal = Path.Combine(repositoryRoot, State.StateFolder.Name, State.JournalWriter.FileName);
            var options = new ApplyOptions
            {
                Root = root,
                RepositoryRoot = repositoryRoot,
                Force = !validateResult,
                RecordHistory = false,
                PatchRecordedAsApplied = PatchEngine.RecordedAsApplied(journal),
            };
            var result = await engine.DryRunAsync([patch], options, cancellationToken).ConfigureAwait(false);
            Judge(candidate, result, folder);
        }
    }

    private PatchSet? Parse(PatchEngine engine, PatchCandidate candidate, string folder)
    {
        string location = Path.Combine(folder, candidate.Path.Replace('/', Path.DirectorySeparatorChar));
        try
        {
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(candidate.Content).TrimStart('\uFEFF');
            return engine.Parse(text, location);
        }
        catch (DecoderFallbackException)
        {
            Report(candidate, CheckRules.UnparsablePatch, new PatchError(ErrorCodes.InvalidPatchFile, "The patch is not valid UTF-8 text.")
            {
                Hint = "Save the patch as UTF-8.",
            });
        }
        catch (PatchException ex)
        {
            // A parser may refuse an escaping path already: that is a safety finding, not a syntax one.
            Report(candidate, UnsafeCodes.Contains(ex.Error.Code) ? CheckRules.UnsafePatch : CheckRules.UnparsablePatch, ex.Error);
        }

        Verdicts.Add(new PatchVerdict(candidate.Path, null, Pending: false));
        return null;
    }

    private void Judge(PatchCandidate candidate, ApplyResult result, string materialised)
    {
        bool pending = result.Success && result.Changes.Count > 0;
        Verdicts.Add(new PatchVerdict(candidate.Path, result, pending));
        if (candidate.Judged)
        {
            foreach (var error in result.Errors)
            {
                Report(candidate, UnsafeCodes.Contains(error.Code) ? CheckRules.UnsafePatch : CheckRules.StalePatch, InRepository(error, materialised));
            }
        }

        if (candidate.Judged || requireApplied)
        {
            // A DELETE of code that is not there "succeeds" as a no-op; the commit should not carry it unnoticed.
            foreach (var warning in result.Warnings.Where(w => w.Code == ErrorCodes.NothingToDelete))
            {
                Findings.Add(new CheckFinding(CheckRules.StalePatch, $"{warning.Message} ({warning.Code})")
                {
                    File = candidate.Path,
                    Line = warning.Line,
                    ErrorCode = warning.Code,
                    Hint = "Check the snippet against the file; if the code is really gone, drop this modification from the patch.",
                });
            }
        }

        if (!requireApplied)
        {
            return;
        }

        if (pending)
        {
            Findings.Add(new CheckFinding(CheckRules.PendingPatch,
                $"The patch is not applied: it would still change {Files(result.Changes.Count)}.")
            {
                File = candidate.Path,
                Hint = $"Apply it ('patchbuild apply --archive {candidate.Path}', or build the project), or remove it from the commit; hook.requireApplied is on.",
            });
        }
        else if (!result.Success && !candidate.Judged)
        {
            var error = result.Errors[0];
            Findings.Add(new CheckFinding(CheckRules.PendingPatch, $"The patch is not applied, and it does not apply either: {error.Message}")
            {
                File = candidate.Path,
                Line = error.Line,
                ErrorCode = error.Code,
                Hint = "Fix or delete the patch; hook.requireApplied is on, so no patch may stay pending.",
            });
        }
    }

    // The dry run ran in a temporary copy: a hint that names its folder names the repository's instead.
    private PatchError InRepository(PatchError error, string materialised) =>
        error.Hint is { } hint && materialised != tree.TopLevel && hint.Contains(materialised, StringComparison.Ordinal)
            ? error with { Hint = hint.Replace(materialised, tree.TopLevel, StringComparison.Ordinal) }
            : error;

    private void Report(PatchCandidate candidate, CheckRule rule, PatchError error)
    {
        string target = error.File is { Length: > 0 } file && !error.Message.Contains(file, StringComparison.Ordinal) ? $"{file}: " : "";
        Findings.Add(new CheckFinding(rule, $"{target}{error.Message} ({error.Code})")
        {
            File = candidate.Path,
            Line = error.Line is > 0 ? error.Line : null,
            ErrorCode = error.Code,
            SafetyRuleId = rule == CheckRules.UnsafePatch ? error.Rule : null,
            Hint = error.Hint ?? DefaultHint(rule),
        });
    }

    private static string DefaultHint(CheckRule rule) => rule == CheckRules.UnsafePatch
        ? "Remove the unsafe change from the patch; see 'patchbuild apply --dry-run' for details."
        : "Regenerate the patch against the staged files, or check it with 'patchbuild apply --dry-run'.";

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";

    // Targets are written relative to the patch's root; a path the guard refuses is left for the dry run to report.
    private static void AddTarget(HashSet<string> needed, string patchRoot, string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return;
        }

        try
        {
            needed.Add(Join(patchRoot, PathGuard.Normalize(target)));
        }
        catch (PatchException)
        {
        }
    }

    // The build's rule (PatchRoot), read from the working tree's folders, as '/'-separated path below the top.
    private string RootOf(string patchPath)
    {
        string full = Path.Combine(tree.TopLevel, patchPath.Replace('/', Path.DirectorySeparatorChar));
        string relative = Path.GetRelativePath(tree.TopLevel, PatchRoot.For(full)).Replace('\\', '/');
        return relative == "." ? "" : relative.StartsWith("..", StringComparison.Ordinal) ? ParentOf(patchPath) : relative;
    }

    private static string ParentOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Join(string folder, string path) => folder.Length == 0 ? path : folder + "/" + path;
}
