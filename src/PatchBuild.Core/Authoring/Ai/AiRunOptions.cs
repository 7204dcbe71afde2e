using Microsoft.Extensions.AI;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>What `patchbuild ai` does with a patch that validates.</summary>
public enum AiMode
{
    /// <summary>Write the patch file (next to the project, or --out); the tree is not changed.</summary>
    WritePatch,

    /// <summary>Write the patch file and apply it: one transaction, with history, as `patchbuild apply`.</summary>
    Apply,

    /// <summary>Show the patch and its diff; write nothing at all (no patch file, no transcript).</summary>
    DryRun,
}

/// <summary>The inputs of one `patchbuild ai` run.</summary>
public sealed record AiRunOptions
{
    public const int DefaultMaxAttempts = 3;

    /// <summary>The most files one request may carry.</summary>
    public const int MaxFiles = 50;

    /// <summary>The instruction for all the files (may be null with a plan).</summary>
    public string? Instruction { get; init; }

    /// <summary>The files the model may change, as given on the command line (relative to the current folder).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>plan.json: file + instruction entries (files relative to the root), all in one patch.</summary>
    public string? PlanFile { get; init; }

    public AiMode Mode { get; init; } = AiMode.WritePatch;

    /// <summary>Answers asked for at most; null: ai.maxAttempts, else 3.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>--model; null: ai.model, then PATCHBUILD_AI_MODEL.</summary>
    public string? Model { get; init; }

    /// <summary>Seconds one request may take; null: ai.timeoutSeconds, else 120.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Where the patch file goes; null: ai-TIMESTAMP.ap next to the project (--project) or in the root.</summary>
    public string? OutPath { get; init; }

    /// <summary>How the patch is validated and applied: root, --project, --test, --config, history.</summary>
    public ApplyOptions Apply { get; init; } = new();

    /// <summary>Reads OPENAI_BASE_URL, OPENAI_API_KEY and PATCHBUILD_AI_MODEL.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Builds the chat client for the endpoint; null: <see cref="ChatCompletionsClient"/>.</summary>
    public Func<AiEndpoint, IChatClient>? ClientFactory { get; init; }

    /// <summary>Receives one line per step (request sent, attempt failed, rate limit wait).</summary>
    public Action<string>? Progress { get; init; }
}
