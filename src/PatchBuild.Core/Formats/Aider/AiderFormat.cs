using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Aider;

/// <summary>Aider's SEARCH/REPLACE edit blocks, as an assistant's answer holds them (prose and fences around).</summary>
public sealed class AiderFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Aider;

    /// <summary>
    /// By content: a SEARCH marker line. Nothing else writes one (git conflicts say HEAD), and claiming an answer that
    /// was cut off after it lets the parser say so, instead of "not a patch".
    /// </summary>
    public bool Claims(string? fileName, string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (AiderMarkers.IsSearch(line))
            {
                return true;
            }
        }

        return false;
    }

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => AiderParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new SearchReplaceApplier()];
}
