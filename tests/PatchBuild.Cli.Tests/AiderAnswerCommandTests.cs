using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>`patchbuild apply` on an Aider answer saved as a file: a real process, real files, real exit codes.</summary>
public sealed class AiderAnswerCommandTests : IDisposable
{
    private const string Answer = """
        I'll rename the greeting and add a helper file.

        src/Greeter.cs
        ```csharp
        <<<<<<< SEARCH
            public string Greet() => "hi";
        =======
            public string Greet() => "hello";
        >>>>>>> REPLACE
        ```

        **src/Helper.cs**
        ```csharp
        <<<<<<< SEARCH
        =======
        static class Helper
        {
        }
        >>>>>>> REPLACE
        ```

        Then rebuild:

        ```bash
        dotnet build
        ```

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Apply_edits_and_creates_files_and_reports_the_ignored_shell_block()
    {
        _folder.Write("src/Greeter.cs", "class Greeter\r\n{\r\n    public string Greet() => \"hi\";\r\n}\r\n");
        _folder.Write("answer.md", Answer);

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", "answer.md");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("class Greeter\r\n{\r\n    public string Greet() => \"hello\";\r\n}\r\n", _folder.Read("src/Greeter.cs"));
        Assert.Equal("static class Helper\n{\n}\n", _folder.Read("src/Helper.cs"));
        string output = run.Out + run.Error;
        Assert.Contains("✓ src/Greeter.cs", output, StringComparison.Ordinal);
        Assert.Contains("✓ src/Helper.cs", output, StringComparison.Ordinal);
        Assert.Contains("bash block at line 24 was not run", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_that_does_not_match_fails_with_its_code_and_changes_nothing()
    {
        _folder.Write("src/Greeter.cs", "class Greeter\n{\n    public string Greet() => \"bye\";\n}\n");
        _folder.Write("answer.md", Answer);
        var before = _folder.Snapshot();

        var run = await CliRunner.InProcessAsync("apply", _folder.Combine("answer.md"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("FAILED", json.RootElement.GetProperty("status").GetString());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("SNIPPET_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal("src/Greeter.cs", error.GetProperty("file").GetString());
        Assert.Equal(6, error.GetProperty("line").GetInt32());
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Strict_refuses_a_search_text_that_occurs_twice()
    {
        _folder.Write("a.txt", "x\ny\nx\n");
        _folder.Write("answer.md", "a.txt\n```\n<<<<<<< SEARCH\nx\n=======\nz\n>>>>>>> REPLACE\n```\n");

        var lenient = await CliRunner.InProcessAsync("apply", _folder.Combine("answer.md"), "--dry-run");
        var strict = await CliRunner.InProcessAsync("apply", _folder.Combine("answer.md"), "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("2 times", lenient.Out + lenient.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("AMBIGUOUS_MATCH", strict.Out + strict.Error, StringComparison.Ordinal);
        Assert.Equal("x\ny\nx\n", _folder.Read("a.txt"));
    }
}
