using System.Text.RegularExpressions;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Codex;

/// <summary>
/// Finds the "*** Begin Patch" … "*** End Patch" body inside what a model sent: markers may be padded with spaces,
/// and the patch may sit in a shell heredoc (<c>apply_patch &lt;&lt;'EOF'</c> … <c>EOF</c>) or a markdown fence.
/// </summary>
internal static partial class CodexEnvelope
{
    public const string BeginMarker = "*** Begin Patch";
    public const string EndMarker = "*** End Patch";

    /// <summary>Warning code for text the lenient reader set aside (a wrapper, lines after "*** End Patch").</summary>
    public const string WrapperIgnoredWarning = "CODEX_WRAPPER_IGNORED";

    /// <summary>The patch's lines, without their endings (a CR before the LF is part of the ending).</summary>
    public static string[] SplitLines(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
        }

        return result;
    }

    /// <summary>True when the first line that is not blank (after a fence or heredoc opener) is "*** Begin Patch".</summary>
    public static bool StartsWithBegin(string text)
    {
        bool openerSeen = false;
        foreach (var span in text.AsSpan().EnumerateLines())
        {
            var line = span.Trim().TrimStart('\uFEFF');
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.SequenceEqual(BeginMarker))
            {
                return true;
            }

            if (openerSeen || !(IsFence(line.ToString()) || HeredocOpener().IsMatch(line.ToString())))
            {
                return false;
            }

            openerSeen = true;
        }

        return false;
    }

    /// <summary>The body between the markers as [Start, End) indexes into <paramref name="lines"/>.</summary>
    public static (int Start, int End) Locate(string[] lines, string? sourcePath, bool strict, List<PatchWarning> warnings)
    {
        int first = NextNonBlank(lines, 0);
        if (first < 0)
        {
            throw Invalid("The patch is empty.", 1, sourcePath, "A Codex patch starts with '*** Begin Patch' and ends with '*** End Patch'.");
        }

        string? wrapper = null;
        string? terminator = null;
        if (lines[first].Trim() != BeginMarker)
        {
            string opener = lines[first].Trim();
            var heredoc = HeredocOpener().Match(opener);
            if (heredoc.Success)
            {
                wrapper = "shell heredoc";
                terminator = heredoc.Groups["word"].Value;
            }
            else if (IsFence(opener))
            {
                wrapper = "markdown fence";
                terminator = "```";
            }

            int begin = wrapper is null ? -1 : NextNonBlank(lines, first + 1);
            if (begin < 0 || lines[begin].Trim() != BeginMarker)
            {
                throw Invalid($"The first line of a Codex patch must be '{BeginMarker}', not '{Shorten(lines[first])}'.", first + 1, sourcePath,
                    "Start the patch with '*** Begin Patch' on a line of its own.");
            }

            if (strict)
            {
                throw Invalid($"The patch is wrapped in a {wrapper} (line {first + 1}); --strict takes the bare patch only.", first + 1, sourcePath,
                    "Remove the wrapper lines around '*** Begin Patch' … '*** End Patch', or apply without --strict.");
            }

            warnings.Add(new PatchWarning(WrapperIgnoredWarning, $"The patch was wrapped in a {wrapper}; the wrapper lines were ignored.") { Line = first + 1, PatchFile = sourcePath });
            first = begin;
        }

        int end = -1;
        for (int i = lines.Length - 1; i > first; i--)
        {
            if (lines[i].Trim() == EndMarker)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.PatchTruncated, $"The Codex patch has no '{EndMarker}' line: it looks cut off.")
            {
                Line = lines.Length,
                PatchFile = sourcePath,
                Hint = "The answer was probably truncated; ask for the complete patch, which ends with '*** End Patch'.",
            });
        }

        int after = NextNonBlank(lines, end + 1);
        if (after >= 0 && !(terminator is not null && lines[after].Trim() == terminator && NextNonBlank(lines, after + 1) < 0))
        {
            if (strict)
            {
                throw Invalid($"Line {after + 1} follows '{EndMarker}': '{Shorten(lines[after])}'.", after + 1, sourcePath, "Remove everything after '*** End Patch'.");
            }

            warnings.Add(new PatchWarning(WrapperIgnoredWarning, $"The text after '{EndMarker}' (from line {after + 1}) was ignored.") { Line = after + 1, PatchFile = sourcePath });
        }

        return (first + 1, end);
    }

    public static PatchException Invalid(string message, int line, string? sourcePath, string hint) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, message) { Line = line, PatchFile = sourcePath, Hint = hint });

    public static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    private static int NextNonBlank(string[] lines, int from)
    {
        for (int i = from; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsFence(string line) => line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal);

    // "apply_patch <<'EOF'", "<<EOF", "<<\"PATCH\"", "cat <<'EOF' | apply_patch" and the like.
    [GeneratedRegex("""^(?:[\w./-]+\s+)?<<-?\s*(?<q>['"]?)(?<word>[A-Za-z_][A-Za-z0-9_]*)\k<q>(?:\s*\|\s*[\w./-]+)?$""")]
    private static partial Regex HeredocOpener();
}
