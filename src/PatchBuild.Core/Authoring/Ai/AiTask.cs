namespace PatchBuild.Core.Authoring.Ai;

/// <summary>One instruction for the model; <see cref="File"/> names the file it is about (null: about all the files given).</summary>
public sealed record AiTask(string? File, string Instruction)
{
    /// <summary>An instruction longer than this is refused: it is a request for one patch, not a document.</summary>
    public const int MaxInstructionLength = 32 * 1024;
}
