using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// Renders the failed part of ap patches as a new, valid ap patch: the original header's ID (or a fresh one), and for
/// each failure its FILE block with the modification's own text, directives re-prefixed to that ID.
/// </summary>
internal static class ApRetryPatch
{
    public static string Render(IReadOnlyList<(PatchSet Patch, FileChange File, Modification? Modification, PatchError Error)> failures)
    {
        string id = failures.Select(f => HeaderId(f.Patch.Text)).FirstOrDefault(i => i is not null) ?? FreshId();
        var sb = new StringBuilder();
        sb.Append("# Retry patch: the modifications that failed in the last partial run.\n");
        sb.Append("# Fix each one (see afailed.md), then apply this file.\n\n");
        sb.Append(id).Append(" AP 3.2\n");
        foreach (var failure in failures)
        {
            sb.Append('\n').Append(id).Append(" FILE\n").Append(failure.File.Path).Append("\n\n");
            if (failure.Modification is { } modification)
            {
                sb.Append(Reprefix(modification.RawText, id));
            }
            else if (failure.File.Kind == FileChangeKind.Modify)
            {
                foreach (var each in failure.File.Modifications)
                {
                    sb.Append(Reprefix(each.RawText, id));
                }
            }
            else
            {
                sb.Append(WholeFileDirectives(failure.File, id));
            }
        }

        return sb.ToString();
    }

    /// <summary>The 8-hex ID of an "[id] AP 3.x" header, ignoring leading comments and blank lines.</summary>
    public static string? HeaderId(string text)
    {
        foreach (string raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && IsId(parts[0]) && parts[1] == "AP" ? parts[0] : null;
        }

        return null;
    }

    private static bool IsId(string token) => token.Length == 8 && token.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string FreshId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8];

    // The modification's text may carry another ID (a patch without header, or ID drift): put ours on its directives.
    private static string Reprefix(string rawText, string id)
    {
        var lines = rawText.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        string? old = lines.Length > 0 ? lines[0].Split(' ', 2)[0] : null;
        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            if (old is not null && old != id && line.StartsWith(old + " ", StringComparison.Ordinal))
            {
                sb.Append(id).Append(line, old.Length, line.Length - old.Length);
            }
            else
            {
                sb.Append(line);
            }

            sb.Append('\n');
        }

        return sb.Append('\n').ToString();
    }

    private static string WholeFileDirectives(FileChange file, string id) => file.Kind switch
    {
        FileChangeKind.Create or FileChangeKind.Recreate =>
            $"{id} {(file.Kind == FileChangeKind.Create ? "CREATE" : "RECREATE")}\n{id} content\n{file.Content}\n\n",
        FileChangeKind.CreateDirectory => $"{id} CREATE\n\n",
        FileChangeKind.Delete => $"{id} DELETE\n\n",
        FileChangeKind.Rename => $"{id} RENAME\n{file.NewPath}\n\n",
        _ => "",
    };
}
