using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>Unified diffs, plain and git-style (*.patch, *.diff, or text that holds a file diff after any preamble).</summary>
public sealed class UnifiedDiffFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.UnifiedDiff;

    public bool Claims(string? fileName, string text)
    {
        if (fileName is not null &&
            (fileName.EndsWith(".patch", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".diff", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var lines = new DiffLines(text, null);
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("diff --git ", StringComparison.Ordinal) || lines.IsPlainFileHeader(i))
            {
                return true;
            }
        }

        return false;
    }

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => UnifiedDiffParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new HunkApplier()];
}
