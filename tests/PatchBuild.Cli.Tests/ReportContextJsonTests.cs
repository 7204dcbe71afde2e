using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// An error's context facts in the --json report, from a real process: run against `dotnet patchbuild.dll` and, in
/// tests/run.sh's second pass, against the native tool, where no reflection over a type's properties is available.
/// Near matches are objects with line, similarity and text, as they were when the report reflected over them.
/// </summary>
public sealed class ReportContextJsonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_snippet_that_is_not_found_reports_its_near_matches_as_objects()
    {
        _folder.Write("src/Greeter.cs", "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello\";\n}\n");
        string patch = _folder.Write("afix.ap",
            "9a8b7c6d AP 3.2\n9a8b7c6d FILE\nsrc/Greeter.cs\n9a8b7c6d REPLACE\n9a8b7c6d snippet\npublic static string Greet() => \"Helo\";\n" +
            "9a8b7c6d content\n    public static string Greet() => \"Hi\";\n9a8b7c6d END\n");

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", patch, "--json", "--root", _folder.Path);

        Assert.NotEqual(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        var near = report.RootElement.GetProperty("errors")[0].GetProperty("context").GetProperty("nearMatches");
        Assert.Equal(JsonValueKind.Array, near.ValueKind);
        var first = near[0];
        Assert.Equal(JsonValueKind.Object, first.ValueKind);
        Assert.Equal(5, first.GetProperty("line").GetInt32());
        Assert.InRange(first.GetProperty("similarity").GetDouble(), 0.5, 1.0);
        Assert.Contains("Greet()", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["line", "similarity", "text"], first.EnumerateObject().Select(p => p.Name));
    }
}
