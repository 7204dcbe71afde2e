using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests.Interactive;

/// <summary>
/// The [e]dit answer of `apply --interactive` through a real pseudo-terminal, with EDITOR and VISUAL set to real
/// scripts. The edited text is untrusted input: it is validated like a patch before it can land.
/// </summary>
public sealed class InteractiveEditTests : IDisposable
{
    private const string Greeter = """
        namespace Demo;

        public class Greeter
        {
            public string Hello() => "hello";

            public string Bye() => "bye";
        }

        """;

    private const string Patch = """
        0a1b2c3d AP 3.2

        0a1b2c3d FILE
        src/Greeter.cs
        0a1b2c3d REPLACE
        0a1b2c3d snippet
        public string Hello() => "hello";
        0a1b2c3d content
            public string Hello() => "hi";

        0a1b2c3d REPLACE
        0a1b2c3d snippet
        public string Bye() => "bye";
        0a1b2c3d content
            public string Bye() => "ciao";

        """;

    private const string EditedGreeter = """
        namespace Demo;

        public class Greeter
        {
            public string Hello() => "hello from the editor";

            public string Bye() => "ciao";
        }

        """;

    private readonly TempFolder _root = new();
    private readonly TempFolder _tools = new();

    public InteractiveEditTests()
    {
        _root.Write("patchbuild.json", "{}");
        _root.Write("src/Greeter.cs", Greeter);
        _root.Write("fix.ap", Patch);
    }

    public void Dispose()
    {
        _root.Dispose();
        _tools.Dispose();
    }

    private static string Planned(bool hello, bool bye) =>
        Greeter.Replace("\"hello\"", hello ? "\"hi\"" : "\"hello\"").Replace("\"bye\"", bye ? "\"ciao\"" : "\"bye\"");

    // A real program for the editor variables: a shell script that does what the test needs to the file it is given.
    private string Script(string name, string body)
    {
        string path = _tools.Write(name, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private string WritesFile(string name, string content)
    {
        string source = _tools.Write(name + ".content", content);
        return Script(name, $"cp '{source}' \"$1\"");
    }

    private Task<PtyRunner.Run> AskAsync(IReadOnlyList<string> answers, IReadOnlyDictionary<string, string?> environment) =>
        PtyRunner.RunAsync(_root.Path, answers, environment, "apply", "fix.ap", "--interactive");

    private int JournalEntries() => File.Exists(_root.Combine(".patchbuild/history.jsonl"))
        ? File.ReadAllLines(_root.Combine(".patchbuild/history.jsonl")).Count(l => l.Contains("\"type\":\"begin\"", StringComparison.Ordinal))
        : 0;

    [Fact]
    public async Task A_valid_edit_lands_in_place_of_the_files_changes_as_one_transaction()
    {
        var run = await AskAsync(["e"], new Dictionary<string, string?> { ["EDITOR"] = WritesFile("good.sh", EditedGreeter), ["NO_COLOR"] = "1" });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(1, run.Questions); // the edit settles the file's second change too
        Assert.Contains("Edited src/Greeter.cs accepted", run.Transcript);
        Assert.Equal(EditedGreeter, _root.Read("src/Greeter.cs"));
        Assert.Equal(1, JournalEntries());

        var rollback = await Support.CliRunner.InProcessAsync("rollback", "--root", _root.Path);
        Assert.True(rollback.ExitCode == 0, rollback.Out + rollback.Error);
        Assert.Equal(Greeter, _root.Read("src/Greeter.cs"));
    }

    [Fact]
    public async Task The_editor_gets_the_planned_file_in_a_private_temp_file_outside_the_tree()
    {
        string log = _tools.Combine("editor.log");
        string editor = Script("spy.sh", string.Join('\n',
            $"echo \"$1\" > '{log}'",
            $"stat -c %a \"$1\" >> '{log}'",
            $"stat -c %a \"$(dirname \"$1\")\" >> '{log}'",
            $"cp \"$1\" '{_tools.Combine("seen.cs")}'",
            "exit 1"));

        var run = await AskAsync(["y", "e", "n"], new Dictionary<string, string?> { ["EDITOR"] = editor, ["NO_COLOR"] = "1" });

        Assert.True(run.ExitCode == 0, run.Transcript);
        string[] facts = File.ReadAllLines(log);
        string tempFile = facts[0];
        Assert.False(Path.GetFullPath(tempFile).StartsWith(_root.Path, StringComparison.Ordinal), tempFile);
        Assert.EndsWith("Greeter.cs", tempFile);
        Assert.Equal("600", facts[1]);
        Assert.Equal("700", facts[2]);
        Assert.False(File.Exists(tempFile));
        Assert.False(Directory.Exists(Path.GetDirectoryName(tempFile)));

        // At the second question the editor sees the first change (accepted) and the second (being asked about).
        Assert.Equal(Planned(hello: true, bye: true), File.ReadAllText(_tools.Combine("seen.cs")));
        Assert.Contains("Edit not used: the editor exited with code 1", run.Transcript);
        Assert.Equal(Planned(hello: true, bye: false), _root.Read("src/Greeter.cs"));
    }

    [Fact]
    public async Task Invalid_CSharp_from_the_editor_is_refused_and_the_question_asked_again()
    {
        string editor = WritesFile("bad.sh", "namespace Demo;\npublic class Greeter {\n    public string Hello( => ;\n");

        var run = await AskAsync(["e", "n", "y"], new Dictionary<string, string?> { ["EDITOR"] = editor, ["NO_COLOR"] = "1" });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(3, run.Questions);
        Assert.Contains("The edited src/Greeter.cs is refused", run.Transcript);
        Assert.Contains("VALIDATION_FAILED", run.Transcript);
        Assert.Contains("Nothing was kept from that edit; answer again.", run.Transcript);
        Assert.Equal(Planned(hello: false, bye: true), _root.Read("src/Greeter.cs"));
    }

    // The edit surface's attacker's table: whatever the editor leaves behind, only validated UTF-8 text within the
    // limits can land; anything else is reported, and the same question is asked again (the choice is unchanged).
    [Theory]
    [InlineData("exit 3", "the editor exited with code 3")]
    [InlineData("rm \"$1\"", "the editor removed the file")]
    [InlineData("printf '\\377\\376 not utf-8' > \"$1\"", "not valid UTF-8")]
    [InlineData("head -c 5000 /dev/zero | tr '\\0' x > \"$1\"", "more than the 3,000-byte limit")]
    [InlineData("true", "The file was not changed in the editor")]
    [InlineData("printf '\\033]0;pwned\\007 ok' > \"$1\"", "VALIDATION_FAILED")]
    public async Task Whatever_the_editor_leaves_is_refused_unless_valid(string body, string message)
    {
        _root.Write("patchbuild.json", """{ "limits": { "maxTargetFileBytes": 3000 } }""");

        var run = await AskAsync(["e", "y", "y"], new Dictionary<string, string?> { ["EDITOR"] = Script("editor.sh", body), ["NO_COLOR"] = "1" });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Contains(message, run.Transcript);
        Assert.DoesNotContain("\u001b]0;pwned", run.Transcript);
        Assert.Equal(3, run.Questions);
        Assert.Equal(Planned(hello: true, bye: true), _root.Read("src/Greeter.cs"));
    }

    [Fact]
    public async Task Without_VISUAL_or_EDITOR_edit_says_how_to_set_one_and_asks_again()
    {
        var run = await AskAsync(["e", "y", "n"], new Dictionary<string, string?> { ["EDITOR"] = "  ", ["NO_COLOR"] = "1" });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Contains("no editor: set VISUAL or EDITOR", run.Transcript);
        Assert.Equal(3, run.Questions);
        Assert.Equal(Planned(hello: true, bye: false), _root.Read("src/Greeter.cs"));
    }

    [Fact]
    public async Task VISUAL_wins_over_EDITOR()
    {
        var run = await AskAsync(["e"], new Dictionary<string, string?>
        {
            ["VISUAL"] = WritesFile("visual.sh", EditedGreeter),
            ["EDITOR"] = Script("editor.sh", "exit 7"),
            ["NO_COLOR"] = "1",
        });

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal(EditedGreeter, _root.Read("src/Greeter.cs"));
    }
}
