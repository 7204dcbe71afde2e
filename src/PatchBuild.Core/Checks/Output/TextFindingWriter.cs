namespace PatchBuild.Core.Checks.Output;

/// <summary>One line per finding, in the `file:line: error ID: message` form terminals and editors link, ending with the fix.</summary>
public static class TextFindingWriter
{
    public static void Write(CheckReport report, TextWriter writer)
    {
        foreach (var finding in report.Findings)
        {
            writer.WriteLine(FormatLine(finding));
        }
    }

    public static string FormatLine(CheckFinding finding)
    {
        string location = finding.File is null ? "patchbuild" : finding.Line is { } line ? $"{finding.File}:{line}" : finding.File;
        string severity = finding.Severity == FindingSeverity.Error ? "error" : "warning";
        string fix = finding.Hint is null ? "" : $" Fix: {finding.Hint}";
        return Reporting.TerminalText.SafeLine(OneLine($"{location}: {severity} {finding.ReportedRule.Id}: {finding.Rule.Title}: {finding.Message}{fix}"));
    }

    // A message carrying a newline would break the one-line-per-finding contract that scripts rely on; other control
    // characters, a leading "::" and "##vso[" are escaped by SafeLine so patch content cannot steer a terminal or CI.
    private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
