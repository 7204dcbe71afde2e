using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Maps a finding in a planned file back to the patch line that brought it in, so the author can fix the patch.
/// Exact for ap content values; for other formats, the first line at or after the file's entry that carries the text.
/// </summary>
internal sealed class PatchLineLocator(IReadOnlyList<PatchSet> patches)
{
    private readonly Dictionary<PatchSet, string[]> _lines = [];

    public (int? Line, string? PatchFile) Locate(string relativePath, string? lineText)
    {
        (int? Line, string? PatchFile) fallback = (null, null);
        string needle = (lineText ?? "").Trim();
        foreach (var patch in patches)
        {
            foreach (var change in patch.Files)
            {
                if (!Targets(change, relativePath))
                {
                    continue;
                }

                fallback = fallback.Line is null && change.PatchLine > 0 ? (change.PatchLine, patch.SourcePath) : fallback;
                if (needle.Length == 0)
                {
                    continue;
                }

                foreach (var modification in change.Modifications)
                {
                    if (modification is LocatorModification { Content: { } content, ContentLine: { } contentLine })
                    {
                        int index = Array.FindIndex(AddedLines.SplitLines(content), l => l.Contains(needle, StringComparison.Ordinal));
                        if (index >= 0)
                        {
                            return (ContentValueLine(patch, needle, contentLine, index), patch.SourcePath);
                        }
                    }
                }

                int start = Math.Max(change.PatchLine, 1);
                int? first = change.Modifications.FirstOrDefault(m => m.RawText.Contains(needle, StringComparison.Ordinal))?.PatchLine;
                int found = FindInText(patch, needle, first ?? start);
                if (found > 0)
                {
                    return (found, patch.SourcePath);
                }
            }
        }

        return fallback;
    }

    // ContentLine is the line of the `content` directive; its value starts on the next line, after any blank lines
    // the parser dropped, so the patch's own text is searched from there. Without the text, the value is assumed to
    // start right below the directive.
    private int ContentValueLine(PatchSet patch, string needle, int contentDirectiveLine, int indexInValue)
    {
        int found = patch.Text.Length > 0 ? FindInText(patch, needle, contentDirectiveLine + 1) : 0;
        return found > 0 ? found : contentDirectiveLine + 1 + indexInValue;
    }

    private int FindInText(PatchSet patch, string needle, int fromLine)
    {
        if (!_lines.TryGetValue(patch, out var lines))
        {
            lines = AddedLines.SplitLines(patch.Text);
            _lines[patch] = lines;
        }

        for (int i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool Targets(FileChange change, string relativePath)
    {
        return Same(change.Path) || (change.NewPath is not null && Same(change.NewPath));

        bool Same(string raw)
        {
            try
            {
                return PathGuard.Normalize(raw) == relativePath;
            }
            catch (PatchException)
            {
                return false;
            }
        }
    }
}
