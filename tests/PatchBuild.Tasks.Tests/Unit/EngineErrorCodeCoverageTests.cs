using System.Reflection;
using System.Text.RegularExpressions;
using PatchBuild.Core.Model;
using PatchBuild.Tasks.Logging;

namespace PatchBuild.Tasks.Tests.Unit;

/// <summary>
/// The engine's error codes and the build's PB codes are two lists kept in two assemblies: a code added to the
/// engine without a PB code would reach users as the catch-all PB0099. These tests tie the lists together.
/// </summary>
public sealed class EngineErrorCodeCoverageTests
{
    public static TheoryData<string> EngineErrorCodes() => new(Declared());

    private static IEnumerable<string> Declared() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    [Theory]
    [MemberData(nameof(EngineErrorCodes))]
    public void Every_engine_error_code_has_its_own_PB_code(string engineCode)
    {
        var pb = DiagnosticCodes.ForError(engineCode, rule: null);
        Assert.Matches("^PB[0-9]{4}$", pb);
        Assert.NotEqual(DiagnosticCodes.UnknownEngineError, pb);
    }

    [Theory]
    [MemberData(nameof(EngineErrorCodes))]
    public void Every_engine_error_code_is_a_row_of_the_table_in_docs_msbuild_md(string engineCode)
    {
        var doc = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "docs", "msbuild.md"));
        var pb = DiagnosticCodes.ForError(engineCode, rule: null);
        var row = new Regex($@"^\|\s*{pb}\s*\|\s*{Regex.Escape(engineCode)}\s*\|", RegexOptions.Multiline);
        Assert.True(row.IsMatch(doc), $"docs/msbuild.md has no row '| {pb} | {engineCode} |'");
    }

    [Fact]
    public void The_task_maps_no_engine_code_the_engine_does_not_have()
    {
        var engine = Declared().ToHashSet(StringComparer.Ordinal);
        var unknown = DiagnosticCodes.EngineCodes.Keys.Where(code => !engine.Contains(code)).ToList();
        Assert.True(unknown.Count == 0, $"mapped but not in ErrorCodes: {string.Join(", ", unknown)}");
    }
}
