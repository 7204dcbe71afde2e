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

    /// <summary>The journal's word for a file's action (history.jsonl and the history report).</summary>
    public static string Word(this JournalAction action) => action switch
    {
        JournalAction.Modify => "modify",
        JournalAction.Create => "create",
        JournalAction.Delete => "delete",
        JournalAction.CreateDirectory => "create_directory",
        JournalAction.DeleteDirectory => "delete_directory",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "A journal action without a word."),
    };

    /// <summary>The journal action a word names; false for any other word (case and spacing count).</summary>
    public static bool TryParseJournalAction(string? word, out JournalAction action)
    {
        foreach (var candidate in Enum.GetValues<JournalAction>())
        {
            if (string.Equals(candidate.Word(), word, StringComparison.Ordinal))
            {
                action = candidate;
                return true;
            }
        }

        action = default;
        return false;
    }

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
