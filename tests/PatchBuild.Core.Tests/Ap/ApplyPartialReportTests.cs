using System.Text.RegularExpressions;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyPartialReportTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string RetryPath => Path.Combine(_ws.Root, "afailed.ap");

    private string ReportPath => Path.Combine(_ws.Root, "afailed.md");

    private PatchSet HalfFailingPatch() => _ws.Patch(
        ("a.cs", [Replace("int a = 1;", "int a = 2;"), Replace("int missing = 0;", "int found = 1;")]),
        ("b.cs", [InsertAfter("class B", "// ok")]));

    [Fact]
    public async Task Partial_run_applies_what_resolves_and_writes_retry_patch_and_report()
    {
        _ws.Write("a.cs", "class A\n{\n    int a = 1;\n}\n");
        _ws.Write("b.cs", "class B\n");
        var result = await _ws.ApplyAsync(HalfFailingPatch(), new ApplyOptions { Partial = true });

        Assert.Equal(ApplyStatus.Partial, result.Status);
        Assert.Equal("class A\n{\n    int a = 2;\n}\n", _ws.Read("a.cs"));
        Assert.Equal("class B\n// ok\n", _ws.Read("b.cs"));
        Assert.Equal(new[] { RetryPath, ReportPath }, result.FailureReports);

        string retry = File.ReadAllText(RetryPath);
        Assert.Matches(new Regex("^a1b2c3d4 AP 3\\.2$", RegexOptions.Multiline), retry);
        Assert.Contains("a1b2c3d4 FILE\na.cs\n", retry);
        Assert.Contains("a1b2c3d4 snippet\nint missing = 0;\n", retry);
        Assert.DoesNotContain("int a = 1;", retry);
        Assert.DoesNotContain("b.cs", retry);

        string report = File.ReadAllText(ReportPath);
        Assert.Contains("SNIPPET_NOT_FOUND", report);
        Assert.Contains(result.Error!.Message, report);
        Assert.Contains(result.Error.Hint!, report);
        Assert.Contains("### The patch that failed", report);
        Assert.Contains("### What was already changed in `a.cs`", report);
        Assert.Contains("-    int a = 1;\n+    int a = 2;", report);
        Assert.Contains("### Current content of `a.cs`", report);
        Assert.Contains("```csharp\nclass A\n{\n    int a = 2;\n}\n```", report);
    }

    [Fact]
    public async Task Clean_rerun_removes_stale_reports()
    {
        _ws.Write("a.cs", "class A\n{\n    int a = 1;\n}\n");
        _ws.Write("b.cs", "class B\n");
        await _ws.ApplyAsync(HalfFailingPatch(), new ApplyOptions { Partial = true });
        Assert.True(File.Exists(RetryPath));

        // The person fixes the file so the failing locator now exists; everything else is already applied.
        _ws.Write("a.cs", "class A\n{\n    int a = 2;\n    int missing = 0;\n}\n");
        var rerun = await _ws.ApplyAsync(HalfFailingPatch(), new ApplyOptions { Partial = true });
        Assert.Equal(ApplyStatus.Success, rerun.Status);
        Assert.Empty(rerun.FailureReports);
        Assert.False(File.Exists(RetryPath));
        Assert.False(File.Exists(ReportPath));
        Assert.Contains("int found = 1;", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Partial_run_without_failures_writes_no_report()
    {
        _ws.Write("a.txt", "x\n");
        var result = await _ws.ApplyAsync(_ws.Patch("a.txt", Replace("x", "y")), new ApplyOptions { Partial = true });
        Assert.Equal(ApplyStatus.Success, result.Status);
        Assert.False(File.Exists(RetryPath));
        Assert.False(File.Exists(ReportPath));
    }

    [Fact]
    public async Task Retry_patch_gets_a_fresh_id_when_the_patch_had_no_header_and_reprefixes_directives()
    {
        _ws.Write("a.txt", "x\n");
        var patch = _ws.Patch("a.txt", Replace("nothing here", "y")) with { Text = "a1b2c3d4 FILE\na.txt\n" };
        var result = await _ws.ApplyAsync(patch, new ApplyOptions { Partial = true });
        Assert.Equal(ApplyStatus.Partial, result.Status);
        string retry = File.ReadAllText(RetryPath);
        var header = Regex.Match(retry, "^([0-9a-f]{8}) AP 3\\.2$", RegexOptions.Multiline);
        Assert.True(header.Success, retry);
        string id = header.Groups[1].Value;
        Assert.NotEqual(Id, id);
        Assert.DoesNotContain(Id, retry);
        Assert.Contains($"{id} REPLACE\n{id} snippet\nnothing here\n", retry);
    }

    [Fact]
    public async Task Failing_modification_in_partial_mode_does_not_disturb_later_ones()
    {
        _ws.Write("a.txt", "a\nb\nc\n");
        var result = await _ws.ApplyAsync(
            _ws.Patch("a.txt", Replace("a", "A"), Replace("zzz", "Z"), InsertAfter("b", "b2"), Replace("c", "C")),
            new ApplyOptions { Partial = true });
        Assert.Equal(ApplyStatus.Partial, result.Status);
        Assert.Equal("A\nb\nb2\nC\n", _ws.Read("a.txt"));
        var file = result.Files.Single();
        Assert.Equal((3, 1), (file.Applied, file.Failed));
    }
}
