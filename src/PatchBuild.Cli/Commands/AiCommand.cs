using System.CommandLine;
using PatchBuild.Core;
using PatchBuild.Core.Authoring.Ai;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild ai "INSTRUCTION" --file F`: asks a model for a patch and validates it in a closed loop (AiPatchRunner).</summary>
public static class AiCommand
{
    public static Command Create(CliConsole console)
    {
        var instruction = new Argument<string?>("instruction") { Description = "What to change, in plain language (optional with --plan).", Arity = ArgumentArity.ZeroOrOne };
        var files = new Option<string[]>("--file") { Description = "A file the model may change (repeat); its current content goes into the prompt. Relative to the current folder." };
        var plan = new Option<string?>("--plan") { Description = "plan.json: a list of {\"file\", \"instruction\"} (files relative to the root), all in one atomic patch." };
        var apply = new Option<bool>("--apply") { Description = "Apply the validated patch (one transaction, with history), as patchbuild apply does." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the validated patch and its diff; write nothing (no patch file, no transcript)." };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = $"Answers asked for at most (default: ai.maxAttempts, else {AiRunOptions.DefaultMaxAttempts}; 1 to {AiSettings.MaxAttemptsLimit})." };
        var model = new Option<string?>("--model") { Description = $"The model (default: patchbuild.json ai.model, then {AiEndpoint.ModelVariable})." };
        var timeout = new Option<int?>("--timeout") { Description = $"Seconds one request may take (default: ai.timeoutSeconds, else {AiEndpoint.DefaultTimeout.TotalSeconds:0})." };
        var root = new Option<string?>("--root") { Description = "Folder the files and the patch resolve against (default: as for apply, from the first --file)." };
        var output = new Option<string?>("--out") { Description = "Where to write the patch (default: ai-TIMESTAMP.ap next to --project, else in the root)." };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (human output goes to stderr)." };
        var validation = new ValidationOptions();

        var command = new Command("ai", $"Ask a model (any OpenAI-compatible endpoint: {AiEndpoint.BaseUrlVariable}, {AiEndpoint.ApiKeyVariable}) for a patch, validate it, and send failures back for a corrected one.")
        {
            instruction, files, plan, apply, dryRun, maxAttempts, model, timeout, root, output, json,
        };
        validation.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            bool applyIt = parse.GetValue(apply);
            bool preview = parse.GetValue(dryRun);
            if (applyIt && preview)
            {
                throw new UsageException("--apply and --dry-run exclude each other.");
            }

            string? text = parse.GetValue(instruction);
            string? planFile = parse.GetValue(plan);
            string[] given = parse.GetValue(files) ?? [];
            if (string.IsNullOrWhiteSpace(text) && planFile is null)
            {
                throw new UsageException("give the instruction (patchbuild ai \"Add a Phone property to User\" --file src/User.cs) or --plan plan.json.");
            }

            if (given.Length == 0 && planFile is null)
            {
                throw new UsageException("name the files the model may change with --file (repeat it), or list them in --plan.");
            }

            if (parse.GetValue(maxAttempts) is { } attempts && attempts is < 1 or > AiSettings.MaxAttemptsLimit)
            {
                throw new UsageException($"--max-attempts takes 1 to {AiSettings.MaxAttemptsLimit}.");
            }

            if (parse.GetValue(timeout) is { } seconds && seconds is < 1 or > AiSettings.MaxTimeoutSeconds)
            {
                throw new UsageException($"--timeout takes 1 to {AiSettings.MaxTimeoutSeconds} seconds.");
            }

            if (parse.GetValue(root) is { } rootFolder && !Directory.Exists(rootFolder))
            {
                throw new UsageException($"--root '{rootFolder}' is not a folder.");
            }

            var applyOptions = validation.Apply(parse, new ApplyOptions { Root = parse.GetValue(root) }, console);
            if (applyOptions.TestCommand is not null && !applyIt)
            {
                throw new UsageException("--test runs after the patch is written into the tree: use it with --apply.");
            }

            bool asJson = parse.GetValue(json);
            var human = asJson ? console.Error : console.Out;
            var result = await AiPatchRunner.RunAsync(new AiRunOptions
            {
                Instruction = text,
                Files = given,
                PlanFile = planFile,
                Mode = applyIt ? AiMode.Apply : preview ? AiMode.DryRun : AiMode.WritePatch,
                MaxAttempts = parse.GetValue(maxAttempts),
                Model = parse.GetValue(model),
                TimeoutSeconds = parse.GetValue(timeout),
                OutPath = parse.GetValue(output),
                Apply = applyOptions,
                Progress = line => console.Error.WriteLine(TerminalText.Escape(line)),
            }, cancellationToken).ConfigureAwait(false);

            if (asJson)
            {
                console.Out.WriteLine(AiJsonReport.Write(result));
            }

            Print(human, result);
            return result.Success ? CliApp.ExitSuccess : CliApp.ExitFailure;
        });

        return command;
    }

    private static void Print(TextWriter writer, AiRunResult result)
    {
        if (result.Success)
        {
            string format = result.PatchFormat is { } f ? PatchFormatNames.NameOf(f) : "patch";
            writer.WriteLine($"✓ the model's {format} patch validated on attempt {result.Attempts.Count}");
            if (result.Mode == AiMode.DryRun)
            {
                writer.WriteLine("--- patch (dry run: nothing written) ---");
                writer.Write(TerminalText.EscapeLines(EndLine(result.PatchText ?? "")));
                writer.WriteLine("--- diff ---");
                writer.Write(TerminalText.EscapeLines(EndLine(result.Engine?.Diff ?? "")));
            }

            if (result.Mode == AiMode.Apply)
            {
                writer.WriteLine($"applied: {result.Engine?.Changes.Count ?? 0} file(s) changed{(result.Engine?.HistoryId is { } id ? $" (history {id}; undo with patchbuild rollback)" : "")}");
            }
        }

        if (result.PatchFile is { } patchFile)
        {
            writer.WriteLine($"patch: {TerminalText.Escape(patchFile)}");
        }

        if (result.TranscriptFile is { } transcript)
        {
            writer.WriteLine($"transcript: {TerminalText.Escape(transcript)}");
        }

        if (result.Error is { } error)
        {
            writer.WriteLine($"{(result.Success ? "warning" : "error")}: {error.Code} {TerminalText.EscapeLines(error.Message)}");
            if (error.Hint is { } hint)
            {
                writer.WriteLine($"  Fix: {TerminalText.Escape(hint)}");
            }
        }
    }

    private static string EndLine(string text) => text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";
}
