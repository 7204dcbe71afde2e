using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Planning;

/// <summary>
/// Resolves every patch against the in-memory workspace, in order, producing the planned file contents.
/// Nothing here writes to disk.
/// </summary>
public sealed partial class PatchPlanner(IReadOnlyList<IModificationApplier> appliers)
{
    public sealed class PlanOutcome
    {
        public List<FileResult> Files { get; } = [];
        public List<PatchWarning> Warnings { get; } = [];
        public List<PatchError> Errors { get; } = [];

        /// <summary>Failed modifications per patch, for the retry patch and report of a partial run.</summary>
        public List<(PatchSet Patch, FileChange File, Modification? Modification, PatchError Error)> Failures { get; } = [];

        /// <summary>Overlaps found while merging changes made against an older content (<see cref="FileChange.BaseHash"/>).</summary>
        public List<MergeConflict> Conflicts { get; } = [];
    }

    public PlanOutcome Plan(PatchWorkspace workspace, IReadOnlyList<PatchSet> patches, ApplyOptions options)
    {
        var outcome = new PlanOutcome();
        foreach (var patch in patches)
        {
            outcome.Warnings.AddRange(patch.Warnings.Select(w => w with { PatchFile = w.PatchFile ?? patch.SourcePath }));
            outcome.Warnings.AddRange(RecordedBaseCheck.Warnings(workspace, patch));
            for (int i = 0; i < patch.Files.Count;)
            {
                if (IndependentEdits(workspace, patch.Files, i, options) is { } run)
                {
                    if (!PlanConcurrently(workspace, patch, run, options, outcome))
                    {
                        return outcome;
                    }

                    i += run.Count;
                    continue;
                }

                var change = patch.Files[i++];
                var snapshot = options.Partial ? workspace.Snapshot() : null;
                try
                {
                    outcome.Files.Add(PlanFile(workspace, patch, change, options, outcome));
                }
                catch (PatchException ex)
                {
                    if (snapshot is not null)
                    {
                        workspace.Restore(snapshot);
                    }

                    RecordFailure(outcome, patch, change, ex);
                    if (!options.Partial)
                    {
                        return outcome;
                    }
                }
            }
        }

        return outcome;
    }

    private static void RecordFailure(PlanOutcome outcome, PatchSet patch, FileChange change, PatchException ex)
    {
        var error = Locate(ex.Error, patch, change, null);
        outcome.Errors.Add(error);
        outcome.Failures.Add((patch, change, null, error));
        outcome.Files.Add(new FileResult(error.File ?? change.Path, ActionName(change), FileStatus.Failed) { Error = error, PatchFile = patch.SourcePath, Failed = 1 });
    }

    private FileResult PlanFile(PatchWorkspace workspace, PatchSet patch, FileChange change, ApplyOptions options, PlanOutcome outcome)
    {
        var path = workspace.Resolve(change.Path);
        if ((change.Kind is FileChangeKind.Create or FileChangeKind.CreateDirectory or FileChangeKind.Recreate || change.CreateWhenMissing) &&
            !workspace.FileExists(path) && !workspace.DirectoryExists(path))
        {
            PathGuard.RequirePortableName(change.Path);
        }

        FileAction action = ActionName(change);
        FileResult Result(FileStatus status, string? reason = null, int applied = 0, int skipped = 0) =>
            new(path.Relative, action, status) { PatchFile = patch.SourcePath, Reason = reason, Applied = applied, Skipped = skipped };

        switch (change.Kind)
        {
            case FileChangeKind.Modify:
                return PlanModifications(workspace, patch, change, path, options, outcome);

            case FileChangeKind.Create when change.Modifications.Count > 0:
                return PlanCreateThenEdit(workspace, patch, change, path, options, outcome);

            case FileChangeKind.Create:
            {
                string content = WithNewline(change.Content ?? "", change.Newline);
                if (workspace.FileExists(path))
                {
                    if (SameText(workspace.GetText(path)!, content))
                    {
                        return Result(FileStatus.Skipped, "already applied: the file exists with this content", skipped: 1);
                    }

                    throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot create '{path.Relative}': a different file already exists there.")
                    {
                        File = path.Relative,
                        Hint = "Use RECREATE to replace the whole file, or FILE + REPLACE to edit it.",
                    });
                }

                if (workspace.DirectoryExists(path))
                {
                    throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot create file '{path.Relative}': a folder exists there.") { File = path.Relative, Hint = "Choose another path, or delete the folder first." });
                }

                workspace.SetText(path, content);
                return Result(FileStatus.Applied, applied: 1);
            }

            case FileChangeKind.CreateDirectory:
                if (workspace.DirectoryExists(path))
                {
                    return Result(FileStatus.Skipped, "already applied: the folder exists", skipped: 1);
                }

                if (workspace.FileExists(path))
                {
                    throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot create folder '{path.Relative}': a file exists there.") { File = path.Relative, Hint = "Choose another path." });
                }

                workspace.CreateDirectory(path);
                return Result(FileStatus.Applied, applied: 1);

            case FileChangeKind.Recreate:
            {
                if (BaseMergePlanner.Plan(workspace, path, change, options, outcome.Conflicts) is { } merged)
                {
                    return Result(merged.Status) with { Notes = [merged.Note], Applied = merged.Status == FileStatus.Applied ? 1 : 0, Skipped = merged.Status == FileStatus.Skipped ? 1 : 0 };
                }

                string content = WithNewline(change.Content ?? "", change.Newline ?? NewlineOfExisting(workspace, path));
                if (workspace.FileExists(path) && SameText(workspace.GetText(path)!, content))
                {
                    return Result(FileStatus.Skipped, "already applied: the file already has this content", skipped: 1);
                }

                if (change.ReplacesExisting && workspace.FileExists(path))
                {
                    outcome.Warnings.Add(Replaced(patch, change, path, $"'{path.Relative}' already existed and was replaced by the patch's content (the old file is in the backup; 'patchbuild rollback' restores it)."));
                }

                workspace.SetText(path, content, workspace.GetDocument(path)?.Encoding ?? FileEncoding.Utf8);
                return Result(FileStatus.Applied, applied: 1);
            }

            case FileChangeKind.Delete:
                if (!workspace.FileExists(path) && !workspace.DirectoryExists(path))
                {
                    return Result(FileStatus.Skipped, "already applied: the path is gone", skipped: 1);
                }

                if (change.FileOnly && workspace.DirectoryExists(path))
                {
                    throw FolderRefused(path, "delete");
                }

                if (change.ExpectedContent is not null && workspace.FileExists(path) && !SameText(workspace.GetText(path)!, change.ExpectedContent))
                {
                    throw new PatchException(new PatchError(ErrorCodes.Conflict, $"'{path.Relative}' is not the file the patch deletes: its content differs.")
                    {
                        File = path.Relative,
                        Hint = "The file changed since the patch was made; review it and delete it by hand if it should go.",
                    });
                }

                workspace.Delete(path);
                return Result(FileStatus.Applied, applied: 1);

            case FileChangeKind.Rename:
            {
                var target = workspace.Resolve(change.NewPath ?? throw new PatchException(ErrorCodes.InvalidModification, "RENAME needs a new path."));
                PathGuard.RequirePortableName(change.NewPath);
                bool sourceExists = workspace.FileExists(path) || workspace.DirectoryExists(path);
                bool targetExists = workspace.FileExists(target) || workspace.DirectoryExists(target);
                if (!sourceExists && targetExists)
                {
                    return Result(FileStatus.Skipped, $"already applied: '{target.Relative}' exists and '{path.Relative}' is gone", skipped: 1);
                }

                if (!sourceExists)
                {
                    throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"Cannot rename '{path.Relative}': neither it nor '{target.Relative}' exists.")
                    {
                        File = path.Relative,
                        Hint = $"Check the path in the FILE directive; it resolved against {workspace.Root} ({PatchRoot.Description}).",
                    });
                }

                if (change.FileOnly && workspace.DirectoryExists(path))
                {
                    throw FolderRefused(path, "move");
                }

                if (targetExists && change.ReplacesExisting && workspace.FileExists(target) && !SamePath(path, target))
                {
                    outcome.Warnings.Add(Replaced(patch, change, target, $"'{target.Relative}' already existed and was replaced by '{path.Relative}' (the old file is in the backup; 'patchbuild rollback' restores it)."));
                    workspace.Delete(target);
                    targetExists = false;
                }

                if (targetExists)
                {
                    throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot rename '{path.Relative}' to '{target.Relative}': the destination exists.")
                    {
                        File = path.Relative,
                        Hint = "Delete or rename the destination first, or choose another name.",
                    });
                }

                workspace.Move(path, target);
                return Result(FileStatus.Applied, applied: 1) with { NewPath = target.Relative, Notes = [$"renamed to {target.Relative}"] };
            }

            default:
                throw new PatchException(ErrorCodes.InvalidModification, $"Unknown file change {change.Kind}.");
        }
    }

    /// <summary>
    /// CREATE followed by edits in the same ap FILE block: the edits apply to the created text. A file that already
    /// holds exactly that result is the same patch applied before (idempotency); any other existing file is refused.
    /// </summary>
    private FileResult PlanCreateThenEdit(PatchWorkspace workspace, PatchSet patch, FileChange change, WorkspacePath path, ApplyOptions options, PlanOutcome outcome)
    {
        string content = WithNewline(change.Content ?? "", change.Newline);
        var edit = change with { Kind = FileChangeKind.Modify };
        if (workspace.DirectoryExists(path))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot create file '{path.Relative}': a folder exists there.") { File = path.Relative, Hint = "Choose another path, or delete the folder first." });
        }

        if (workspace.FileExists(path) && !SameText(workspace.GetText(path)!, content))
        {
            string existing = workspace.GetText(path)!;
            var snapshot = workspace.Snapshot();
            string? edited = null;
            try
            {
                workspace.SetText(path, content);
                PlanModifications(workspace, patch, edit, path, options with { Partial = false }, new PlanOutcome());
                edited = workspace.GetText(path);
            }
            catch (PatchException)
            {
                // The edits do not even apply to the created text; the existing file is simply a different one.
            }
            finally
            {
                workspace.Restore(snapshot);
            }

            if (edited is not null && SameText(existing, edited))
            {
                return new FileResult(path.Relative, FileAction.Create, FileStatus.Skipped) { PatchFile = patch.SourcePath, Reason = "already applied: the file exists with the created and edited content", Skipped = 1 + change.Modifications.Count };
            }

            throw new PatchException(new PatchError(ErrorCodes.FileExists, $"Cannot create '{path.Relative}': a different file already exists there.")
            {
                File = path.Relative,
                Hint = "Use RECREATE to replace the whole file, or FILE + REPLACE to edit it.",
            });
        }

        workspace.SetText(path, content);
        var result = PlanModifications(workspace, patch, edit, path, options, outcome);
        return result with { Action = FileAction.Create, Status = result.Status == FileStatus.Skipped ? FileStatus.Applied : result.Status, Applied = result.Applied + 1 };
    }

    private FileResult PlanModifications(PatchWorkspace workspace, PatchSet patch, FileChange change, WorkspacePath path, ApplyOptions options, PlanOutcome outcome)
    {
        var current = workspace.GetDocument(path);
        bool created = false;
        if (current is null && change.CreateWhenMissing && !workspace.DirectoryExists(path))
        {
            current = new TextDocument([], "\n", endsWithNewline: false);
            created = true;
        }

        if (current is null)
        {
            throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"File not found: '{path.Relative}'.")
            {
                File = path.Relative,
                Hint = workspace.DirectoryExists(path)
                    ? "That path is a folder; name a file."
                    : $"Check the path; it resolved against {workspace.Root} ({PatchRoot.Description}). To make a new file, the patch must create it (ap: CREATE; diff: --- /dev/null).",
            });
        }

        var context = new FileEditContext(path, current.Clone(), options, patch);
        int applied = 0, skipped = 0, failed = 0;
        var notes = new List<string>();
        foreach (var modification in change.Modifications)
        {
            var applier = appliers.FirstOrDefault(a => a.CanApply(modification))
                ?? throw new PatchException(ErrorCodes.Unsupported, $"No applier for {modification.GetType().Name}.");
            var before = options.Partial ? context.Document.Clone() : null;
            try
            {
                var result = applier.Apply(modification, context);
                notes.AddRange(result.Notes);
                if (result.Status == ModificationStatus.Skipped)
                {
                    skipped++;
                }
                else
                {
                    applied++;
                }
            }
            catch (PatchException ex) when (options.Partial)
            {
                context.Document = before!;
                var error = Locate(ex.Error, patch, change, modification);
                failed++;
                outcome.Errors.Add(error);
                outcome.Failures.Add((patch, change, modification, error));
            }
            catch (PatchException ex)
            {
                throw new PatchException(Locate(ex.Error, patch, change, modification));
            }
        }

        context.Finish();
        outcome.Warnings.AddRange(context.Warnings);
        context.Document.AdoptShapeOf(current);
        if (applied > 0)
        {
            EncodingGuard.RefuseMixedEncodings(current, context.Document, change, path);
        }

        if (change.Newline is { } mode)
        {
            context.Document.Newline = TextDocument.NewlineOf(mode);
        }

        if (applied > 0 || change.Newline is not null)
        {
            workspace.SetDocument(path, context.Document);
        }

        workspace.Settle(path);

        var status = failed > 0 ? (applied > 0 ? FileStatus.Partial : FileStatus.Failed) : applied > 0 ? FileStatus.Applied : FileStatus.Skipped;
        return new FileResult(path.Relative, created ? FileAction.Create : FileAction.Modify, status)
        {
            PatchFile = patch.SourcePath,
            Applied = applied,
            Skipped = skipped,
            Failed = failed,
            Reason = status == FileStatus.Skipped ? "already applied" : null,
            Notes = notes,
            Error = failed > 0 ? outcome.Errors[^1] : null,
        };
    }

    /// <summary>Warning code of a file a patch replaced because its dialect says so (<see cref="FileChange.ReplacesExisting"/>).</summary>
    public const string FileReplacedWarning = "FILE_REPLACED";

    private static PatchWarning Replaced(PatchSet patch, FileChange change, WorkspacePath path, string message) =>
        new(FileReplacedWarning, message) { File = path.Relative, Line = change.PatchLine > 0 ? change.PatchLine : null, PatchFile = patch.SourcePath };

    private static PatchException FolderRefused(WorkspacePath path, string verb) =>
        new(new PatchError(ErrorCodes.FileExists, $"Cannot {verb} '{path.Relative}': it is a folder, and the patch addresses a file.")
        {
            File = path.Relative,
            Hint = $"Name the file to {verb}; a whole folder is never {(verb == "move" ? "moved" : "deleted")} by this kind of patch.",
        });

    private static bool SamePath(WorkspacePath a, WorkspacePath b) => string.Equals(a.Full, b.Full, StringComparison.Ordinal);

    private static PatchError Locate(PatchError error, PatchSet patch, FileChange change, Modification? modification) => error with
    {
        File = error.File ?? change.Path,
        PatchFile = error.PatchFile ?? patch.SourcePath,
        Modification = error.Modification ?? modification?.Number,
        Line = error.Line ?? modification?.PatchLine ?? (change.PatchLine > 0 ? change.PatchLine : null),
    };

    internal static FileAction ActionName(FileChange change) => ReportWords.ActionOf(change.Kind);

    private static string WithNewline(string content, NewlineMode? mode)
    {
        if (mode is null)
        {
            return content;
        }

        var doc = TextDocument.Parse(content);
        doc.Newline = TextDocument.NewlineOf(mode.Value);
        return doc.ToString();
    }

    private static NewlineMode? NewlineOfExisting(PatchWorkspace workspace, WorkspacePath path) => workspace.GetDocument(path)?.Newline switch
    {
        "\r\n" => NewlineMode.CrLf,
        "\r" => NewlineMode.Cr,
        "\n" => NewlineMode.Lf,
        _ => null,
    };

    // Line endings, trailing newlines and a byte order mark (a diff shows it as text of line 1) aside.
    private static bool SameText(string a, string b) =>
        string.Equals(Comparable(a), Comparable(b), StringComparison.Ordinal);

    private static string Comparable(string text) => text.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n');
}
