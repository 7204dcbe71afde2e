using System.Text.Json;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Checks.Output;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>
/// A safety finding in content placed by a snippet points at the patch line that carries the unsafe text, in the
/// engine's error and in every report of a real check: text (the hook), GitHub annotations and SARIF.
/// </summary>
public sealed class SafetyFindingLineTests : IDisposable
{
    // Line 8 carries the unsafe call; line 7 is the `content` directive. In the second patch two blank lines,
    // which the parser drops from the value, come first, so the call sits on line 10.
    private const string Insert = """
        4c1d9e7a AP 3.2
        4c1d9e7a FILE
        src/Program.cs
        4c1d9e7a INSERT_AFTER
        4c1d9e7a snippet
        Console.WriteLine("hi");
        4c1d9e7a content
                System.Diagnostics.Process.Start("sh", "-c \"echo patched\"");
        4c1d9e7a END

        """;

    private const string InsertAfterBlankLines = """
        4c1d9e7a AP 3.2
        4c1d9e7a FILE
        src/Program.cs
        4c1d9e7a INSERT_AFTER
        4c1d9e7a snippet
        Console.WriteLine("hi");
        4c1d9e7a content


                System.Diagnostics.Process.Start("sh", "-c \"echo patched\"");
        4c1d9e7a END

        """;

    private const string Program = "class P\n{\n    static void Main()\n    {\n        Console.WriteLine(\"hi\");\n    }\n}\n";

    private readonly GitTestRepository _repo = GitTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData(Insert, 8)]
    [InlineData(InsertAfterBlankLines, 10)]
    public async Task The_engine_error_points_at_the_unsafe_content_line(string patch, int line)
    {
        _repo.Write("src/Program.cs", Program);
        _repo.Write("afix.ap", patch);

        var result = await new PatchEngine().DryRunFilesAsync([_repo.FullPath("afix.ap")], new ApplyOptions());

        Assert.Equal(ErrorCodes.UnsafePatch, result.Error?.Code);
        Assert.Equal(line, result.Error!.Line);
        Assert.Equal(line, result.Error.Context["patchLine"]);
    }

    [Fact]
    public async Task Text_GitHub_and_Sarif_reports_point_at_the_unsafe_content_line()
    {
        _repo.Write("src/Program.cs", Program);
        _repo.Stage("src/Program.cs");
        _repo.Commit("initial");
        _repo.Write("afix.ap", Insert);
        _repo.Stage("afix.ap");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(8, finding.Line);

        var text = new StringWriter();
        TextFindingWriter.Write(report, text);
        Assert.StartsWith("afix.ap:8: error ", text.ToString(), StringComparison.Ordinal);

        var annotations = new StringWriter();
        GitHubAnnotationWriter.Write(report, annotations);
        Assert.StartsWith("::error file=afix.ap,line=8,", annotations.ToString(), StringComparison.Ordinal);

        using var sarif = JsonDocument.Parse(SarifLogWriter.Write(report));
        var region = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(8, region.GetProperty("startLine").GetInt32());
    }
}
