namespace PatchBuild.Core.Authoring.Ai;

/// <summary>A file the model may change: its path relative to the root and its content now (null: it does not exist yet).</summary>
public sealed record AiTarget(string Relative, string? Content);
