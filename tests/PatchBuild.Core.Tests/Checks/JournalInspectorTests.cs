using PatchBuild.Core.Checks;

namespace PatchBuild.Core.Tests.Checks;

public sealed class JournalInspectorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-journal-" + Guid.NewGuid().ToString("N")[..10]);

    public JournalInspectorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IReadOnlyList<CheckFinding> Inspect(params string[] lines)
    {
        string path = Path.Combine(_folder, "history.jsonl");
        File.WriteAllLines(path, lines);
        return JournalInspector.Inspect(path, ".patchbuild/history.jsonl");
    }

    [Fact]
    public void A_begin_without_an_end_is_an_interrupted_apply_located_at_its_line()
    {
        var findings = Inspect(
            """{"event":"begin","id":"t1","time":"2025-01-01T10:00:00Z"}""",
            """{"event":"done","id":"t1"}""",
            """{"event":"begin","id":"t2","time":"2025-01-02T10:00:00Z"}""");

        var finding = Assert.Single(findings);
        Assert.Equal(CheckRules.InterruptedApply, finding.Rule);
        Assert.Equal(3, finding.Line);
        Assert.Equal(".patchbuild/history.jsonl", finding.File);
        Assert.Contains("t2", finding.Message);
        Assert.NotNull(finding.Hint);
    }

    [Fact]
    public void Finished_and_rolled_back_applies_are_fine()
    {
        Assert.Empty(Inspect(
            """{"type":"begin","transactionId":"a"}""",
            """{"type":"committed","transactionId":"a"}""",
            """{"phase":"begin","id":"b"}""",
            """{"phase":"rolled-back","id":"b"}"""));
    }

    [Fact]
    public void A_failed_last_apply_is_reported()
    {
        var findings = Inspect(
            """{"event":"begin","id":"a"}""",
            """{"event":"done","id":"a"}""",
            """{"event":"begin","id":"b"}""",
            """{"event":"failed","id":"b"}""");

        var finding = Assert.Single(findings);
        Assert.Equal(CheckRules.FailedApply, finding.Rule);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void A_failure_followed_by_a_successful_apply_is_settled()
    {
        Assert.Empty(Inspect(
            """{"event":"failed","id":"a"}""",
            """{"event":"begin","id":"b"}""",
            """{"event":"done","id":"b"}"""));
    }

    [Fact]
    public void The_history_journal_shape_is_understood()
    {
        // As PatchBuild's history writes it: type/id/time, kind on begin; rolledback is appended after a rollback's done.
        Assert.Empty(Inspect(
            """{"type":"begin","id":"20250101-1","time":"2025-01-01T10:00:00+00:00","kind":"apply","root":"."}""",
            """{"type":"done","id":"20250101-1","time":"2025-01-01T10:00:01+00:00"}""",
            """{"type":"begin","id":"20250101-2","time":"2025-01-01T11:00:00+00:00","kind":"rollback","rollsBack":["20250101-1"]}""",
            """{"type":"done","id":"20250101-2","time":"2025-01-01T11:00:01+00:00"}""",
            """{"type":"rolledback","id":"20250101-1","time":"2025-01-01T11:00:01+00:00","by":"20250101-2"}"""));

        var aborted = Inspect(
            """{"type":"begin","id":"x","kind":"apply"}""",
            """{"type":"aborted","id":"x","reason":"disk full"}""");
        Assert.Equal(CheckRules.FailedApply, Assert.Single(aborted).Rule);
    }

    [Fact]
    public void A_torn_last_line_leaves_its_begin_open()
    {
        var findings = Inspect(
            """{"event":"begin","id":"a"}""",
            """{"event":"do""");

        Assert.Equal(CheckRules.InterruptedApply, Assert.Single(findings).Rule);
    }

    [Fact]
    public void No_journal_means_nothing_to_report()
    {
        Assert.Empty(JournalInspector.Inspect(Path.Combine(_folder, "absent.jsonl"), "x"));
    }
}
