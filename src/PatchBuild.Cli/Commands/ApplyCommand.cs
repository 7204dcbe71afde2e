using System.CommandLine;
using PatchBuild.Cli.Output;
using PatchBuild.Core;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild apply PATCH...`: one transaction over every patch given.</summary>
public static class ApplyCommand
{
    public static Command Create(CliConsole console)
    {
        var patches = new Argument<string[]>("patch") { Description = "Patch files (ap, Codex, Aider, unified diff, patch.json; '-' reads standard input), applied together as one transaction.", Arity = ArgumentArity.OneOrMore };
        var root = new Option<string?>("--root") { Description = "Folder that relative target paths resolve against (default: the nearest folder above the patch with a project file or patchbuild.json, or the git top level)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the unified diff of every planned change; write nothing." };
        var strict = new Option<bool>("--strict") { Description = "Refuse the deviations that are forgiven by default (ap deviations, sloppy diffs)." };
        var format = new Option<string?>("--format") { Description = $"Read every patch as this dialect ({PatchFormatNames.Choices}) instead of detecting it." };
        var reverse = new Option<bool>("--reverse", "-R") { Description = "Apply unified diffs in reverse, as git apply -R does." };
        var partial = new Option<bool>("--partial") { Description = "Apply what resolves; write afailed.ap and afailed.md for what fails." };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (human output goes to stderr)." };
        var report = new Option<string?>("--report") { Description = "Also write the JSON report to this file (on failure too)." };
        var force = new Option<bool>("--force") { Description = "Skip syntax and compile validation (never the path rules)." };
        var fuzz = new Option<int>("--fuzz") { Description = "Unified diffs: ignore up to N context lines at a hunk's edges." };
        var archive = new Option<bool>("--archive") { Description = "Move applied patch files into .patchbuild/applied so they are no longer pending." };
        var backupDir = new Option<string?>("--backup-dir") { Description = "Write backups here instead of .patchbuild/backups." };
        var strategy = new Option<string?>("--strategy") { Description = "Settle overlaps when a patch made against older content meets a changed file: ours, theirs, union or manual." };
        var lockTimeout = new Option<double?>("--lock-timeout") { Description = "Seconds to wait for another PatchBuild process (default 30)." };
        var interactive = new Option<bool>("--interactive") { Description = "Show each change and ask: [y]es / [n]o / [e]dit / [a]ll / [q]uit; what is accepted is applied as one transaction. Needs a terminal." };
        var validation = new ValidationOptions();

        var command = new Command("apply", "Apply patches: plan all in memory, validate, then write all or nothing.")
        {
            patches, root, dryRun, strict, format, reverse, partial, json, report, force, fuzz, archive, backupDir, strategy, lockTimeout, interactive,
        };
        validation.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] files = parse.GetValue(patches) ?? [];
            if (files.FirstOrDefault(f => f.StartsWith('-') && !PatchInput.IsStandardInput(f)) is { } unknown)
            {
                throw new UsageException($"unknown option '{unknown}'.{OptionSuggestions.Hint(command, unknown)}");
            }

            if (parse.GetValue(fuzz) < 0)
            {
                throw new UsageException("--fuzz takes a number of lines, 0 or more.");
            }

            if (files.Count(PatchInput.IsStandardInput) > 1)
            {
                throw new UsageException("standard input ('-') can be given once.");
            }

            PatchFormat? forcedFormat = null;
            if (parse.GetValue(format) is { } formatName)
            {
                forcedFormat = PatchFormatNames.TryParse(formatName, out var known) ? known
                    : throw new UsageException($"--format takes {PatchFormatNames.Choices}, not '{formatName}'.");
            }

            string? strategyText = parse.GetValue(strategy);
            MergeStrategy? mergeStrategy = strategyText is null ? null
                : MergeStrategies.Parse(strategyText) ?? throw new UsageException($"--strategy takes ours, theirs, union or manual, not '{strategyText}'.");
            var options = new ApplyOptions
            {
                BackupDir = parse.GetValue(backupDir) is { } dir ? Path.GetFullPath(dir) : null,
                MergeStrategy = mergeStrategy,
                LockTimeout = parse.GetValue(lockTimeout) is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : TimeSpan.FromSeconds(30),
                Root = parse.GetValue(root),
                DryRun = parse.GetValue(dryRun),
                Strict = parse.GetValue(strict),
                Partial = parse.GetValue(partial),
                Force = parse.GetValue(force),
                Fuzz = parse.GetValue(fuzz),
                Archive = parse.GetValue(archive),
                Format = forcedFormat,
                Reverse = parse.GetValue(reverse),
                StandardInput = console.Input,
            };
            options = validation.Apply(parse, options, console);

            if (options.Root is not null && !Directory.Exists(options.Root))
            {
                throw new UsageException($"--root '{options.Root}' is not a folder.");
            }

            bool asJson = parse.GetValue(json);
            string? reportFile = parse.GetValue(report);
            var engine = new PatchEngine();
            ApplyResult result;
            if (parse.GetValue(interactive))
            {
                InteractiveApply.RefuseIncompatible(files, asJson, options, console);
                if (await new InteractiveApply(console, engine).RunAsync(files, options, cancellationToken).ConfigureAwait(false) is not { } applied)
                {
                    return CliApp.ExitSuccess;
                }

                result = applied;
            }
            else
            {
                result = await engine.ApplyFilesAsync(files, options, cancellationToken).ConfigureAwait(false);
            }

            if (asJson || reportFile is not null)
            {
                string text = JsonReportWriter.Write(result);
                if (asJson)
                {
                    console.Out.WriteLine(text);
                }

                if (reportFile is not null)
                {
                    await File.WriteAllTextAsync(reportFile, text + "\n", cancellationToken).ConfigureAwait(false);
                }
            }

            var human = asJson ? console.Error : console.Out;
            new ApplyReportPrinter(human, console.Colour && !asJson).Print(result, files.Select(f => PatchInput.IsStandardInput(f) ? PatchInput.StandardInputLabel : f).ToList());
            return result.Status == ApplyStatus.Success ? CliApp.ExitSuccess : CliApp.ExitFailure;
        });

        return command;
    }
}
