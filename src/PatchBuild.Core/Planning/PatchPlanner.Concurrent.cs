using System.Runtime.ExceptionServices;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Planning;

/// <summary>
/// Edits of many different files plan on every core. Each file's edit reads only that file and writes only that
/// file's planned text, so files in a run of such edits are planned each in a workspace of its own, then taken
/// over in patch order: the outcome (results, warnings, the first failure and everything after it left unplanned)
/// is the one planning them one after another gives.
/// </summary>
public sealed partial class PatchPlanner
{
    // Below this a run is planned in turn: starting threads would cost more than it saves.
    private const int ConcurrentFrom = 8;

    private readonly record struct Edit(FileChange Change, WorkspacePath Path);

    /// <summary>Plans every file in turn, on one thread (tests compare the two ways; the outcome must not differ).</summary>
    internal bool InTurn { get; init; }

    /// <summary>How many file changes this planner has planned concurrently so far.</summary>
    internal int PlannedConcurrently { get; private set; }

    /// <summary>
    /// The longest run of edits from <paramref name="start"/> that may be planned concurrently: edits of existing
    /// files (no creation, no other file's path involved), each of a different file the plan has not touched yet.
    /// Null when the run is too short or the mode needs files planned in turn (partial undoes a file in place).
    /// </summary>
    /// <remarks>
    /// "Not touched" includes the folders above every path the plan has read: an edit of a path that is a folder only
    /// in the plan must see the plan's files below it (its error says so). A run creates nothing, so within it what
    /// lies below a path is what lies below it on disk, which a detached workspace sees as well.
    /// </remarks>
    private List<Edit>? IndependentEdits(PatchWorkspace workspace, IReadOnlyList<FileChange> files, int start, ApplyOptions options)
    {
        if (InTurn || options.Partial || Environment.ProcessorCount < 2 || files.Count - start < ConcurrentFrom)
        {
            return null;
        }

        var run = new List<Edit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = start; i < files.Count && files[i] is { Kind: FileChangeKind.Modify, CreateWhenMissing: false } change; i++)
        {
            WorkspacePath path;
            try
            {
                path = workspace.Resolve(change.Path);
            }
            catch (Exception)
            {
                // Refused (or failing) at its own turn, after the files before it are planned, as in a plan made in turn.
                break;
            }

            if (!seen.Add(path.Relative) || workspace.HasTouched(path))
            {
                break;
            }

            run.Add(new Edit(change, path));
        }

        return run.Count >= ConcurrentFrom ? run : null;
    }

    /// <summary>Plans the run on all cores and takes the results over in order; false when planning must stop.</summary>
    private bool PlanConcurrently(PatchWorkspace workspace, PatchSet patch, List<Edit> run, ApplyOptions options, PlanOutcome outcome)
    {
        PlannedConcurrently += run.Count;
        var planned = new (FileResult? Result, PlanOutcome Own, PatchWorkspace Detached, Exception? Error)[run.Count];
        Parallel.For(0, run.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var detached = workspace.Detached();
            var own = new PlanOutcome();
            try
            {
                planned[k] = (PlanModifications(detached, patch, run[k].Change, run[k].Path, options, own), own, detached, null);
            }
            catch (Exception ex)
            {
                planned[k] = (null, own, detached, ex);
            }
        });

        for (int k = 0; k < run.Count; k++)
        {
            var (result, own, detached, error) = planned[k];
            workspace.Absorb(detached);
            outcome.Warnings.AddRange(own.Warnings);
            outcome.Conflicts.AddRange(own.Conflicts);
            if (error is PatchException refused)
            {
                // What follows the first failure stays unplanned, as it would have been: its files are never taken over.
                RecordFailure(outcome, patch, run[k].Change, refused);
                return false;
            }

            if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            outcome.Errors.AddRange(own.Errors);
            outcome.Failures.AddRange(own.Failures);
            outcome.Files.Add(result!);
        }

        return true;
    }
}
