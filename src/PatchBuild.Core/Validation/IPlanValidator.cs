using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>
/// A check that runs on the whole plan after it resolved and before anything is written
/// (syntax, compilation, safety rules, size limits). Errors stop the commit; warnings are reported.
/// </summary>
public interface IPlanValidator
{
    void Validate(PlanValidationContext context);
}

public sealed class PlanValidationContext(IReadOnlyList<PlannedChange> changes, IReadOnlyList<PatchSet> patches, ApplyOptions options, string root)
{
    public IReadOnlyList<PlannedChange> Changes { get; } = changes;
    public IReadOnlyList<PatchSet> Patches { get; } = patches;
    public ApplyOptions Options { get; } = options;
    public string Root { get; } = root;
    public List<PatchError> Errors { get; } = [];
    public List<PatchWarning> Warnings { get; } = [];

    /// <summary>Secrets the safety rules found in the plan: every rendering of it (the dry-run diff) masks them.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Secrets { get; private init; } = [];

    // Shared with forks, so validators running side by side evaluate the project once between them.
    private ProjectCache _project = new();

    /// <summary>
    /// The project's sources, references and parse settings, evaluated once per plan and shared by the validators.
    /// Throws <see cref="PatchException"/> when the project cannot be evaluated.
    /// </summary>
    public ProjectInputs Project => _project.Get(Options, Root);

    /// <summary>The project inputs when they can be had; none when evaluation failed (the compile check reports that).</summary>
    public ProjectInputs ProjectOrNone
    {
        get
        {
            try
            {
                return Project;
            }
            catch (PatchException)
            {
                return ProjectInputs.None with
                {
                    LanguageVersion = Options.LanguageVersion,
                    PreprocessorSymbols = Options.PreprocessorSymbols,
                };
            }
        }
    }

    /// <summary>The same plan with empty error and warning lists, for a validator that runs beside others.</summary>
    public PlanValidationContext Fork() => new(Changes, Patches, Options, Root) { _project = _project, Secrets = Secrets };

    private sealed class ProjectCache
    {
        private readonly Lock _gate = new();
        private ProjectInputs? _inputs;
        private PatchException? _error;

        public ProjectInputs Get(ApplyOptions options, string root)
        {
            lock (_gate)
            {
                if (_inputs is null && _error is null)
                {
                    try
                    {
                        _inputs = ProjectInputs.Resolve(options, root);
                    }
                    catch (PatchException ex)
                    {
                        _error = ex;
                    }
                }

                return _inputs ?? throw _error!;
            }
        }
    }
}
