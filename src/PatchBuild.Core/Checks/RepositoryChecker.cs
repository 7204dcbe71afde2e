using PatchBuild.Core.Configuration;
using PatchBuild.Core.Git;
using PatchBuild.Core.Git.Hooks;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Checks;

/// <summary>
/// The check engine shared by the pre-commit hook and `patchbuild check`. It decides from file names first and
/// loads the patch engine only when a patch file is involved, so a commit without patches costs two git calls.
/// </summary>
public static class RepositoryChecker
{
    public static async Task<CheckReport> RunAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(request.Root);
        GitRepository? repository;
        try
        {
            repository = request.Scope == CheckScope.StagedChanges ? GitRepository.FindFromHook(root) : GitRepository.Find(root);
            if (repository is null && request.Scope != CheckScope.WorkingTree)
            {
                return Failed(request, root, new PatchError(ErrorCodes.GitFailed, $"'{root}' is not inside a git repository, so it has no staged files.")
                {
                    Hint = "Run inside a git repository, or check the folder as it is on disk (without --staged).",
                });
            }

            using ISourceTree tree = request.Scope switch
            {
                CheckScope.WorkingTree => new WorkingTree(root, repository),
                _ => new IndexTree(repository!, request.Scope == CheckScope.StagedChanges, Prefix(repository!.TopLevel, root)),
            };
            return await CheckAsync(request, tree, repository, cancellationToken).ConfigureAwait(false);
        }
        catch (PatchException ex)
        {
            return Failed(request, root, ex.Error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temporary folder for a dry run, or a file being read, failed: say so instead of crashing the commit.
            return Failed(request, root, new PatchError(ErrorCodes.FileWriteError, $"The check could not read or write a file: {ex.Message}")
            {
                Hint = "Check free space and permissions of the temporary folder and the repository.",
            });
        }
    }

    private static async Task<CheckReport> CheckAsync(CheckRequest request, ISourceTree tree, GitRepository? repository, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var patchFiles = new List<string>();
        var textFiles = new List<string>();
        var candidateSet = tree.Candidates.ToHashSet(StringComparer.Ordinal);

        // The settings come first: their "patches.patterns" decide which files are patches (the committed version wins).
        var settings = ReadSettings(tree, candidateSet, findings);
        bool settingsRead = findings.Count == 0;
        foreach (string path in tree.Candidates)
        {
            if (PatchFileNames.LeftoverReason(path) is { } reason)
            {
                findings.Add(new CheckFinding(CheckRules.Leftover, $"'{path}' must not be committed: {reason}.")
                {
                    File = path,
                    Hint = request.Scope == CheckScope.WorkingTree
                        ? $"Delete it (or add it to .gitignore) once you no longer need it: rm '{path}'."
                        : $"Unstage and delete it: git rm --cached '{path}' && rm '{path}'.",
                });
            }
            else if (PatchFileNames.IsPatchFile(path, settings.Patches))
            {
                patchFiles.Add(path);
            }
            else
            {
                textFiles.Add(path);
            }
        }

        var patchContents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var contentPatches = new List<string>();
        findings.AddRange(tree.PatchFileLinks.Select(link => new CheckFinding(CheckRules.UnsafePatch,
            $"'{link}' is a symbolic link with a patch file's name: PatchBuild would apply the file it points to, which this check cannot judge as the patch.")
        {
            File = link,
            Hint = "Commit the patch itself as a regular file, or remove the link.",
        }));
        var patchSet = patchFiles.ToHashSet(StringComparer.Ordinal);

        // One read for everything else: contents to scan and patches to judge.
        List<string> reads = [.. textFiles, .. patchFiles];
        tree.ReadFiles(reads, (path, content) =>
        {
            if (content is null || !candidateSet.Contains(path))
            {
                return;
            }

            if (patchSet.Contains(path))
            {
                patchContents[path] = content;
            }
            else if (PatchFileNames.IsPatchContent(path, content))
            {
                // Named like data, read as a patch by `patchbuild apply`: judged as one.
                contentPatches.Add(path);
                patchContents[path] = content;
            }
            else if (ConflictMarkerScanner.FindConflict(content) is { } line)
            {
                findings.Add(new CheckFinding(CheckRules.ConflictMarkers, "a '<<<<<<<' ... '>>>>>>>' block was never resolved.")
                {
                    File = path,
                    Line = line,
                    Hint = "Edit the file to keep the right side, delete the marker lines, then stage it again.",
                });
            }
        });

        // A patch that could not be read (over the size limit) is never a silent pass.
        foreach (string path in patchFiles.Where(p => !patchContents.ContainsKey(p)))
        {
            findings.Add(new CheckFinding(CheckRules.UnparsablePatch, $"'{path}' could not be read (larger than {BlobReader.MaxBlobSize / (1024 * 1024)} MB, or unreadable), so it was not judged.")
            {
                File = path,
                Hint = "Split the patch into smaller ones, or remove it from the commit.",
            });
        }

        patchFiles.AddRange(contentPatches);
        patchSet.UnionWith(contentPatches);
        var journalFindings = InspectJournals(tree).ToList();
        findings.AddRange(journalFindings);
        bool requireApplied = request.RequireApplied ?? settings.Hook.RequireApplied;
        if (request.Scope == CheckScope.StagedChanges && repository is not null)
        {
            // What the hook's script may skip the engine for next time (HookStateStamp): settings that add no patch
            // names and require nothing, and a top-level journal with nothing left unfinished.
            bool settingsPlain = settingsRead && !settings.Hook.RequireApplied && settings.Patches.Patterns.Count == 0;
            bool journalSettled = !journalFindings.Any(f => f.File == JournalInspector.RelativePath);
            HookStateStamp.Refresh(repository, settingsPlain, journalSettled);
        }

        var verdicts = new List<PatchVerdict>();
        var candidates = patchFiles.Where(patchContents.ContainsKey).Select(p => new PatchCandidate(p, patchContents[p], Judged: true)).ToList();
        if (requireApplied)
        {
            var others = tree.PresentPatchFiles(p => PatchFileNames.IsPatchFile(p, settings.Patches)).Where(p => !patchSet.Contains(p) && PatchFileNames.LeftoverReason(p) is null).ToList();
            tree.ReadFiles(others, (path, content) =>
            {
                if (content is not null)
                {
                    candidates.Add(new PatchCandidate(path, content, Judged: false));
                }
            });
        }

        if (candidates.Count > 0)
        {
            var judge = new PatchJudge(tree, requireApplied, request.ValidateResult);
            await judge.JudgeAsync(candidates, cancellationToken).ConfigureAwait(false);
            findings.AddRange(judge.Findings);
            verdicts = judge.Verdicts;
        }

        return new CheckReport(request.Scope, tree.TopLevel, Order(findings))
        {
            Patches = verdicts,
            FilesChecked = tree.Candidates.Count,
        };
    }

    // Journals sit at workspace roots: the top of the repository and any folder that holds a file being checked.
    private static IEnumerable<CheckFinding> InspectJournals(ISourceTree tree)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal) { "" };
        foreach (string path in tree.Candidates)
        {
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                if (!folders.Add(path[..slash]))
                {
                    break;
                }
            }
        }

        foreach (string folder in folders)
        {
            string display = folder.Length == 0 ? JournalInspector.RelativePath : folder + "/" + JournalInspector.RelativePath;
            foreach (var finding in JournalInspector.Inspect(Path.Combine(tree.TopLevel, display.Replace('/', Path.DirectorySeparatorChar)), display))
            {
                yield return finding;
            }
        }
    }

    // The same loader and policy as apply: a file apply would refuse is reported here, and the defaults stand in.
    // The staged (or committed) version wins over the one on disk; without either, the defaults apply.
    private static PatchBuildConfig ReadSettings(ISourceTree tree, HashSet<string> candidateSet, List<CheckFinding> findings)
    {
        string settingsOnDisk = Path.Combine(tree.TopLevel, PatchBuildConfigLoader.FileName);
        byte[]? content = null;
        if (candidateSet.Contains(PatchBuildConfigLoader.FileName) || File.Exists(settingsOnDisk))
        {
            // This version's file (the index's, for the hook) before the disk's: unstaged edits do not decide the check.
            tree.ReadFiles([PatchBuildConfigLoader.FileName], (_, bytes) => content = bytes);
            content ??= WorkingTree.ReadDiskFile(settingsOnDisk);
        }

        if (content is null)
        {
            return PatchBuildConfig.Default;
        }

        try
        {
            return PatchBuildConfigLoader.Parse(content, PatchBuildConfigLoader.FileName);
        }
        catch (PatchException ex)
        {
            findings.Add(new CheckFinding(CheckRules.CheckError, ex.Error.Message)
            {
                File = PatchBuildConfigLoader.FileName,
                Line = ex.Error.Line,
                Hint = ex.Error.Hint,
                ErrorCode = ex.Error.Code,
            });
            return PatchBuildConfig.Default;
        }
    }

    private static List<CheckFinding> Order(List<CheckFinding> findings) =>
        findings.OrderBy(f => f.File ?? "", StringComparer.Ordinal).ThenBy(f => f.Line ?? 0).ThenBy(f => f.Rule.Id, StringComparer.Ordinal).ToList();

    private static CheckReport Failed(CheckRequest request, string root, PatchError error) =>
        new(request.Scope, root, [new CheckFinding(CheckRules.CheckError, error.Message) { Hint = error.Hint, ErrorCode = error.Code }]);

    /// <summary>The checked folder relative to the top of the repository, '/'-terminated, or "" for the whole repository.</summary>
    internal static string Prefix(string topLevel, string folder)
    {
        string relative = Path.GetRelativePath(topLevel, Path.GetFullPath(folder)).Replace('\\', '/');
        return relative is "." || relative.StartsWith("..", StringComparison.Ordinal) ? "" : relative.TrimEnd('/') + "/";
    }
}
