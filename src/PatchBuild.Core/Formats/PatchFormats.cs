using System.Text;
using PatchBuild.Core.Formats.Aider;
using PatchBuild.Core.Formats.Ap;
using PatchBuild.Core.Formats.Codex;
using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Formats.UnifiedDiff;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats;

/// <summary>The known formats, and the choice of one for a given patch file.</summary>
public static class PatchFormats
{
    // Which one reads a text is decided by Detect (content first, in PatchFormatNames.DetectionOrder), not by this order.
    public static IReadOnlyList<IPatchFormat> All { get; } = [new CodexFormat(), new ApFormat(), new PatchJsonFormat(), new AiderFormat(), new UnifiedDiffFormat()];

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options, IReadOnlyList<IPatchFormat>? formats = null)
    {
        formats ??= All;
        var format = Choose(text, sourcePath, options.Format, formats);
        if (options.Reverse && format.Format != PatchFormat.UnifiedDiff)
        {
            throw new PatchException(new PatchError(ErrorCodes.Unsupported,
                $"--reverse applies unified diffs only, and '{DisplayName(sourcePath)}' is {PatchFormatNames.NameOf(format.Format)}.")
            {
                PatchFile = sourcePath,
                Hint = "Undo an applied patch of another dialect with 'patchbuild rollback'; --reverse is for diffs, as git apply -R.",
            });
        }

        // A patch.json may be one long line of JSON; the diffs inside it are checked line by line where they are read.
        if (format.Format != PatchFormat.PatchJson)
        {
            options.Limits.CheckLineLengths(text, sourcePath);
        }

        var patch = format.Parse(text, sourcePath, options);
        return patch with { SourcePath = sourcePath, Text = text };
    }

    /// <summary>
    /// The format that reads <paramref name="text"/>: the forced one when given, else the first whose content marks
    /// are present (in <see cref="PatchFormatNames.DetectionOrder"/>), else the one that owns the file name's
    /// extension. Null when none does.
    /// </summary>
    /// <remarks>
    /// Content goes first because assistants' answers arrive under any name (answer.txt, a .patch that holds a Codex
    /// patch). Each format's <see cref="IPatchFormat.Claims"/> answers both questions: without a name it judges the
    /// content, and with an empty text only the name.
    /// </remarks>
    public static IPatchFormat? Detect(string? fileName, string text, IReadOnlyList<IPatchFormat>? formats = null)
    {
        formats ??= All;
        var ordered = PatchFormatNames.DetectionOrder
            .Select(f => formats.FirstOrDefault(known => known.Format == f))
            .OfType<IPatchFormat>()
            .Concat(formats.Where(f => !PatchFormatNames.DetectionOrder.Contains(f.Format)))
            .ToList();
        return ordered.FirstOrDefault(f => f.Claims(null, text))
            ?? (fileName is null ? null : ordered.FirstOrDefault(f => f.Claims(fileName, "")));
    }

    private static IPatchFormat Choose(string text, string? sourcePath, PatchFormat? forced, IReadOnlyList<IPatchFormat> formats)
    {
        if (forced is { } wanted)
        {
            return formats.FirstOrDefault(f => f.Format == wanted)
                ?? throw new PatchException(new PatchError(ErrorCodes.Unsupported, $"This PatchBuild cannot read the {PatchFormatNames.NameOf(wanted)} dialect yet.")
                {
                    PatchFile = sourcePath,
                    Hint = $"Use one of: {string.Join(", ", formats.Select(f => PatchFormatNames.NameOf(f.Format)))}.",
                });
        }

        string? name = sourcePath is null ? null : Path.GetFileName(sourcePath);
        return Detect(name, text, formats) ?? throw Unrecognised(text, sourcePath, formats);
    }

    private static PatchException Unrecognised(string text, string? sourcePath, IReadOnlyList<IPatchFormat> formats)
    {
        var message = new StringBuilder($"'{DisplayName(sourcePath)}' is not a patch PatchBuild understands. It starts:");
        var opening = FirstLines(text, 3);
        foreach (string line in opening)
        {
            message.Append("\n  | ").Append(line);
        }

        if (opening.Count == 0)
        {
            message.Append(" (nothing but blank lines)");
        }

        message.Append("\nPatchBuild reads these dialects:");
        foreach (var format in formats)
        {
            message.Append("\n  ").Append(PatchFormatNames.NameOf(format.Format)).Append(": ").Append(PatchFormatNames.LooksLike(format.Format));
        }

        return new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, message.ToString())
        {
            PatchFile = sourcePath,
            Hint = $"Ask the assistant for one of these dialects ('patchbuild prompt ap' prints instructions to paste), or name it with --format {PatchFormatNames.Choices}.",
        });
    }

    private static List<string> FirstLines(string text, int count)
    {
        var lines = new List<string>(count);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.TrimEnd();
            if (trimmed.IsEmpty)
            {
                continue;
            }

            lines.Add(trimmed.Length > 72 ? string.Concat(trimmed[..69], "...") : trimmed.ToString());
            if (lines.Count == count)
            {
                break;
            }
        }

        return lines;
    }

    private static string DisplayName(string? sourcePath) => sourcePath is null ? "the input" : Path.GetFileName(sourcePath);
}
