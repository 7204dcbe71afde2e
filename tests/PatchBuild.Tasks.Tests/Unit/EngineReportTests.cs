using PatchBuild.Tasks.Engine;
using PatchBuild.Tasks.Json;

namespace PatchBuild.Tasks.Tests.Unit;

public sealed class EngineReportTests
{
    [Fact]
    public void Reads_the_CLI_report_shape_with_errors_rules_and_diagnostics()
    {
        var report = EngineReport.Parse("""
            {
              "status": "FAILED", "dryRun": false, "root": "/r",
              "files": [ { "path": "Program.cs", "action": "modify", "status": "failed", "patchFile": "/r/afix.ap",
                           "applied": 0, "skipped": 1, "failed": 2, "reason": null, "notes": ["x"] } ],
              "warnings": [ { "code": "AP_LENIENT", "message": "forgiven", "file": "Program.cs", "line": 3, "patchFile": "/r/afix.ap" } ],
              "error": { "code": "UNSAFE_PATCH", "message": "m", "file": "Program.cs", "modification": 1, "line": 7,
                         "patchFile": "/r/afix.ap", "hint": "h", "context": { "rule": "PB1005", "severity": "error" } },
              "errors": [
                { "code": "UNSAFE_PATCH", "message": "m", "file": "Program.cs", "modification": 1, "line": 7,
                  "patchFile": "/r/afix.ap", "hint": "h", "context": { "rule": "PB1005", "severity": "error" } },
                { "code": "VALIDATION_FAILED", "message": "C# does not parse", "file": null, "line": null, "patchFile": null, "hint": null,
                  "context": { "diagnostics": [ { "file": "Program.cs", "line": 4, "column": 12, "id": "CS1002", "message": "; expected" } ] } }
              ],
              "failureReports": [], "diff": "--- a\n+++ b\n"
            }
            """);

        Assert.False(report.Succeeded);
        Assert.Equal(2, report.Errors.Count);
        Assert.Equal("PB1005", report.Errors[0].Rule);
        Assert.Equal(7, report.Errors[0].Line);
        Assert.Equal("/r/afix.ap", report.Errors[0].PatchFile);
        var diagnostic = Assert.Single(report.Errors[1].Diagnostics);
        Assert.Equal(("CS1002", 4, 12, "Program.cs"), (diagnostic.Code, diagnostic.Line, diagnostic.Column, diagnostic.File));
        Assert.Equal(2, Assert.Single(report.Files).Failed);
        Assert.Equal("AP_LENIENT", Assert.Single(report.Warnings).Code);
        Assert.Equal("--- a\n+++ b\n", report.Diff);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Unhandled exception. System.Exception")]
    [InlineData("""{"status": "SUCCESS",}""")]
    [InlineData("""["status"]""")]
    public void Anything_that_is_not_a_report_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => EngineReport.Parse(text));

    [Fact]
    public void Json_reader_decodes_escapes_and_refuses_deep_nesting()
    {
        Assert.Equal("a\"b\\c\u00e9\n", JsonValueReader.Parse("\"a\\\"b\\\\c\\u00e9\\n\""));
        Assert.Throws<FormatException>(() => JsonValueReader.Parse(new string('[', 10_000) + new string(']', 10_000)));
    }

    [Fact]
    public void Reads_the_history_id_and_a_renamed_files_new_path()
    {
        var report = EngineReport.Parse("""
            { "status": "SUCCESS", "dryRun": false, "historyId": "20261121-131400-847-805dc4",
              "files": [ { "path": "Foo.cs", "newPath": "Bar.cs", "action": "rename", "status": "applied" } ],
              "warnings": [], "error": null, "errors": [], "diff": "" }
            """);
        Assert.Equal("20261121-131400-847-805dc4", report.HistoryId);
        Assert.Equal("Bar.cs", Assert.Single(report.Files).NewPath);
    }

    [Fact]
    public void Reads_the_root_the_archived_patches_and_the_kind_of_a_validation_error()
    {
        var report = EngineReport.Parse("""
            {
              "status": "FAILED", "root": "/r/App", "archivedPatches": ["/r/App/.patchbuild/applied/x-afix.ap"],
              "errors": [ { "code": "VALIDATION_FAILED", "message": "m", "file": "Program.cs",
                            "context": { "kind": "syntax", "diagnostics": [ { "id": "CS1525", "line": 5, "column": 32, "message": "Invalid expression term" } ] } } ]
            }
            """);

        Assert.Equal("/r/App", report.Root);
        Assert.Equal("/r/App/.patchbuild/applied/x-afix.ap", Assert.Single(report.ArchivedPatches));
        Assert.Equal("syntax", Assert.Single(report.Errors).Kind);
    }

    [Theory]
    [InlineData("one line", "one line")]
    [InlineData("The closest text is at line 3 ('a {\nb();'). Copy it.", "The closest text is at line 3 ('a { b();'). Copy it.")]
    [InlineData("first\r\n\r\n  second\rthird\n", "first second third")]
    public void A_message_becomes_one_line_so_MSBuild_logs_one_error(string text, string expected) =>
        Assert.Equal(expected, PatchBuild.Tasks.Logging.ReportLogger.OneLine(text));
}
