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

    private ProjectInputs? _project;
    private PatchException? _projectError;

    /// <summary>
    /// The project's sources, references and parse settings, evaluated once per plan and shared by the validators.
    /// Throws <see cref="PatchException"/> when the project cannot be evaluated.
    /// </summary>
    public ProjectInputs Project
    {
        get
        {
            if (_project is null && _projectError is null)
            {
                try
                {
                    _project = ProjectInputs.Resolve(Options, Root);
                }
                catch (PatchException ex)
                {
                    _projectError = ex;
                }
            }

            return _project ?? throw _projectError!;
        }
    }

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
}
