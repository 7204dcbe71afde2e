using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Codex;

/// <summary>OpenAI Codex apply_patch text ("*** Begin Patch" … "*** End Patch"), whatever the file is called.</summary>
public sealed class CodexFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Codex;

    /// <summary>By content only: the first line that is not blank is "*** Begin Patch", or follows a heredoc or fence opener.</summary>
    public bool Claims(string? fileName, string text) => CodexEnvelope.StartsWithBegin(text);

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => CodexParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new ChunkApplier()];
}
