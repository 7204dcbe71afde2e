using System.CommandLine;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Checks.Output;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild check`: the pre-commit checks over the whole repository, for CI.</summary>
public static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var staged = new Option<bool>("--staged") { Description = "Judge the files as staged in the index instead of the working tree." };
        var format = new Option<string>("--format") { Description = "Output: text, github (workflow annotations), sarif (SARIF 2.1.0), json.", DefaultValueFactory = _ => "text" };
        var output = new Option<string?>("--output") { Description = "Write the output to this file instead of stdout (a summary still goes to stderr)." };
        var root = new Option<string?>("--root") { Description = "Folder to check (default: the current folder); paths are reported relative to the repository's top." };
        var requireApplied = new Option<bool>("--require-applied") { Description = "Fail when any patch is pending (would still change something), whatever patchbuild.json says." };
        var command = new Command("check", "Run the pre-commit checks over the whole repository: unsafe, unparsable or stale patches, conflict markers, leftovers, interrupted applies.")
        {
            staged, format, output, root, requireApplied,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string formatName = parse.GetValue(format) ?? "text";
            if (formatName is not ("text" or "github" or "sarif" or "json"))
            {
                throw new UsageException($"--format '{formatName}' is not one of text, github, sarif, json.");
            }

            string folder = parse.GetValue(root) ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            var request = new CheckRequest(folder, parse.GetValue(staged) ? CheckScope.Index : CheckScope.WorkingTree)
            {
                RequireApplied = parse.GetValue(requireApplied) ? true : null,
            };
            var report = await RepositoryChecker.RunAsync(request, cancellationToken).ConfigureAwait(false);
            string rendered = Render(report, formatName);
            string? file = parse.GetValue(output);
            if (file is null)
            {
                console.Out.Write(rendered);
            }
            else
            {
                await File.WriteAllTextAsync(file, rendered, cancellationToken).ConfigureAwait(false);
            }

            int errors = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
            console.Error.WriteLine(errors == 0
                ? $"patchbuild check: no problems in {report.FilesChecked} file(s)."
                : $"patchbuild check: {errors} problem{(errors == 1 ? "" : "s")} in {report.FilesChecked} file(s).");
            return report.HasErrors ? CliApp.ExitFailure : CliApp.ExitSuccess;
        });
        return command;
    }

    private static string Render(CheckReport report, string format)
    {
        switch (format)
        {
            case "github":
            {
                var writer = new StringWriter { NewLine = "\n" };
                GitHubAnnotationWriter.Write(report, writer);
                return writer.ToString();
            }

            case "sarif":
                return SarifLogWriter.Write(report) + "\n";
            case "json":
                return JsonCheckReportWriter.Write(report) + "\n";
            default:
            {
                var writer = new StringWriter { NewLine = "\n" };
                TextFindingWriter.Write(report, writer);
                return writer.ToString();
            }
        }
    }
}
