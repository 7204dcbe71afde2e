using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Aider;

/// <summary>Aider's SEARCH/REPLACE edit blocks, as an assistant's answer holds them (prose and fences around).</summary>
public sealed class AiderFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Aider;

    /// <summary>
    /// By content: a SEARCH marker line. Nothing else writes one (git conflicts say HEAD), and claiming an answer that
    /// was cut off after it lets the parser say so, instead of "not a patch". A unified diff that shows such a line as
    /// context (a diff of this very documentation) is left to the diff reader.
    /// </summary>
    public bool Claims(string? fileName, string text)
    {
        bool marker = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                return false;
            }

            marker |= AiderMarkers.IsSearch(line);
        }

        return marker;
    }

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => AiderParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new SearchReplaceApplier()];
}
