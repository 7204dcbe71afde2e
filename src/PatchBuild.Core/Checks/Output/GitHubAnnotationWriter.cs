namespace PatchBuild.Core.Checks.Output;

/// <summary>
/// GitHub Actions workflow commands (`::error file=F,line=L,title=PB1004::message`): each finding shows up on the
/// pull request's changed line. Values are escaped the way the runner expects (% CR LF, and : , in properties).
/// </summary>
public static class GitHubAnnotationWriter
{
    public static void Write(CheckReport report, TextWriter writer)
    {
        foreach (var finding in report.Findings)
        {
            var properties = new List<string>();
            if (finding.File is not null)
            {
                properties.Add($"file={EscapeProperty(Reporting.TerminalText.Escape(finding.File))}");
                if (finding.Line is { } line)
                {
                    properties.Add($"line={line}");
                }
            }

            properties.Add($"title={EscapeProperty(finding.ReportedRule.Id)}");
            string command = finding.Severity == FindingSeverity.Error ? "error" : "warning";
            // Control characters from patch content are escaped before the runner's own %-escaping: the only line
            // break in the data is the one before "Fix:", which the runner shows inside the annotation.
            string hint = finding.Hint is null ? "" : $"\nFix: {Reporting.TerminalText.Escape(finding.Hint)}";
            string message = Reporting.TerminalText.Escape($"{finding.Rule.Title}: {finding.Message}");
            writer.Write($"::{command} {string.Join(',', properties)}::{EscapeData(message + hint)}\n");
        }
    }

    public static string EscapeData(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    public static string EscapeProperty(string value) => EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");
}
