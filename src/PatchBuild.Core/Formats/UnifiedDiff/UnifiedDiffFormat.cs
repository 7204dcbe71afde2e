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

        // A git file header, or a "--- " line directly followed by a "+++ " line, read line by line without indexing the
        // whole text: every patch is offered to every format first. (Only prefixes are compared, so a CR before the
        // newline changes nothing.)
        var rest = text.AsSpan();
        var previous = ReadOnlySpan<char>.Empty;
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal) ||
                (previous.StartsWith("--- ", StringComparison.Ordinal) && line.StartsWith("+++ ", StringComparison.Ordinal)))
            {
                return true;
            }

            previous = line;
            rest = newline < 0 ? [] : rest[(newline + 1)..];
        }

        return false;
    }

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => UnifiedDiffParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new HunkApplier()];
}
