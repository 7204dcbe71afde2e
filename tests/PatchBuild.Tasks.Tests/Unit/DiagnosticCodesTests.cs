using PatchBuild.Tasks.Logging;

namespace PatchBuild.Tasks.Tests.Unit;

public sealed class DiagnosticCodesTests
{
    [Theory]
    [InlineData("INVALID_PATCH_FILE", null, "PB0001")]
    [InlineData("SNIPPET_NOT_FOUND", null, "PB0002")]
    [InlineData("VALIDATION_FAILED", null, "PB0020")]
    [InlineData("UNSAFE_PATCH", "PB1004", "PB1004")]
    [InlineData("UNSAFE_PATCH", null, "PB1000")]
    [InlineData("UNSAFE_PATCH", "not-a-rule", "PB1000")]
    [InlineData("INVALID_FILE_PATH", "PB1001", "PB1001")]
    [InlineData("SOMETHING_NEW", null, "PB0099")]
    public void Engine_errors_map_to_stable_PB_codes(string engineCode, string? rule, string expected) =>
        Assert.Equal(expected, DiagnosticCodes.ForError(engineCode, rule));

    [Fact]
    public void Every_engine_code_has_its_own_PB_code()
    {
        var codes = DiagnosticCodes.EngineCodes.Values.ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Every_code_is_documented_in_docs_msbuild_md()
    {
        var doc = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "docs", "msbuild.md"));
        var integration = new[]
        {
            DiagnosticCodes.PendingPatches, DiagnosticCodes.ForeignPatchJson, DiagnosticCodes.EngineMissing,
            DiagnosticCodes.EngineFailed, DiagnosticCodes.LockTimeout, DiagnosticCodes.TestCommandFailed,
            DiagnosticCodes.RollbackFailed, DiagnosticCodes.EngineWarning, DiagnosticCodes.UnknownEngineError,
            DiagnosticCodes.UnsafePatchWithoutRule,
        };
        foreach (var code in DiagnosticCodes.EngineCodes.Values.Concat(integration))
            Assert.Contains(code, doc);
        foreach (var engineCode in DiagnosticCodes.EngineCodes.Keys)
            Assert.Contains(engineCode, doc);
    }
}
