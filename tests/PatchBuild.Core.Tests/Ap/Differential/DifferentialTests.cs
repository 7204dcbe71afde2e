namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>
/// Our engine against the spec's reference patcher on the same trees. A case may differ only when
/// docs/formats/ap.md lists the difference (the spec wins over the reference there); those cases assert our side.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in DifferentialCases.All())
        {
            data.Add(c.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Agrees_with_the_reference_patcher(string name)
    {
        var @case = DifferentialCases.All().Single(c => c.ToString() == name);
        var verdict = await DifferentialRunner.RunAsync(@case);
        if (KnownDifferences.Expected.TryGetValue(name, out var ours))
        {
            Assert.False(verdict.Agrees, $"listed as a difference but now agrees: {verdict}");
            Assert.Equal(ours, verdict.Ours.ToString());
            return;
        }

        Assert.True(verdict.Agrees, verdict.ToString());
    }

    [Fact]
    public async Task The_spec_complete_example_gives_the_spec_result()
    {
        var (target, patch, expected) = DifferentialCases.SpecExample();
        var @case = new DifferentialCase("spec §5", new Dictionary<string, string> { ["src/calculator.py"] = target }, patch);
        var verdict = await DifferentialRunner.RunAsync(@case);
        Assert.True(verdict.Agrees, verdict.ToString());
        Assert.Equal("SUCCESS", verdict.Ours.Status);

        using var folder = new Support.TempFolder();
        folder.Write("src/calculator.py", target);
        string patchFile = Path.Combine(folder.Path, "afix.ap");
        File.WriteAllText(patchFile, patch);
        var result = await new PatchEngine().ApplyFilesAsync([patchFile], new ApplyOptions { Root = folder.Path, RecordHistory = false, Force = true });
        Assert.True(result.Success, result.Error?.Message);
        // The spec prints the result as a markdown block whose last line before the fence is blank; the file itself ends
        // with one newline (the blank line before get_pi went with include_leading_blank_lines 1).
        Assert.Equal(expected.TrimEnd('\n') + "\n", folder.Read("src/calculator.py"));
    }
}
