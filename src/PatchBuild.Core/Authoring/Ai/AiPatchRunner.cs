using System.Text;
using Microsoft.Extensions.AI;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// `patchbuild ai`: instruction → model → patch, in a closed loop. Each answer is read by the same engine as any
/// patch and judged by the normal path (plan, syntax, safety, compile with a project, tests with a test command);
/// a failure goes back to the model as the report a person would get, up to N attempts. Nothing in the tree changes
/// unless an answer passes every check, and then it changes in one transaction.
/// </summary>
public static class AiPatchRunner
{
    public static async Task<AiRunResult> RunAsync(AiRunOptions options, CancellationToken cancellationToken = default)
    {
        AiInputs inputs;
        try
        {
            inputs = AiInputs.Resolve(options);
        }
        catch (PatchException ex)
        {
            return new AiRunResult(false) { Mode = options.Mode, Error = ex.Error, Root = options.Apply.Root };
        }

        var run = new Run(options, inputs);
        return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Run(AiRunOptions options, AiInputs inputs)
    {
        private readonly PatchEngine _engine = new();
        private readonly List<AiAttempt> _attempts = [];
        private readonly AiTranscript _transcript = new(inputs.Endpoint);

        public async Task<AiRunResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            var endpoint = inputs.Endpoint;
            List<ChatMessage> messages = [AiPrompt.System(inputs.Targets), AiPrompt.Request(inputs.Targets, inputs.Tasks)];
            messages.ForEach(_transcript.Add);
            using var client = options.ClientFactory?.Invoke(endpoint)
                ?? new ChatCompletionsClient(endpoint) { RateLimited = wait => options.Progress?.Invoke($"rate limited (HTTP 429): waiting {wait.TotalSeconds:0.#} s as the endpoint asks") };
            for (int n = 1; n <= inputs.MaxAttempts; n++)
            {
                options.Progress?.Invoke($"attempt {n}/{inputs.MaxAttempts}: asking {endpoint.Model} at {endpoint.BaseUrl}");
                string answer;
                try
                {
                    var response = await client.GetResponseAsync(messages, new ChatOptions { ModelId = endpoint.Model }, cancellationToken).ConfigureAwait(false);
                    answer = response.Text;
                }
                catch (PatchException ex)
                {
                    return await FinishAsync(Failed(ex.Error), cancellationToken).ConfigureAwait(false);
                }

                var reply = new ChatMessage(ChatRole.Assistant, answer);
                messages.Add(reply);
                _transcript.Add(reply);
                var judged = await JudgeAsync(n, answer, cancellationToken).ConfigureAwait(false);
                _attempts.Add(judged.Attempt);
                _transcript.Add(judged.Attempt);
                if (judged.Passed is { } passed)
                {
                    return await FinishAsync(await SucceedAsync(judged.Patch!, passed, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                }

                if (judged.Terminal)
                {
                    return await FinishAsync(Failed(judged.Attempt.Errors[0]), cancellationToken).ConfigureAwait(false);
                }

                var first = judged.Attempt.Errors[0];
                options.Progress?.Invoke($"attempt {n} failed: {first.Code}: {first.Message}");
                if (n < inputs.MaxAttempts)
                {
                    var retry = AiPrompt.Retry(n, judged.Attempt.Report ?? "");
                    messages.Add(retry);
                    _transcript.Add(retry);
                }
            }

            return await FinishAsync(Failed(NotConverged()), cancellationToken).ConfigureAwait(false);
        }

        private sealed record Judgement(AiAttempt Attempt)
        {
            public PatchSet? Patch { get; init; }

            /// <summary>The engine's result for a patch that passed (dry run, or the apply).</summary>
            public ApplyResult? Passed { get; init; }

            /// <summary>A failure the model cannot fix (the tree could not be restored, the workspace is locked).</summary>
            public bool Terminal { get; init; }
        }

        private async Task<Judgement> JudgeAsync(int n, string answer, CancellationToken cancellationToken)
        {
            var attempt = new AiAttempt(n, answer);
            PatchSet patch;
            try
            {
                patch = AnswerReader.Read(answer, inputs.PatchPath, inputs.Apply.Limits!);
            }
            catch (PatchException ex)
            {
                return Rejected(attempt, [ex.Error], null);
            }

            attempt = attempt with { Format = patch.Format };
            var refused = inputs.RefusedFiles(patch);
            if (refused.Count > 0)
            {
                return Rejected(attempt, refused, null);
            }

            string? planReport = null;
            var dry = await _engine.ApplyAsync([patch], inputs.Apply with { DryRun = true, TestCommand = null, PlanFailureReport = text => planReport = text }, cancellationToken).ConfigureAwait(false);
            if (!dry.Success)
            {
                return Rejected(attempt, dry.Errors, planReport);
            }

            if (options.Mode != AiMode.Apply)
            {
                return new Judgement(attempt) { Patch = patch, Passed = dry };
            }

            // The one write: the same transaction, history and test command as `patchbuild apply`. A failing test
            // is rolled back by the engine, and the model gets the test's report.
            var applied = await _engine.ApplyAsync([patch], inputs.Apply with { DryRun = false }, cancellationToken).ConfigureAwait(false);
            if (applied.Success)
            {
                return new Judgement(attempt) { Patch = patch, Passed = applied with { Diff = dry.Diff } };
            }

            bool retryable = applied.Errors.All(e => e.Code == ErrorCodes.TestFailed && e.Context.TryGetValue("rolledBack", out var back) && back is true);
            var rejected = Rejected(attempt, applied.Errors, null);
            return retryable ? rejected : rejected with { Terminal = true };
        }

        private Judgement Rejected(AiAttempt attempt, IReadOnlyList<PatchError> errors, string? planReport) =>
            new(attempt with { Errors = errors, Report = planReport ?? AiFailureReport.Render(errors, inputs.Targets) });

        private async Task<AiRunResult> SucceedAsync(PatchSet patch, ApplyResult engine, CancellationToken cancellationToken)
        {
            var result = new AiRunResult(true)
            {
                Mode = options.Mode,
                Root = inputs.Root,
                Model = inputs.Endpoint.Model,
                Attempts = _attempts,
                PatchText = patch.Text,
                PatchFormat = patch.Format,
                Engine = engine,
            };
            if (options.Mode == AiMode.DryRun)
            {
                return result;
            }

            string written;
            try
            {
                written = await inputs.WritePatchAsync(patch.Text, patch.Format, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatchException)
            {
                var error = ex is PatchException pe ? pe.Error : new PatchError(ErrorCodes.FileWriteError, $"Cannot write the patch file '{inputs.PatchPath}': {ex.Message}")
                {
                    Hint = options.Mode == AiMode.Apply
                        ? "The patch was applied (see `patchbuild history`); pass --out to keep a copy elsewhere next time."
                        : "Pass --out with a writable path. The tree was not changed.",
                };
                return result with { Success = options.Mode == AiMode.Apply, Error = error };
            }

            return result with { PatchFile = written };
        }

        private AiRunResult Failed(PatchError error) => new(false)
        {
            Mode = options.Mode,
            Root = inputs.Root,
            Model = inputs.Endpoint.Model,
            Attempts = _attempts,
            Error = error,
        };

        private PatchError NotConverged()
        {
            var sb = new StringBuilder($"No answer passed validation in {_attempts.Count} attempt{(_attempts.Count == 1 ? "" : "s")}:");
            foreach (var attempt in _attempts)
            {
                var first = attempt.Errors[0];
                sb.Append($"\n  attempt {attempt.Number}: {first.Code}: {first.Message}");
                if (attempt.Errors.Count > 1)
                {
                    sb.Append($" (+{attempt.Errors.Count - 1} more)");
                }
            }

            return new PatchError(AiErrorCodes.NotConverged, sb.ToString())
            {
                Hint = "Nothing was changed. Read the transcript in .patchbuild/ai/, make the instruction more precise, give the files the change needs with --file, or allow more with --max-attempts.",
            };
        }

        // The transcript is written for every run that asked the model, except a dry run (which writes nothing).
        private async Task<AiRunResult> FinishAsync(AiRunResult result, CancellationToken cancellationToken)
        {
            if (options.Mode == AiMode.DryRun)
            {
                return result;
            }

            try
            {
                string outcome = result.Success ? $"success after {_attempts.Count} attempt(s)" : $"{result.Error?.Code}: {result.Error?.Message}";
                return result with { TranscriptFile = await _transcript.WriteAsync(inputs.WorkspaceRoot, outcome, cancellationToken).ConfigureAwait(false) };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatchException)
            {
                options.Progress?.Invoke($"warning: the transcript was not written: {(ex is PatchException pe ? pe.Error.Message : ex.Message)}");
                return result;
            }
        }
    }
}
