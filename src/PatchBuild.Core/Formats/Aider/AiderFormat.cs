using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Aider;

/// <summary>Aider's SEARCH/REPLACE edit blocks, as an assistant's answer holds them (prose and fences around).</summary>
public sealed class AiderFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Aider;

    /// <summary>By content: a SEARCH marker line later followed by a divider and a REPLACE marker.</summary>
    public bool Claims(string? fileName, string text) => HasBlock(text);

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => AiderParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new SearchReplaceApplier()];

    internal static bool HasBlock(string text)
    {
        int stage = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            stage = stage switch
            {
                0 when AiderMarkers.IsSearch(line) => 1,
                1 when AiderMarkers.IsDivider(line) => 2,
                2 when AiderMarkers.IsReplace(line) => 3,
                _ => stage,
            };

            if (stage == 3)
            {
                return true;
            }
        }

        return false;
    }
}
