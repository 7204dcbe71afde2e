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
    // Codex first: it claims by content alone ("*** Begin Patch"), which no other format can hold as its first line.
    public static IReadOnlyList<IPatchFormat> All { get; } = [new CodexFormat(), new ApFormat(), new PatchJsonFormat(), new AiderFormat(), new UnifiedDiffFormat()];

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options, IReadOnlyList<IPatchFormat>? formats = null)
    {
        formats ??= All;
        string? name = sourcePath is null ? null : Path.GetFileName(sourcePath);
        var format = formats.FirstOrDefault(f => f.Claims(name, text));
        if (format is null)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile,
                $"'{name ?? "the input"}' is not a patch PatchBuild understands.")
            {
                PatchFile = sourcePath,
                Hint = "Use an ap patch (*.ap with a '[id] AP 3.2' header), a patch.json ({\"patches\":[...]}) or a unified diff (*.patch, *.diff).",
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
}
