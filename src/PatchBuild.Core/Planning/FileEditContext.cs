using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Planning;

/// <summary>
/// What an applier sees while one patch edits one file: the planned text (edit it in place or replace it), the
/// options, and a place for warnings. Appliers that need memory across the modifications of one file
/// (regions this patch wrote, a cursor) keep it in <see cref="GetState{T}"/>.
/// </summary>
public sealed class FileEditContext
{
    private readonly Dictionary<Type, object> _state = new();
    private readonly List<Action> _finishers = [];

    public FileEditContext(WorkspacePath path, TextDocument document, ApplyOptions options, PatchSet patch)
    {
        Path = path;
        Document = document;
        Options = options;
        Patch = patch;
    }

    public WorkspacePath Path { get; }

    /// <summary>The file's planned text; appliers may mutate it or assign a new one.</summary>
    public TextDocument Document { get; set; }

    public ApplyOptions Options { get; }

    public PatchSet Patch { get; }

    public List<PatchWarning> Warnings { get; } = [];

    public T GetState<T>() where T : class, new()
    {
        if (!_state.TryGetValue(typeof(T), out var value))
        {
            value = new T();
            _state[typeof(T)] = value;
        }

        return (T)value;
    }

    /// <summary>
    /// Runs once after the file's last modification, before the planner takes <see cref="Document"/>: for appliers
    /// that batch their edits and write the text once, or check the whole file.
    /// </summary>
    public void OnFinished(Action finisher) => _finishers.Add(finisher);

    internal void Finish()
    {
        foreach (var finisher in _finishers)
        {
            finisher();
        }

        _finishers.Clear();
    }

    public void Warn(string code, string message, int? line = null) =>
        Warnings.Add(new PatchWarning(code, message) { File = Path.Relative, Line = line, PatchFile = Patch.SourcePath });
}
