using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests.Interactive;

/// <summary>
/// `patchbuild apply --interactive` run as a real process on a real pseudo-terminal: keystrokes in, files, history
/// and the terminal transcript checked afterwards.
/// </summary>
public sealed class InteractiveApplyTests : IDisposable
{
    // Three edits of a CRLF file (each line's ending must survive byte for byte) and one created file: four questions.
    private const string Original = "line1\r\nline2\r\nline3\r\nline4\r\nline5\r\nline6\r\nline7\r\nline8\r\nline9\r\nline10\r\n";
    private const string Patch = """
        # Summary: three edits and a new file
        0a1b2c3d AP 3.2

        0a1b2c3d FILE
        a.txt
        0a1b2c3d REPLACE
        0a1b2c3d snippet
        line2
        0a1b2c3d content
        LINE-TWO

        0a1b2c3d REPLACE
        0a1b2c3d snippet
        line5
        0a1b2c3d content
        LINE-FIVE

        0a1b2c3d REPLACE
        0a1b2c3d snippet
        line9
        0a1b2c3d content
        LINE-NINE

        0a1b2c3d FILE
        notes.txt
        0a1b2c3d CREATE
        0a1b2c3d content
        new notes

        """;

    private readonly TempFolder _root = new();
    private readonly TempFolder _tools = new();

    public InteractiveApplyTests()
    {
        _root.Write("patchbuild.json", "{}");
        File.WriteAllBytes(_root.Combine("a.txt"), System.Text.Encoding.UTF8.GetBytes(Original));
        _root.Write("fix.ap", Patch);
    }

    public void Dispose()
    {
        _root.Dispose();
        _tools.Dispose();
    }

    private static string Edited(bool two, bool five, bool nine) =>
        Original.Replace("line2\r", two ? "LINE-TWO\r" : "line2\r").Replace("line5\r", five ? "LINE-FIVE\r" : "line5\r").Replace("line9\r", nine ? "LINE-NINE\r" : "line9\r");

    private string ReadA() => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(_root.Combine("a.txt")));

    private int JournalEntries() => File.Exists(_root.Combine(".patchbuild/history.jsonl"))
        ? File.ReadAllLines(_root.Combine(".patchbuild/history.jsonl")).Count(l => l.Contains("\"type\":\"begin\"", StringComparison.Ordinal))
        : 0;

    private Task<PtyRunner.Run> AskAsync(IReadOnlyList<string> answers, IReadOnlyDictionary<string, string?>? environment = null) =>
        PtyRunner.RunAsync(_root.Path, answers, environment, "apply", "fix.ap", "--interactive");

    [Fact]
    public async Task All_yes_applies_everything_as_one_transaction_that_rollback_undoes()
    {
        var run = await AskAsync(["y", "y", "y", "y"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(4, run.Questions);
        Assert.Equal(Edited(true, true, true), ReadA());
        Assert.Equal("new notes\n", _root.Read("notes.txt"));
        Assert.Equal(1, JournalEntries());

        var rollback = await CliRunner.InProcessAsync("rollback", "--root", _root.Path);
        Assert.True(rollback.ExitCode == 0, rollback.Out + rollback.Error);
        Assert.Equal(Original, ReadA());
        Assert.False(_root.Exists("notes.txt"));
    }

    [Fact]
    public async Task Yes_and_no_write_only_the_accepted_hunks_byte_for_byte()
    {
        var run = await AskAsync(["y", "n", "y", "n"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(4, run.Questions);
        Assert.Equal(Edited(true, false, true), ReadA());
        Assert.False(_root.Exists("notes.txt"));
        Assert.Equal(1, JournalEntries());
        Assert.Contains("Applying 2 of 4 change(s) as one transaction.", run.Transcript);
    }

    [Fact]
    public async Task Each_question_shows_only_its_own_change_on_top_of_earlier_answers()
    {
        var run = await AskAsync(["n", "y", "n", "n"]);

        // The second question's diff is made against the file without the rejected first edit.
        int second = run.Transcript.IndexOf("(2/4)", StringComparison.Ordinal);
        int third = run.Transcript.IndexOf("(3/4)", StringComparison.Ordinal);
        string secondDiff = run.Transcript[second..third];
        Assert.Contains("+LINE-FIVE", secondDiff);
        Assert.Contains(" line2", secondDiff);
        Assert.DoesNotContain("LINE-TWO", secondDiff);
        Assert.DoesNotContain("LINE-NINE", secondDiff);
        Assert.Equal(Edited(false, true, false), ReadA());
    }

    [Fact]
    public async Task All_accepts_this_change_and_every_later_one_without_asking()
    {
        var run = await AskAsync(["n", "a"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(2, run.Questions);
        Assert.Equal(Edited(false, true, true), ReadA());
        Assert.Equal("new notes\n", _root.Read("notes.txt"));
        Assert.Equal(1, JournalEntries());
    }

    [Fact]
    public async Task Quit_keeps_the_answers_given_and_applies_nothing_after()
    {
        var run = await AskAsync(["y", "q"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(2, run.Questions);
        Assert.Equal(Edited(true, false, false), ReadA());
        Assert.False(_root.Exists("notes.txt"));
        Assert.Equal(1, JournalEntries());
    }

    [Fact]
    public async Task Quit_before_accepting_anything_writes_nothing_and_leaves_no_state()
    {
        var before = _root.Snapshot();

        var run = await AskAsync(["q"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Contains("Nothing accepted; no files modified.", run.Transcript);
        Assert.Equal(before, _root.Snapshot());
        Assert.False(Directory.Exists(_root.Combine(".patchbuild")));
    }

    [Fact]
    public async Task Help_and_unknown_answers_ask_the_same_question_again()
    {
        var run = await AskAsync(["?", "maybe", "", "y", "y", "y", "y"]);

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(7, run.Questions);
        Assert.Contains("q - stop asking: apply only what was accepted so far", run.Transcript);
        Assert.Contains("Unknown answer 'maybe'", run.Transcript);
        Assert.Contains("Unknown answer ''", run.Transcript);
        Assert.Equal(Edited(true, true, true), ReadA());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Colour_only_without_NO_COLOR(bool noColour)
    {
        var run = await AskAsync(["y", "y", "y", "y"], new Dictionary<string, string?> { ["NO_COLOR"] = noColour ? "1" : null });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Contains("+LINE-TWO", run.Transcript);
        if (noColour)
        {
            Assert.DoesNotContain("\u001b[3", run.Transcript);
        }
        else
        {
            Assert.Contains("\u001b[32m+LINE-TWO", run.Transcript);
            Assert.Contains("\u001b[31m-line2", run.Transcript);
        }
    }

    [Fact]
    public async Task A_patch_that_does_not_plan_fails_before_any_question()
    {
        _root.Write("fix.ap", Patch.Replace("snippet\nline5", "snippet\nno such line", StringComparison.Ordinal));
        var before = _root.Snapshot();

        var run = await AskAsync([]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, run.Questions);
        Assert.Contains("SNIPPET_NOT_FOUND", run.Transcript);
        Assert.Equal(before, _root.Snapshot());
        Assert.False(Directory.Exists(_root.Combine(".patchbuild")));
    }

    [Fact]
    public async Task Without_a_terminal_interactive_is_a_usage_error_and_changes_nothing()
    {
        var before = _root.Snapshot();

        // Real process, standard input and output are pipes.
        var run = await CliRunner.ProcessWithInputAsync(_root.Path, "y\ny\ny\ny\n", "apply", "fix.ap", "--interactive");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--interactive needs a terminal", run.Error);
        Assert.Contains("--dry-run", run.Error);
        Assert.Equal(before, _root.Snapshot());
        Assert.False(Directory.Exists(_root.Combine(".patchbuild")));
    }

    // The option's attacker's table: every combination that cannot ask questions is refused before any work.
    [Theory]
    [InlineData("--json", "--interactive cannot be combined with --json")]
    [InlineData("--dry-run", "--interactive and --dry-run exclude each other")]
    [InlineData("--partial", "--interactive and --partial exclude each other")]
    [InlineData("-", "the patch cannot come from there ('-')")]
    [InlineData("", "--interactive needs a terminal")]
    public async Task Options_that_cannot_ask_are_usage_errors(string extra, string message)
    {
        var before = _root.Snapshot();
        string[] args = extra switch
        {
            "" => ["apply", "fix.ap", "--interactive", "--root", _root.Path],
            "-" => ["apply", "-", "--interactive", "--root", _root.Path],
            _ => ["apply", "fix.ap", "--interactive", extra, "--root", _root.Path],
        };

        var run = await CliRunner.InProcessWithInputAsync(Patch, [.. args.Select(a => a == "fix.ap" ? _root.Combine("fix.ap") : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public void The_pty_tools_exist_on_this_machine()
    {
        // CI runs these tests on a fresh clone here: the driver needs python3 with its pty module.
        var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", "import pty, select; print('ok')"]) { RedirectStandardOutput = true })!;
        string output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        Assert.Equal("ok", output.Trim());
    }
}
