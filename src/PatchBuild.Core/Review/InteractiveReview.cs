using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Review;

/// <summary>
/// The engine side of `apply --interactive`: the run's patches are planned as apply plans them, split into
/// <see cref="ReviewStep"/>s, and each step is previewed against the decisions made before it. What is accepted (and
/// edited) is applied by <see cref="PatchEngine.ApplyAsync"/> as one journaled transaction, exactly like apply.
/// The front end only asks the questions.
/// </summary>
public sealed class InteractiveReview
{
    private readonly PatchEngine _engine;
    private readonly ApplyOptions _options;

    private readonly IReadOnlyList<string> _secrets;

    private InteractiveReview(PatchEngine engine, IReadOnlyList<PatchSet> patches, ApplyOptions options, ApplyResult whole)
    {
        _engine = engine;
        _options = options;
        Patches = patches;
        Selection = new PlanSelection(patches);
        _secrets = whole.Secrets;
        WholeValidationErrors = whole.Status == ApplyStatus.Failed ? whole.Errors : [];
    }

    /// <summary>
    /// Why the patch as written would fail validation (syntax, safety rules): the person can still reject or edit the
    /// change at fault, so this is shown, not fatal. Empty when the whole patch validates.
    /// </summary>
    public IReadOnlyList<PatchError> WholeValidationErrors { get; }

    public IReadOnlyList<PatchSet> Patches { get; }

    public PlanSelection Selection { get; }

    public IReadOnlyList<ReviewStep> Steps => Selection.Steps;

    /// <summary>The run's input limits (patchbuild.json's "limits"): an edited file is held to them too.</summary>
    public Configuration.InputLimits Limits => _options.Limits ?? Configuration.InputLimits.Default;

    /// <summary>A review, or the failed result of a run that cannot even be planned as a whole (nothing to ask then).</summary>
    public sealed record Start(InteractiveReview? Review, ApplyResult? Failure);

    /// <summary>
    /// Loads the patch files and plans them whole, as apply does. A patch that does not plan (a locator not found, a
    /// path refused) fails here, before any question, with apply's own result.
    /// </summary>
    public static async Task<Start> StartAsync(PatchEngine engine, IReadOnlyList<string> patchFiles, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var loaded = await engine.LoadRunAsync(patchFiles, options with { DryRun = false }, cancellationToken).ConfigureAwait(false);
        if (loaded.Failure is { } failed)
        {
            return new Start(null, failed);
        }

        // The whole patch through the engine's dry run: the plan, and the validators' verdict and the secrets they found
        // (previews mask them as the dry-run diff does).
        var whole = await engine.DryRunAsync(loaded.Patches, loaded.Options, cancellationToken).ConfigureAwait(false);
        var planned = PlanOrNull(engine, loaded.Patches, loaded.Options);
        if (planned is null || planned.Value.Outcome.Errors.Count > 0)
        {
            // A patch that does not plan has nothing to ask about: apply's own failure, nothing written.
            return new Start(null, whole with { DryRun = false, Diff = "" });
        }

        return new Start(new InteractiveReview(engine, loaded.Patches, loaded.Options, whole), null);
    }

    /// <summary>What a step would change, given the decisions made before it.</summary>
    public sealed record StepPreview(string Diff, PatchError? Error)
    {
        /// <summary>The step changes nothing on top of the earlier decisions (already applied).</summary>
        public bool NoChange => Error is null && Diff.Length == 0;
    }

    /// <summary>
    /// The step's own effect: the plan with the earlier accepted steps, against the same plan with this step added.
    /// An error means the step does not apply without something rejected before it.
    /// </summary>
    public StepPreview Preview(ReviewStep step)
    {
        int index = IndexOf(step);
        var before = PlanOrNull(_engine, Selection.Build(s => IndexOf(s) < index && Accepted(s)), _options);
        var after = PlanOrNull(_engine, Selection.Build(s => (IndexOf(s) < index && Accepted(s)) || s == step), _options);
        if (after is not { } planned || planned.Outcome.Errors.Count > 0)
        {
            return new StepPreview("", after?.Outcome.Errors.FirstOrDefault() ?? RootError());
        }

        if (before is not { } earlier || earlier.Outcome.Errors.Count > 0)
        {
            return new StepPreview("", before?.Outcome.Errors.FirstOrDefault() ?? RootError());
        }

        var changes = new List<PlannedChange>();
        foreach (string raw in PathsOf(Selection.ChangeOf(step)))
        {
            var path = planned.Workspace.Resolve(raw);
            var change = new PlannedChange(path)
            {
                Before = earlier.Workspace.GetBytes(earlier.Workspace.Resolve(raw)),
                BeforeIsDirectory = earlier.Workspace.DirectoryExists(earlier.Workspace.Resolve(raw)),
                After = planned.Workspace.GetBytes(path),
                AfterIsDirectory = planned.Workspace.DirectoryExists(path),
            };
            if (change.BeforeIsDirectory != change.AfterIsDirectory || !SameBytes(change.Before, change.After))
            {
                changes.Add(change);
            }
        }

        return new StepPreview(Safety.SecretRedaction.Mask(UnifiedDiffWriter.Render(changes), _secrets), null);
    }

    /// <summary>What the editor is given for a step, or why the step cannot be edited.</summary>
    public sealed record EditableContent(string Path, string? Text, string? BaseText, string? Refusal);

    /// <summary>
    /// The file as it would be written: earlier decisions, and this file change with every modification not yet
    /// rejected (the one shown and the ones still to come).
    /// </summary>
    public EditableContent ContentToEdit(ReviewStep step)
    {
        var change = Selection.ChangeOf(step);
        if (change.Kind is FileChangeKind.Delete or FileChangeKind.Rename or FileChangeKind.CreateDirectory)
        {
            string what = change.Kind switch
            {
                FileChangeKind.Delete => "deletes a path",
                FileChangeKind.Rename => "moves a path",
                _ => "creates a folder",
            };
            return new EditableContent(change.Path, null, null, $"this change {what}; only a file's content can be edited (answer y or n)");
        }

        int index = IndexOf(step);
        bool Earlier(ReviewStep s) => IndexOf(s) < index && !s.SameFileChange(step) && Accepted(s);
        var baseline = PlanOrNull(_engine, Selection.Build(Earlier), _options);
        var planned = PlanOrNull(_engine, Selection.Build(s => Earlier(s) || (s.SameFileChange(step) && Selection.DecisionOf(s) != ReviewDecision.Rejected)), _options);
        if (planned is not { } plan || plan.Outcome.Errors.Count > 0 || baseline is not { } start || start.Outcome.Errors.Count > 0)
        {
            var error = planned?.Outcome.Errors.FirstOrDefault() ?? baseline?.Outcome.Errors.FirstOrDefault();
            return new EditableContent(change.Path, null, null, error?.Message ?? "the file cannot be planned");
        }

        var path = plan.Workspace.Resolve(change.Path);
        if (plan.Workspace.DirectoryExists(path))
        {
            return new EditableContent(path.Relative, null, null, "the path is a folder");
        }

        return new EditableContent(path.Relative, plan.Workspace.GetText(path) ?? "", start.Workspace.GetText(start.Workspace.Resolve(change.Path)), null);
    }

    /// <summary>
    /// Puts the edited text in place of the step's file change, then validates the selection as apply would (the
    /// text is untrusted like any patch: syntax, safety rules, path rules). Errors about that file undo the edit and
    /// come back; none: the edit stands and every modification of that file change counts as decided.
    /// </summary>
    public async Task<IReadOnlyList<PatchError>> TryEditAsync(ReviewStep step, EditableContent content, string edited, CancellationToken cancellationToken = default)
    {
        if (content.Refusal is not null)
        {
            throw new InvalidOperationException("The step cannot be edited: " + content.Refusal);
        }

        var before = Selection.Decisions;
        Selection.Edit(step, edited, content.BaseText);
        int index = IndexOf(step);
        var patches = Selection.Build(s => s.SameFileChange(step) || (IndexOf(s) < index && Accepted(s)));
        var result = await _engine.DryRunAsync(patches, _options, cancellationToken).ConfigureAwait(false);
        var errors = result.Errors.Where(e => e.File is null || SamePath(e.File, content.Path)).ToList();
        if (result.Status == ApplyStatus.Failed && errors.Count == 0)
        {
            errors = [.. result.Errors];
        }

        if (errors.Count > 0)
        {
            Selection.ForgetEdit(step, before);
        }

        return errors;
    }

    /// <summary>Applies what was accepted as one transaction, with history, through the same path as apply.</summary>
    public Task<ApplyResult> ApplyAcceptedAsync(bool archive, CancellationToken cancellationToken = default) =>
        _engine.ApplyAsync(Selection.Accepted(), _options with { Archive = archive && Selection.AcceptedAsWritten }, cancellationToken);

    private bool Accepted(ReviewStep step) => Selection.DecisionOf(step) == ReviewDecision.Accepted;

    private int IndexOf(ReviewStep step)
    {
        int index = 0;
        foreach (var s in Selection.Steps)
        {
            if (s == step)
            {
                return index;
            }

            index++;
        }

        throw new ArgumentException("Not a step of this review.", nameof(step));
    }

    private static (PatchWorkspace Workspace, Planning.PatchPlanner.PlanOutcome Outcome)? PlanOrNull(PatchEngine engine, IReadOnlyList<PatchSet> patches, ApplyOptions options)
    {
        try
        {
            return engine.PlanInMemory(patches, options);
        }
        catch (PatchException ex)
        {
            var outcome = new Planning.PatchPlanner.PlanOutcome();
            outcome.Errors.Add(ex.Error);
            return (null!, outcome);
        }
    }

    private static PatchError RootError() =>
        new(ErrorCodes.InvalidFilePath, "The patches of this run do not share a root folder.") { Hint = "Pass --root." };

    private static IEnumerable<string> PathsOf(FileChange change) =>
        change.NewPath is { } moved && change.Kind == FileChangeKind.Rename ? [change.Path, moved] : [change.Path];

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

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
}
