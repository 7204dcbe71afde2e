using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats;

/// <summary>The names users type for a dialect (`--format`, `prompt`), one place for the CLI, docs and messages.</summary>
public static class PatchFormatNames
{
    private static readonly (string Name, PatchFormat Format, string Looks)[] Known =
    [
        ("ap", PatchFormat.Ap, "an '[id] AP 3.2' header line, then FILE/REPLACE/INSERT_AFTER/... directives"),
        ("codex", PatchFormat.Codex, "'*** Begin Patch' … '*** End Patch' with '*** Update File:' sections"),
        ("aider", PatchFormat.Aider, "a file name, then '<<<<<<< SEARCH' / '=======' / '>>>>>>> REPLACE' blocks"),
        ("diff", PatchFormat.UnifiedDiff, "'--- a/path' and '+++ b/path' (or 'diff --git') followed by @@ hunks"),
        ("patch-json", PatchFormat.PatchJson, "a JSON object with a \"patches\" array"),
    ];

    /// <summary>"ap|codex|aider|diff|patch-json", for usage lines.</summary>
    public static string Choices { get; } = string.Join('|', Known.Select(k => k.Name));

    public static string NameOf(PatchFormat format) => Known.First(k => k.Format == format).Name;

    /// <summary>A one-line picture of the dialect, for the error that lists the dialects.</summary>
    public static string LooksLike(PatchFormat format) => Known.First(k => k.Format == format).Looks;

    public static bool TryParse(string? name, out PatchFormat format)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = known.Format;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>Every dialect in the order content detection tries them (see <see cref="PatchFormats.Detect"/>).</summary>
    public static IReadOnlyList<PatchFormat> DetectionOrder { get; } =
        [PatchFormat.Ap, PatchFormat.Codex, PatchFormat.PatchJson, PatchFormat.Aider, PatchFormat.UnifiedDiff];
}
