using PatchBuild.Core.History;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Review;

/// <summary>
/// Which parts of a run's patches are kept: a decision per <see cref="ReviewStep"/>, and whole contents that replace
/// a file change the person edited. It only filters the parsed model; the filtered patches then go through the
/// ordinary planner, validators and journaled commit, so a selection is applied exactly as a patch is.
/// </summary>
public sealed class PlanSelection
{
    private readonly IReadOnlyList<PatchSet> _patches;
    private readonly Dictionary<ReviewStep, ReviewDecision> _decisions = [];
    private readonly Dictionary<(int Patch, int File), FileChange> _edits = [];

    public PlanSelection(IReadOnlyList<PatchSet> patches)
    {
        _patches = patches;
        Steps = StepsOf(patches);
    }

    /// <summary>Every question, in the order apply would make the changes.</summary>
    public IReadOnlyList<ReviewStep> Steps { get; }

    /// <summary>A file change with modifications is asked about one modification at a time; any other as a whole.</summary>
    public static IReadOnlyList<ReviewStep> StepsOf(IReadOnlyList<PatchSet> patches)
    {
        var steps = new List<ReviewStep>();
        for (int p = 0; p < patches.Count; p++)
        {
            for (int f = 0; f < patches[p].Files.Count; f++)
            {
                var change = patches[p].Files[f];
                if (IsPerModification(change))
                {
                    steps.AddRange(Enumerable.Range(0, change.Modifications.Count).Select(m => new ReviewStep(p, f, m)));
                }
                else
                {
                    steps.Add(new ReviewStep(p, f, null));
                }
            }
        }

        return steps;
    }

    // A CREATE followed by edits is one new file: half of it is not a choice worth offering.
    private static bool IsPerModification(FileChange change) => change.Kind == FileChangeKind.Modify && change.Modifications.Count > 0;

    public FileChange ChangeOf(ReviewStep step) => _patches[step.Patch].Files[step.File];

    public PatchSet PatchOf(ReviewStep step) => _patches[step.Patch];

    public ReviewDecision DecisionOf(ReviewStep step) => _decisions.GetValueOrDefault(step);

    public void Decide(ReviewStep step, ReviewDecision decision) => _decisions[step] = decision;

    /// <summary>Whether the file change of <paramref name="step"/> was replaced by edited content.</summary>
    public bool IsEdited(ReviewStep step) => _edits.ContainsKey((step.Patch, step.File));

    /// <summary>
    /// The person's edited text takes the place of the step's whole file change (every modification of it, asked or
    /// not). <paramref name="baseText"/> is the file's text before that change as planned: the change records it, so
    /// a file that changes on disk before the commit is merged three ways instead of overwritten.
    /// </summary>
    public void Edit(ReviewStep step, string content, string? baseText)
    {
        _edits[(step.Patch, step.File)] = EditedChange(ChangeOf(step), content, baseText);
        foreach (var sibling in Steps.Where(s => s.SameFileChange(step)))
        {
            _decisions[sibling] = ReviewDecision.Accepted;
        }
    }

    /// <summary>The same change with its edit dropped again (an edit that failed validation).</summary>
    public void ForgetEdit(ReviewStep step, IReadOnlyDictionary<ReviewStep, ReviewDecision> before)
    {
        _edits.Remove((step.Patch, step.File));
        foreach (var sibling in Steps.Where(s => s.SameFileChange(step)))
        {
            if (before.TryGetValue(sibling, out var decision))
            {
                _decisions[sibling] = decision;
            }
            else
            {
                _decisions.Remove(sibling);
            }
        }
    }

    public IReadOnlyDictionary<ReviewStep, ReviewDecision> Decisions => new Dictionary<ReviewStep, ReviewDecision>(_decisions);

    /// <summary>Every step accepted and nothing edited: the run is the patch as written.</summary>
    public bool AcceptedAsWritten => _edits.Count == 0 && Steps.All(s => DecisionOf(s) == ReviewDecision.Accepted);

    public bool AcceptedAny => Steps.Any(s => DecisionOf(s) == ReviewDecision.Accepted);

    /// <summary>The patches with only the accepted steps (and the edits).</summary>
    public IReadOnlyList<PatchSet> Accepted() => Build(s => DecisionOf(s) == ReviewDecision.Accepted);

    /// <summary>The patches with the steps <paramref name="include"/> keeps; an edited file change is always its edit.</summary>
    public IReadOnlyList<PatchSet> Build(Func<ReviewStep, bool> include)
    {
        var result = new List<PatchSet>(_patches.Count);
        for (int p = 0; p < _patches.Count; p++)
        {
            var files = new List<FileChange>();
            for (int f = 0; f < _patches[p].Files.Count; f++)
            {
                if (_edits.TryGetValue((p, f), out var edited))
                {
                    files.Add(edited);
                    continue;
                }

                var change = _patches[p].Files[f];
                if (!IsPerModification(change))
                {
                    if (include(new ReviewStep(p, f, null)))
                    {
                        files.Add(change);
                    }

                    continue;
                }

                var kept = change.Modifications.Where((_, m) => include(new ReviewStep(p, f, m))).ToList();
                if (kept.Count > 0)
                {
                    files.Add(change with { Modifications = kept });
                }
            }

            result.Add(_patches[p] with { Files = files });
        }

        return result;
    }

    private static FileChange EditedChange(FileChange original, string content, string? baseText) =>
        new(original.Path, baseText is null ? FileChangeKind.Create : FileChangeKind.Recreate)
        {
            Content = content,
            PatchLine = original.PatchLine,
            Newline = original.Newline,
            ExpectedContent = baseText,
            BaseHash = baseText is null ? null : ContentHash.OfText(baseText),
        };
}
