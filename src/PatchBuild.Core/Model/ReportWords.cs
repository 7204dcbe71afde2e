namespace PatchBuild.Core.Model;

/// <summary>
/// The one place that spells statuses and actions as the lower-case words of the JSON report and the CLI. Scripts
/// and the MSBuild task match these words, so they never change; a new member needs a new word here.
/// </summary>
public static class ReportWords
{
    public static string Word(this FileStatus status) => status switch
    {
        FileStatus.Applied => "applied",
        FileStatus.Partial => "partial",
        FileStatus.Skipped => "skipped",
        FileStatus.Failed => "failed",
        FileStatus.NotWritten => "not_written",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A file status without a report word."),
    };

    public static string Word(this FileAction action) => action switch
    {
        FileAction.Modify => "modify",
        FileAction.Create => "create",
        FileAction.CreateDirectory => "create_directory",
        FileAction.Recreate => "recreate",
        FileAction.Delete => "delete",
        FileAction.Rename => "rename",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "A file action without a report word."),
    };

    /// <summary>The action a change asks for, as reported for its file.</summary>
    public static FileAction ActionOf(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Modify => FileAction.Modify,
        FileChangeKind.Create => FileAction.Create,
        FileChangeKind.CreateDirectory => FileAction.CreateDirectory,
        FileChangeKind.Recreate => FileAction.Recreate,
        FileChangeKind.Delete => FileAction.Delete,
        FileChangeKind.Rename => FileAction.Rename,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A change kind without a file action."),
    };
}
