using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Safety;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>Real `dotnet test` of a real xunit project as the test command: a breaking patch is rolled back, a good one kept.</summary>
public sealed class DotnetTestRollbackTests(DotnetTestFixture fixture) : IClassFixture<DotnetTestFixture>
{
    private Task<ApplyResult> Apply(string calculator) =>
        new PatchEngine().ApplyAsync(
            [new PatchSet(PatchFormat.Ap, [TempTree.Recreate("Calc.Tests/Calculator.cs", calculator)])],
            new ApplyOptions { Root = fixture.Root, TestCommand = DotnetTestFixture.TestCommand, TestTimeout = TimeSpan.FromMinutes(5) });

    [Fact]
    public async Task A_patch_that_breaks_a_real_test_is_rolled_back()
    {
        Assert.True(fixture.Restored, fixture.RestoreOutput);
        var result = await Apply(DotnetTestFixture.Calculator.Replace("a + b", "a - b"));
        Assert.Equal(ErrorCodes.TestFailed, result.Error!.Code);
        Assert.Contains((IEnumerable<string>)result.Error.Context["output"]!, l => l.Contains("Failed", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(DotnetTestFixture.Calculator, File.ReadAllText(Path.Combine(fixture.Root, "Calc.Tests", "Calculator.cs")));
    }

    [Fact]
    public async Task A_patch_that_keeps_a_real_test_green_is_kept()
    {
        Assert.True(fixture.Restored, fixture.RestoreOutput);
        string refactored = DotnetTestFixture.Calculator.Replace("a + b", "checked(a + b)");
        var result = await Apply(refactored);
        SafetyAssert.Passed(result);
        Assert.Equal(refactored, File.ReadAllText(Path.Combine(fixture.Root, "Calc.Tests", "Calculator.cs")));
    }
}
