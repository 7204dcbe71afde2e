using System.Text;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Formats;
using PatchBuild.Core.History;
using PatchBuild.Core.History.Rollback;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Safety;
using PatchBuild.Core.State;
using PatchBuild.Core.State.Backups;
using PatchBuild.Core.Transactions;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Validation.Syntax;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core;

/// <summary>
/// The façade every front end uses (CLI, MSBuild task, hook): parse patches, plan them in memory, validate,
/// then write all or nothing. One engine, so the tools never disagree about a patch.
/// </summary>
public sealed class PatchEngine
{
    private readonly IReadOnlyList<IPatchFormat> _formats;
    private readonly List<IPlanValidator> _validators;

    public PatchEngine(IEnumerable<IPlanValidator>? validators = null, IReadOnlyList<IPatchFormat>? formats = null)
    {
        _formats = formats ?? PatchFormats.All;
        _validators = validators?.ToList() ?? DefaultValidators.Create();
    }

    /// <summary>Parses patch text. Throws <see cref="PatchException"/> on bad input.</summary>
    public PatchSet Parse(string text, string? sourcePath = null, bool strict = false) =>
        PatchFormats.Parse(text, sourcePath, new ParseOptions { Strict = strict }, _formats);

    /// <summary>Reads and parses a patch file. Throws <see cref="PatchException"/> on bad input.</summary>
    public Task<PatchSet> LoadAsync(string patchFile, bool strict = false, CancellationToken cancellationToken = default) =>
        LoadAsync(patchFile, strict, InputLimits.Default, cancellationToken);

    /// <summary>Reads and parses a patch file within <paramref name="limits"/>. Throws <see cref="PatchException"/> on bad input.</summary>
    public Task<PatchSet> LoadAsync(string patchFile, bool strict, InputLimits limits, CancellationToken cancellationToken = default) =>
        LoadAsync(patchFile, new ParseOptions { Strict = strict, Limits = limits }, standardInput: null, cancellationToken);

    /// <summary>
    /// Reads and parses a patch file, or standard input when <paramref name="patchFile"/> is "-" and
    /// <paramref name="standardInput"/> is given. Throws <see cref="PatchException"/> on bad input.
    /// </summary>
    public async Task<PatchSet> LoadAsync(string patchFile, ParseOptions options, Func<Stream>? standardInput, CancellationToken cancellationToken = default)
    {
        if (PatchInput.IsStandardInput(patchFile))
        {
            byte[] input = await PatchInput.ReadStandardInputAsync(standardInput, options.Limits, cancellationToken).ConfigureAwait(false);
            return Decode(input, null, PatchInput.StandardInputLabel, options);
        }

        string full = Path.GetFullPath(patchFile);
        if (!File.Exists(full))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"Patch file not found: '{patchFile}'.")
            {
                PatchFile = patchFile,
                Hint = "Check the path; it is relative to the current folder.",
            });
        }

        // Both before the file is opened: a pipe would block the read, a huge file would fill memory.
        SpecialFiles.EnsureNotSpecial(full, full, isPatchFile: true);
        options.Limits.CheckPatchFileSize(new FileInfo(full).Length, full);
        byte[] bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        return Decode(bytes, full, patchFile, options);
    }

    private PatchSet Decode(byte[] bytes, string? full, string shownName, ParseOptions options)
    {
        // A diff is bytes, as to git: one made from a Latin-1 file holds Latin-1 bytes, kept as they are (see
        // FileEncoding). Other formats are text written for us, and must be UTF-8 (or UTF-16 with a BOM).
        string text = FileEncoding.DecodePatchText(bytes);
        if (FileEncoding.HasEscapedBytes(text) &&
            (options.Format ?? PatchFormats.Detect(full is null ? null : Path.GetFileName(full), text, _formats)?.Format) != PatchFormat.UnifiedDiff)
        {
            throw NotUtf8(shownName, full);
        }

        return PatchFormats.Parse(text, full, options, _formats);
    }

    private static PatchException NotUtf8(string patchFile, string? full) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, $"'{patchFile}' is not valid UTF-8 text.")
        {
            PatchFile = full,
            Hint = "Save the patch as UTF-8. (Unified diffs may hold other bytes, as git diff writes them for files that are not UTF-8.)",
        });

    /// <summary>Loads the patch files and applies them as one transaction. Parse errors come back as a FAILED result.</summary>
    public async Task<ApplyResult> ApplyFilesAsync(IReadOnlyList<string> patchFiles, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadRunAsync(patchFiles, options, cancellationToken).ConfigureAwait(false);
        return loaded.Failure ?? await ApplyAsync(loaded.Patches, loaded.Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What <see cref="LoadRunAsync"/> read: the patches and the options with the run's settings, or why it could not.</summary>
    public sealed record LoadedRun(IReadOnlyList<PatchSet> Patches, ApplyOptions Options, ApplyResult? Failure);

    /// <summary>
    /// Reads and parses the patch files of one run exactly as <see cref="ApplyFilesAsync"/> does (root, settings,
    /// limits, standard input), without planning them. A parse error comes back as a FAILED result in
    /// <see cref="LoadedRun.Failure"/>.
    /// </summary>
    public async Task<LoadedRun> LoadRunAsync(IReadOnlyList<string> patchFiles, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var patches = new List<PatchSet>();
        if (options.Root is null && patchFiles.Any(PatchInput.IsStandardInput))
        {
            // The text from standard input has no folder of its own: it stands in the current folder, and shares
            // the root with any patch file given beside it.
            var stand = patchFiles.Select(f => PatchInput.IsStandardInput(f) ? Path.Combine(Directory.GetCurrentDirectory(), PatchInput.StandardInputName) : f);
            if (PatchRoot.Common(stand, null, out string? conflict) is not { } shared)
            {
                return new LoadedRun([], options, new ApplyResult(ApplyStatus.Failed)
                {
                    DryRun = options.DryRun,
                    Errors = [new PatchError(ErrorCodes.InvalidFilePath, $"The patches of one run must share a root: {conflict}.") { Hint = "Pass --root to resolve every path against one folder." }],
                });
            }

            options = options with { Root = shared };
        }

        try
        {
            options = WithSettings(options.Root ?? DefaultRoot(patchFiles), options);
        }
        catch (PatchException ex)
        {
            return new LoadedRun([], options, new ApplyResult(ApplyStatus.Failed) { DryRun = options.DryRun, Errors = [ex.Error], Root = options.Root });
        }

        var limits = options.Limits!;
        foreach (string file in patchFiles)
        {
            try
            {
                var parseOptions = new ParseOptions { Strict = options.Strict, Limits = limits, Format = options.Format, Reverse = options.Reverse };
                patches.Add(await LoadAsync(file, parseOptions, options.StandardInput, cancellationToken).ConfigureAwait(false));
            }
            catch (PatchException ex)
            {
                var error = ex.Error with { PatchFile = ex.Error.PatchFile ?? (PatchInput.IsStandardInput(file) ? PatchInput.StandardInputLabel : Path.GetFullPath(file)) };
                return new LoadedRun([], options, new ApplyResult(ApplyStatus.Failed) { DryRun = options.DryRun, Errors = [error], Root = options.Root });
            }
        }

        return new LoadedRun(patches, options, null);
    }

    /// <summary>
    /// Plans the patches in memory only (no validation, no lock, nothing written), against the root the run would
    /// use: what a preview of part of a run needs. Null root: the patches do not share one (the apply says why).
    /// </summary>
    public (PatchWorkspace Workspace, PatchPlanner.PlanOutcome Outcome)? PlanInMemory(IReadOnlyList<PatchSet> patches, ApplyOptions options)
    {
        if (PatchRoot.Common(patches.Select(p => p.SourcePath).OfType<string>(), options.Root, out _) is not { } root || !Directory.Exists(root))
        {
            return null;
        }

        options = WithSettings(root, options);
        var workspace = new PatchWorkspace(root, options.Limits);
        var appliers = _formats.SelectMany(f => f.Appliers).ToList();
        return (workspace, new PatchPlanner(appliers).Plan(workspace, patches, options));
    }

    /// <summary>Plans, validates and (unless dry run) writes the patches, all or nothing unless <see cref="ApplyOptions.Partial"/>.</summary>
    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<PatchSet> patches, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        if (PatchRoot.Common(patches.Select(p => p.SourcePath).OfType<string>(), options.Root, out string? conflict) is not { } root)
        {
            return new ApplyResult(ApplyStatus.Failed)
            {
                DryRun = options.DryRun,
                Errors = [new PatchError(ErrorCodes.InvalidFilePath, $"The patches of one run must share a root: {conflict}.")
                {
                    Hint = "Apply them in separate runs, or pass --root to resolve every path against one folder.",
                }],
            };
        }

        if (!Directory.Exists(root))
        {
            return new ApplyResult(ApplyStatus.Failed)
            {
                Root = root,
                DryRun = options.DryRun,
                Errors = [new PatchError(ErrorCodes.FileNotFound, $"Root folder not found: '{root}'.") { Hint = "Pass an existing folder with --root." }],
            };
        }

        HistorySession? session;
        try
        {
            options = WithSettings(root, options);
            // A workspace with a journal is locked (and recovered) for the whole run. Without one there is nothing to
            // recover and nothing is created yet: the state folder appears only when a commit begins, so a run that
            // writes nothing leaves no trace. A dry run only reads: no lock, no recovery.
            session = options.RecordHistory && !options.DryRun ? HistorySession.OpenIfPresent(root, options.BackupDir, options.LockTimeout, cancellationToken, options.Config!.History) : null;
        }
        catch (PatchException ex)
        {
            return new ApplyResult(ApplyStatus.Failed) { Root = root, DryRun = options.DryRun, Errors = [ex.Error] };
        }

        using (session)
        {
            return await ApplyInSessionAsync(patches, options, root, session, cancellationToken).ConfigureAwait(false);
        }
    }

    // Runs with the workspace lock held when the workspace has history, after recovery: plan, validate, journal, commit.
    private async Task<ApplyResult> ApplyInSessionAsync(IReadOnlyList<PatchSet> patches, ApplyOptions options, string root, HistorySession? session, CancellationToken cancellationToken)
    {
        var history = session is not null ? (session.Paths, session.Settings)
            : options.RecordHistory ? HistorySession.Locate(root, options.BackupDir, options.Config!.History)
            : ((HistoryPaths Paths, HistorySettings Settings)?)null;
        options = options with
        {
            MergeStrategy = options.MergeStrategy ?? history?.Settings.MergeStrategy,
            PatchRecordedAsApplied = options.PatchRecordedAsApplied ?? (history is { } known ? RecordedAsApplied(known.Paths.Journal) : null),
        };
        if (!options.Force && patches.Any(p => p.Files.Any(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))))
        {
            _ = CSharpSyntaxChecker.WarmUpAsync();
        }

        var workspace = new PatchWorkspace(root, options.Limits);
        var appliers = _formats.SelectMany(f => f.Appliers).ToList();
        var plan = new PatchPlanner(appliers).Plan(workspace, patches, options);
        var warnings = new List<PatchWarning>(session?.Warnings ?? []);
        warnings.AddRange(plan.Warnings);
        IEnumerable<string> secrets = [];
        ApplyResult Fail(IReadOnlyList<PatchError> errors, IReadOnlyList<PlannedChange> changes) => new(ApplyStatus.Failed)
        {
            Root = root,
            DryRun = options.DryRun,
            Files = options.DryRun ? plan.Files : plan.Files.Select(f => NotWritten(f, errors, plan.Files.Count)).ToList(),
            Warnings = warnings,
            Errors = errors,
            Changes = changes,
            Diff = options.DryRun ? SecretRedaction.Mask(UnifiedDiffWriter.Render(changes), secrets) : "",
            Conflicts = plan.Conflicts,
            Secrets = secrets.ToList(),
        };

        if (plan.Errors.Count > 0 && !options.Partial)
        {
            options.PlanFailureReport?.Invoke(FailureReport.Render(workspace, workspace.GetChanges(), plan.Failures, null));
            return Fail(plan.Errors, []);
        }

        var changes = workspace.GetChanges();
        var validation = new PlanValidationContext(changes, patches, options, root);
        foreach (var validator in _validators)
        {
            validator.Validate(validation);
        }

        warnings.AddRange(validation.Warnings);
        secrets = validation.Secrets.ToList();
        if (validation.Errors.Count > 0)
        {
            return Fail(validation.Errors, changes);
        }

        // A workspace's first commit: take the lock (creating .patchbuild/) only now that something will be written.
        HistorySession? firstSession = null;
        if (!options.DryRun && options.RecordHistory && session is null && changes.Count > 0)
        {
            try
            {
                firstSession = HistorySession.Open(root, options.BackupDir, options.LockTimeout, cancellationToken, options.Config!.History);
            }
            catch (PatchException ex)
            {
                return Fail([ex.Error], []);
            }

            if (firstSession.HasJournal)
            {
                // The plan was made without the lock; another run's commit may have changed the files it read.
                using (firstSession)
                {
                    return await ApplyInSessionAsync(patches, options, root, firstSession, cancellationToken).ConfigureAwait(false);
                }
            }

            session = firstSession;
            warnings.AddRange(session.Warnings);
        }

        using var ownedSession = firstSession;
        var reports = new List<string>();
        string? historyId = null;
        if (!options.DryRun)
        {
            try
            {
                historyId = await JournaledCommit.CommitAsync(new CommitRequest(workspace.Guard, changes, session)
                {
                    ApplyRoot = root,
                    Patches = patches,
                    KeepBackups = options.Backups,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (PatchException ex)
            {
                return Fail([ex.Error], []);
            }

            if (!string.IsNullOrWhiteSpace(options.TestCommand))
            {
                var run = await TestCommandRunner.RunAsync(options.TestCommand, root, TestCommandFailure.TimeoutOf(options), options.TestOutput, cancellationToken).ConfigureAwait(false);
                if (!run.Passed)
                {
                    string? rollbackProblem = await RollBackAfterFailedTestAsync(workspace.Guard, changes, session, historyId).ConfigureAwait(false);
                    return Fail([TestCommandFailure.Error(options, run, rollbackProblem)], changes);
                }
            }

            reports.AddRange(await FailureReportWriter.WriteAsync(workspace, patches, plan.Failures, cancellationToken).ConfigureAwait(false));
        }

        var status = plan.Errors.Count > 0 ? ApplyStatus.Partial : ApplyStatus.Success;
        var archived = status == ApplyStatus.Success && options.Archive && !options.DryRun
            ? PatchArchive.Archive(history?.Paths.WorkspaceRoot ?? root, patches.Select(p => p.SourcePath).OfType<string>(), DateTimeOffset.UtcNow)
            : [];
        if (session is not null && !options.DryRun && status == ApplyStatus.Success)
        {
            PruneBackups(session, options);
        }

        return new ApplyResult(status)
        {
            Root = root,
            DryRun = options.DryRun,
            Files = plan.Files,
            Warnings = warnings,
            Errors = plan.Errors,
            Changes = changes,
            // A diff of a large file costs more than applying the patch: render it only when asked to preview.
            Diff = options.DryRun ? SecretRedaction.Mask(UnifiedDiffWriter.Render(changes), secrets) : "",
            Secrets = secrets.ToList(),
            FailureReports = reports,
            ArchivedPatches = archived,
            HistoryId = historyId,
            Conflicts = plan.Conflicts,
        };
    }

    // The rollback `patchbuild rollback --id` makes, which is what the build runs when its test command fails: the
    // same planner (edits the test command made since merge, overlaps refuse) and the same journaled commit. Only the
    // source of the old contents differs: this process still holds them, byte for byte what the backups hold.
    private static async Task<string?> RollBackAfterFailedTestAsync(PathGuard guard, IReadOnlyList<PlannedChange> committed, HistorySession? session, string? historyId)
    {
        try
        {
            var plan = new RollbackPlanner(guard.Root, session?.Settings.MergeStrategy, null).BuildFromCommit(committed);
            if (plan.HasUnresolved)
            {
                var open = plan.Conflicts.First(c => c.Resolution is null);
                return $"the file {open.File} changed since the patch where the patch changed it ({open.Reason}); nothing was rolled back";
            }

            await JournaledCommit.CommitAsync(new CommitRequest(guard, plan.Changes, session)
            {
                Kind = JournalRecord.KindRollback,
                RollsBack = historyId is null ? [] : [historyId],
                Summary = "the test command failed: rollback of " + (historyId ?? "the apply"),
            }, CancellationToken.None).ConfigureAwait(false);
            RollbackRunner.RemoveEmptyFolders(plan.FoldersToRemoveIfEmpty);
            return null;
        }
        catch (PatchException ex)
        {
            return ex.Error.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private static void PruneBackups(HistorySession session, ApplyOptions options)
    {
        try
        {
            BackupRetention.Prune(session.Paths, options.BackupMaxAge ?? TimeSpan.FromDays(session.Settings.MaxAgeDays), session.Settings.MaxBytes, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Pruning is housekeeping: the apply succeeded, and the next one prunes again.
        }
    }

    // A failed run writes nothing: a file that planned well must not read as applied.
    // Blaming "another change" is only true when there was one and every error is about some other file.
    private static FileResult NotWritten(FileResult file, IReadOnlyList<PatchError> errors, int fileCount)
    {
        if (file.Status is not (FileStatus.Applied or FileStatus.Partial))
        {
            return file;
        }

        bool elsewhere = fileCount > 1 && errors.Count > 0 && errors.All(e => e.File is { Length: > 0 } other && !SamePath(other, file.Path));
        string reason = elsewhere ? "not written: a change to another file in this run failed" : "not written: the run failed (see the errors)";
        return file with { Status = FileStatus.NotWritten, Reason = reason };
    }

    private static bool SamePath(string a, string b)
    {
        try
        {
            return PathGuard.Normalize(a) == PathGuard.Normalize(b);
        }
        catch (PatchException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }

    // Before the patches are parsed, the limits come from the root the first patch file resolves to (PatchRoot).
    private static string DefaultRoot(IReadOnlyList<string> patchFiles) =>
        patchFiles.FirstOrDefault(f => !PatchInput.IsStandardInput(f)) is { } first ? PatchRoot.For(first) : Directory.GetCurrentDirectory();

    // patchbuild.json is read once per run, here, and every later step takes its section from the options
    // (INVALID_CONFIG when the file is broken). Limits given by the caller win over the file's.
    private static ApplyOptions WithSettings(string root, ApplyOptions options)
    {
        var config = options.Config ?? (Directory.Exists(root) ? PatchBuildConfigLoader.Load(root, options.ConfigPath) : PatchBuildConfig.Default);
        return options with { Config = config, Limits = options.Limits ?? config.Limits };
    }

    // Read once, on the first question: most runs never ask. Only our own committed entries count (JournalEntries).
    internal static Func<string, bool> RecordedAsApplied(string journal)
    {
        var applied = new Lazy<HashSet<string>>(() =>
        {
            try
            {
                return JournalEntries.AppliedPatchHashes(JournalEntries.From(new JournalReader(journal).Read()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatchException)
            {
                // Unreadable history proves nothing was applied before: the patch is judged as new.
                return [];
            }
        });
        return hash => applied.Value.Contains(hash);
    }

    /// <summary>The same pipeline stopped before writing: the result carries the diff and the planned contents.</summary>
    public Task<ApplyResult> DryRunAsync(IReadOnlyList<PatchSet> patches, ApplyOptions options, CancellationToken cancellationToken = default) =>
        ApplyAsync(patches, options with { DryRun = true }, cancellationToken);

    public Task<ApplyResult> DryRunFilesAsync(IReadOnlyList<string> patchFiles, ApplyOptions options, CancellationToken cancellationToken = default) =>
        ApplyFilesAsync(patchFiles, options with { DryRun = true }, cancellationToken);

    /// <summary>Applies patches as one atomic batch: all are written, or none (never partial).</summary>
    public Task<ApplyResult> ApplyBatchAsync(IReadOnlyList<PatchSet> patches, ApplyOptions options, CancellationToken cancellationToken = default) =>
        ApplyAsync(patches, options with { Partial = false }, cancellationToken);

    /// <summary>Starts a transaction: patches plan in memory and are written together by CommitAsync (see <see cref="PatchTransaction"/>).</summary>
    public PatchTransaction BeginTransaction(string root, ApplyOptions? options = null) =>
        new(this, (options ?? new ApplyOptions()) with { Root = Path.GetFullPath(root) });

    /// <summary>Undoes applied patches (the last one unless the options pick others), merging with edits made since.</summary>
    public Task<RollbackResult> RollbackAsync(RollbackOptions options, CancellationToken cancellationToken = default) =>
        RollbackRunner.RunAsync(options, cancellationToken);

    /// <summary>
    /// The journal of the workspace holding <paramref name="root"/>, as it stands. Reads only: no lock, no recovery,
    /// nothing written (an interrupted commit is recovered by the next writing command).
    /// </summary>
    public Task<PatchHistory> GetHistoryAsync(string root, string? backupDir = null, CancellationToken cancellationToken = default)
    {
        var (paths, _) = HistorySession.Locate(root, backupDir);
        return Task.FromResult(PatchHistory.Read(paths));
    }

    /// <summary>Undoes any commit a crash interrupted; returns the ids undone. Apply and rollback do this themselves.</summary>
    public Task<IReadOnlyList<string>> RecoverAsync(string root, ApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ApplyOptions();
        var settings = options.Config?.History ?? (options.ConfigPath is null ? null : PatchBuildConfigLoader.Load(root, options.ConfigPath).History);
        using var session = HistorySession.OpenIfPresent(root, options.BackupDir, options.LockTimeout, cancellationToken, settings);
        return Task.FromResult(session?.Recovered ?? []);
    }

    /// <summary>
    /// A patch that turns <paramref name="oldText"/> into <paramref name="newText"/> at <paramref name="path"/> (null old:
    /// create; null new: delete). It records the hash and content it was made against, so applying it to a file that
    /// changed since merges three ways instead of overwriting the change.
    /// </summary>
    public static PatchSet CreatePatch(string path, string? oldText, string? newText, string? summary = null) =>
        CreatePatch([(path, oldText, newText)], summary);

    public static PatchSet CreatePatch(IEnumerable<(string Path, string? OldText, string? NewText)> files, string? summary = null)
    {
        var changes = files.Select(f => (f.OldText, f.NewText) switch
        {
            (null, null) => throw new ArgumentException($"'{f.Path}': give old or new text."),
            (null, { } created) => new FileChange(f.Path, FileChangeKind.Create) { Content = created },
            ({ } deleted, null) => new FileChange(f.Path, FileChangeKind.Delete) { ExpectedContent = deleted },
            ({ } old, { } updated) => new FileChange(f.Path, FileChangeKind.Recreate) { Content = updated, ExpectedContent = old, BaseHash = ContentHash.OfText(old) },
        }).ToList();
        return new PatchSet(PatchFormat.Ap, changes) { Summary = summary };
    }
}
