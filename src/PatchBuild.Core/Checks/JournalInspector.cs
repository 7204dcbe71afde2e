using System.Text.Json;

namespace PatchBuild.Core.Checks;

/// <summary>
/// Reads a workspace's journal (.patchbuild/history.jsonl, one JSON object a line) for applies that must not be
/// committed over: one that began and never reached "done" or "rolledback" (the process died mid-write), and a
/// most recent apply that failed or was aborted. It reads the entry kind and transaction id under the few names a journal may use,
/// so a journal written by an older or newer PatchBuild is still understood.
/// </summary>
public static class JournalInspector
{
    public const string RelativePath = ".patchbuild/history.jsonl";

    private static readonly string[] KindProperties = ["event", "phase", "status", "state", "type", "kind"];
    private static readonly string[] IdProperties = ["id", "transactionId", "transaction", "txId", "tx", "applyId"];
    private static readonly string[] TimeProperties = ["time", "timestamp", "at", "date", "startedAt"];
    private static readonly HashSet<string> Begin = ["begin", "began", "start", "started", "inprogress"];
    private static readonly HashSet<string> Done = ["done", "commit", "committed", "complete", "completed", "applied", "success", "succeeded"];
    private static readonly HashSet<string> RolledBack = ["rolledback", "rollback", "undone", "restored"];

    // "aborted": the commit failed part-way (or a crash was recovered) and was undone; the patch did not land.
    private static readonly HashSet<string> Failed = ["aborted", "failed", "failure", "error"];

    /// <summary>Findings for the journal at <paramref name="journalPath"/>; <paramref name="displayPath"/> is how reports name it.</summary>
    public static IReadOnlyList<CheckFinding> Inspect(string journalPath, string displayPath)
    {
        if (!File.Exists(journalPath))
        {
            return [];
        }

        var open = new Dictionary<string, Entry>(StringComparer.Ordinal);
        Entry? lastFinished = null;
        bool lastFinishedFailed = false;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(journalPath))
        {
            lineNumber++;
            if (Read(line, lineNumber) is not { } entry)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case EntryKind.Begin:
                    open[entry.Id] = entry;
                    break;
                case EntryKind.Done or EntryKind.RolledBack or EntryKind.Failed:
                    open.Remove(entry.Id);
                    lastFinished = entry;
                    lastFinishedFailed = entry.Kind == EntryKind.Failed;
                    break;
            }
        }

        var findings = open.Values.OrderBy(e => e.Line).Select(e => new CheckFinding(CheckRules.InterruptedApply,
            $"An apply{Describe(e)} began and never finished: the files it touched may be half written.")
        {
            File = displayPath,
            Line = e.Line,
            Hint = "Run 'patchbuild rollback' to restore the files from the backups (or 'patchbuild apply' again to finish), then commit.",
        }).ToList();

        if (lastFinished is not null && lastFinishedFailed)
        {
            findings.Add(new CheckFinding(CheckRules.FailedApply, $"The last apply{Describe(lastFinished)} failed or was aborted; its patch did not land.")
            {
                File = displayPath,
                Line = lastFinished.Line,
                Hint = "Fix the patch and apply it again (see afailed.md beside it), or run 'patchbuild rollback'; the check passes once the latest apply succeeded or was rolled back.",
            });
        }

        return findings;
    }

    private static string Describe(Entry entry)
    {
        var parts = new[] { entry.Id, entry.Time }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static Entry? Read(string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = document.RootElement;
            EntryKind? kind = null;
            foreach (string property in KindProperties)
            {
                if (StringProperty(root, property) is { } value && Classify(value) is { } classified)
                {
                    kind = classified;
                    break;
                }
            }

            if (kind is null)
            {
                return null;
            }

            string id = IdProperties.Select(p => StringProperty(root, p)).FirstOrDefault(v => v is not null) ?? "";
            string? time = TimeProperties.Select(p => StringProperty(root, p)).FirstOrDefault(v => v is not null);
            return new Entry(kind.Value, id, number, time);
        }
        catch (JsonException)
        {
            // A torn last line (a crash while appending) carries no finished state: the begin before it stays open.
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static EntryKind? Classify(string value)
    {
        string key = new(value.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        return Begin.Contains(key) ? EntryKind.Begin
            : Done.Contains(key) ? EntryKind.Done
            : RolledBack.Contains(key) ? EntryKind.RolledBack
            : Failed.Contains(key) ? EntryKind.Failed
            : null;
    }

    private enum EntryKind
    {
        Begin,
        Done,
        RolledBack,
        Failed,
    }

    private sealed record Entry(EntryKind Kind, string Id, int Line, string? Time);
}
