using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>A Codex apply_patch answer through `patchbuild apply`, as a user saves and applies it.</summary>
public sealed class CodexApplyCommandTests : IDisposable
{
    private const string Answer = """
        apply_patch <<'EOF'
        *** Begin Patch
        *** Update File: src/Calc.cs
        @@ public int Sub(int a, int b)
        -        return a + b;
        +        return a - b;
        *** Add File: src/Notes.txt
        +written by codex
        *** End Patch
        EOF

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_codex_answer_applies_as_a_real_process_with_its_wrapper_warning()
    {
        _folder.Write("patchbuild.json", "{}\n");
        _folder.Write("src/Calc.cs", "class Calc\r\n{\r\n    public int Add(int a, int b)\r\n    {\r\n        return a + b;\r\n    }\r\n    public int Sub(int a, int b)\r\n    {\r\n        return a + b;\r\n    }\r\n}\r\n");
        string patch = _folder.Write("fix.codex.patch", Answer);

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", patch);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal(
            "class Calc\r\n{\r\n    public int Add(int a, int b)\r\n    {\r\n        return a + b;\r\n    }\r\n    public int Sub(int a, int b)\r\n    {\r\n        return a - b;\r\n    }\r\n}\r\n",
            _folder.Read("src/Calc.cs"));
        Assert.Equal("written by codex\n", _folder.Read("src/Notes.txt"));
        Assert.Contains("wrapped in a shell heredoc", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_codex_chunk_that_does_not_fit_fails_with_its_line_and_changes_nothing()
    {
        _folder.Write("patchbuild.json", "{}\n");
        _folder.Write("src/Calc.cs", "class Calc\n{\n}\n");
        string patch = _folder.Write("fix.codex.patch", "*** Begin Patch\n*** Add File: src/New.cs\n+class New {}\n*** Update File: src/Calc.cs\n@@\n-class Other\n+class Calc2\n*** End Patch\n");
        var before = _folder.Snapshot();

        var run = await CliRunner.InProcessAsync("apply", patch);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("CONFLICT", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("fix.codex.patch line 5", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }
}
