using PatchBuild.Core.State;

namespace PatchBuild.Core.Checks;

/// <summary>
/// Reads a workspace's journal (.patchbuild/history.jsonl) for applies that must not be committed over: one that
/// began and never finished (the process died mid-write), and a most recent commit that failed or was aborted. It
/// reads the records <see cref="JournalWriter"/> writes, through the one reader every other part uses.
/// </summary>
public static class JournalInspector
{
    public const string RelativePath = StateFolder.Name + "/" + JournalWriter.FileName;

    /// <summary>Findings for the journal at <paramref name="journalPath"/>; <paramref name="displayPath"/> is how reports name it.</summary>
    public static IReadOnlyList<CheckFinding> Inspect(string journalPath, string displayPath)
    {
        JournalContents contents;
        try
        {
            contents = new JournalReader(journalPath).Read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Model.PatchException)
        {
            // A journal that cannot be read (or is a link) tells nothing about pending work; the check is about patches.
            return [];
        }

        var entries = JournalEntries.From(contents);
        var findings = entries.Where(e => e.State == EntryState.Begun).Select(e => new CheckFinding(CheckRules.InterruptedApply,
            $"An apply ({Describe(e.Begin)}) began and never finished: the files it touched may be half written.")
        {
            File = displayPath,
            Line = e.Line,
            Hint = "Run 'patchbuild rollback' to restore the files from the backups (or 'patchbuild apply' again to finish), then commit.",
        }).ToList();

        // The commit that finished last decides: a failure followed by a success or a rollback is settled.
        var lastFinished = contents.Lines.LastOrDefault(l => l.Record.Type is JournalRecord.Done or JournalRecord.Aborted or JournalRecord.RolledBack);
        if (lastFinished is { Record.Type: JournalRecord.Aborted })
        {
            var entry = entries.FirstOrDefault(e => e.Id == lastFinished.Record.Id);
            findings.Add(new CheckFinding(CheckRules.FailedApply, $"The last apply ({(entry is null ? lastFinished.Record.Id : Describe(entry.Begin))}) failed or was aborted; its patch did not land.")
            {
                File = displayPath,
                Line = lastFinished.Number,
                Hint = "Fix the patch and apply it again (see afailed.md beside it), or run 'patchbuild rollback'; the check passes once the latest apply succeeded or was rolled back.",
            });
        }

        return findings;
    }

    private static string Describe(JournalRecord begin) =>
        string.Join(", ", new[] { begin.Id, begin.Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), begin.Summary }
            .Where(p => !string.IsNullOrEmpty(p)));
}
