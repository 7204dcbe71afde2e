using PatchBuild.Cli.Output;
using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Review;

namespace PatchBuild.Cli.Commands;

/// <summary>
/// `apply --interactive`: asks about each change the engine's <see cref="InteractiveReview"/> lays out and hands the
/// answers back to it. Answers are lines ("y" then Enter), read from the terminal.
/// </summary>
public sealed class InteractiveApply(CliConsole console, PatchEngine engine)
{
    private const string Question = "[y]es / [n]o / [e]dit / [a]ll / [q]uit / [?] help: ";

    private readonly ApplyReportPrinter _diff = new(console.Out, console.Colour);

    /// <summary>The combinations that make no sense with questions are usage errors (exit 2), checked before any work.</summary>
    public static void RefuseIncompatible(IReadOnlyList<string> files, bool json, ApplyOptions options, CliConsole console)
    {
        if (json)
        {
            throw new UsageException("--interactive cannot be combined with --json: the questions need the terminal. Use --report FILE to keep the JSON report.");
        }

        if (options.DryRun)
        {
            throw new UsageException("--interactive and --dry-run exclude each other: --dry-run already shows every change without writing; --interactive asks and then writes.");
        }

        if (options.Partial)
        {
            throw new UsageException("--interactive and --partial exclude each other: answer 'n' to the changes you do not want instead.");
        }

        if (files.Any(PatchInput.IsStandardInput))
        {
            throw new UsageException("--interactive reads your answers from standard input, so the patch cannot come from there ('-'). Save the patch to a file and pass its path.");
        }

        if (!console.IsTerminal)
        {
            throw new UsageException("--interactive needs a terminal: standard input and output must not be redirected. To review without one, run with --dry-run, then apply without --interactive.");
        }
    }

    /// <summary>Asks, then applies what was accepted. Null: nothing was accepted and nothing written.</summary>
    public async Task<ApplyResult?> RunAsync(IReadOnlyList<string> files, ApplyOptions options, CancellationToken cancellationToken)
    {
        var start = await InteractiveReview.StartAsync(engine, files, options, cancellationToken).ConfigureAwait(false);
        if (start.Review is not { } review)
        {
            return start.Failure!;
        }

        foreach (var error in review.WholeValidationErrors)
        {
            console.Out.WriteLine($"! As written, the patch fails validation: {error.Code} {S(error.Message)}");
        }

        if (review.WholeValidationErrors.Count > 0)
        {
            console.Out.WriteLine("  Answer n to (or edit) the change at fault; what you accept is validated again before anything is written.");
        }

        bool acceptRest = false;
        bool quit = false;
        var steps = review.Steps;
        for (int i = 0; i < steps.Count && !quit; i++)
        {
            var step = steps[i];
            if (review.Selection.DecisionOf(step) != ReviewDecision.Undecided)
            {
                continue; // settled by an edit of its file
            }

            var preview = review.Preview(step);
            string title = $"({i + 1}/{steps.Count}) {Describe(review, step)}";
            if (preview.Error is { } error)
            {
                console.Out.WriteLine($"{title}: cannot apply without a change you rejected: {error.Code} {S(error.Message)}; skipped.");
                review.Selection.Decide(step, ReviewDecision.Rejected);
                continue;
            }

            if (preview.NoChange)
            {
                console.Out.WriteLine($"{title}: already applied, nothing to ask.");
                review.Selection.Decide(step, ReviewDecision.Accepted);
                continue;
            }

            if (acceptRest)
            {
                review.Selection.Decide(step, ReviewDecision.Accepted);
                continue;
            }

            console.Out.WriteLine(title);
            _diff.WriteDiff(preview.Diff);
            quit = await AskAsync(review, step, () => acceptRest = true, cancellationToken).ConfigureAwait(false);
        }

        // Like `git add -p`: quitting keeps the answers given so far; what was not asked about is left out.
        foreach (var step in steps.Where(s => review.Selection.DecisionOf(s) == ReviewDecision.Undecided))
        {
            review.Selection.Decide(step, ReviewDecision.Rejected);
        }

        int accepted = steps.Count(s => review.Selection.DecisionOf(s) == ReviewDecision.Accepted);
        if (!review.Selection.AcceptedAny)
        {
            console.Out.WriteLine("Nothing accepted; no files modified.");
            return null;
        }

        console.Out.WriteLine($"Applying {accepted} of {steps.Count} change(s) as one transaction.");
        return await review.ApplyAcceptedAsync(options.Archive, cancellationToken).ConfigureAwait(false);
    }

    // Returns true when the person quits.
    private async Task<bool> AskAsync(InteractiveReview review, ReviewStep step, Action acceptRest, CancellationToken cancellationToken)
    {
        while (true)
        {
            console.Out.Write(Question);
            console.Out.Flush();
            string? line = console.Answers.ReadLine();
            switch (line?.Trim().ToLowerInvariant())
            {
                case null:
                case "q":
                case "quit":
                    return true;
                case "y":
                case "yes":
                    review.Selection.Decide(step, ReviewDecision.Accepted);
                    return false;
                case "n":
                case "no":
                    review.Selection.Decide(step, ReviewDecision.Rejected);
                    return false;
                case "a":
                case "all":
                    review.Selection.Decide(step, ReviewDecision.Accepted);
                    acceptRest();
                    return false;
                case "e":
                case "edit":
                    if (await EditAsync(review, step, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    break;
                case "?":
                case "h":
                case "help":
                    PrintHelp();
                    break;
                default:
                    console.Out.WriteLine($"Unknown answer '{S(line)}'; type y, n, e, a, q or ? and press Enter.");
                    break;
            }
        }
    }

    // True when the edit stands; false asks the same question again (the choice is unchanged).
    private async Task<bool> EditAsync(InteractiveReview review, ReviewStep step, CancellationToken cancellationToken)
    {
        var content = review.ContentToEdit(step);
        if (content.Refusal is not null)
        {
            console.Out.WriteLine($"Cannot edit: {S(content.Refusal)}.");
            return false;
        }

        if (ExternalEditor.Command(Environment.GetEnvironmentVariable) is not { } editor)
        {
            console.Out.WriteLine("error: no editor: set VISUAL or EDITOR (for example 'export EDITOR=nano') to edit a change.");
            return false;
        }

        var outcome = ExternalEditor.Edit(editor, content.Path, content.Text!, review.Limits.MaxTargetFileBytes);
        if (outcome.Problem is { } problem)
        {
            console.Out.WriteLine($"Edit not used: {S(problem)}.");
            return false;
        }

        if (outcome.Text == content.Text)
        {
            console.Out.WriteLine("The file was not changed in the editor; answer again.");
            return false;
        }

        var errors = await review.TryEditAsync(step, content, outcome.Text!, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            console.Out.WriteLine($"The edited {S(content.Path)} is refused, as a patch making it would be:");
            foreach (var error in errors)
            {
                string line = error.Line is { } at ? $" (line {at})" : "";
                console.Out.WriteLine($"  {error.Code} {S(error.Message)}{line}");
                if (error.Hint is { } hint)
                {
                    console.Out.WriteLine($"  Fix: {S(hint)}");
                }
            }

            console.Out.WriteLine("Nothing was kept from that edit; answer again.");
            return false;
        }

        console.Out.WriteLine($"Edited {S(content.Path)} accepted: it replaces this file's changes in the patch.");
        return true;
    }

    private void PrintHelp()
    {
        console.Out.WriteLine("y - apply this change");
        console.Out.WriteLine("n - do not apply this change");
        console.Out.WriteLine("e - edit the file as it would be written ($VISUAL or $EDITOR); the result is validated like a patch");
        console.Out.WriteLine("a - apply this change and every change after it without asking");
        console.Out.WriteLine("q - stop asking: apply only what was accepted so far");
        console.Out.WriteLine("? - show this help");
    }

    private static string Describe(InteractiveReview review, ReviewStep step)
    {
        var change = review.Selection.ChangeOf(step);
        string patch = review.Patches.Count > 1 && review.Selection.PatchOf(step).SourcePath is { } source ? $"{Path.GetFileName(source)}: " : "";
        string what = step.Modification is { } m
            ? $"modification {m + 1} of {change.Modifications.Count}"
            : change.Kind switch
            {
                FileChangeKind.Create => "create",
                FileChangeKind.CreateDirectory => "create folder",
                FileChangeKind.Recreate => "replace whole file",
                FileChangeKind.Delete => "delete",
                FileChangeKind.Rename => $"move to {change.NewPath}",
                _ => "change",
            };
        return S($"{patch}{change.Path}: {what}");
    }

    private static string S(string? text) => TerminalText.SafeLine(text ?? "");
}
