using PatchBuild.Core.Model;
using PatchBuild.Core.Formats.UnifiedDiff;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// The one place where patch.json reaches the unified-diff dialect: an entry's "diff" is parsed and applied by
/// that dialect, never re-implemented here.
/// </summary>
internal static class PatchJsonDiffBridge
{
    public static IReadOnlyList<IModificationApplier> Appliers { get; } = new UnifiedDiffFormat().Appliers;

    // Assistants often send only the @@ hunks in "diff": the entry's file_path already names the file.
    private static bool HasFileHeaders(string diff) =>
        diff.StartsWith("diff --git ", StringComparison.Ordinal) || diff.StartsWith("--- ", StringComparison.Ordinal) ||
        diff.Contains("\n--- ", StringComparison.Ordinal) || diff.Contains("\ndiff --git ", StringComparison.Ordinal);

    /// <summary>The change an entry's diff describes, aimed at the entry's file_path.</summary>
    public static FileChange Parse(string diff, string filePath, int entryIndex, int entryLine, ParseOptions options)
    {
        try
        {
            options.Limits.CheckLineLengths(diff, null);
        }
        catch (PatchException ex)
        {
            throw new PatchException(ex.Error with { Message = $"patches[{entryIndex}].diff for '{filePath}': {ex.Error.Message.Replace("of the patch", "of the diff", StringComparison.Ordinal)}", Line = entryLine });
        }

        PatchSet parsed;
        try
        {
            parsed = HasFileHeaders(diff)
                ? UnifiedDiffParser.Parse(diff, null, options)
                : new PatchSet(PatchFormat.UnifiedDiff, [new FileChange(filePath, FileChangeKind.Modify) { Modifications = [UnifiedDiffParser.ParseHunks(diff, filePath)] }]);
        }
        catch (PatchException ex)
        {
            throw new PatchException(ex.Error with
            {
                Message = $"patches[{entryIndex}].diff for '{filePath}' is not a valid unified diff: {ex.Error.Message}",
                Line = entryLine,
                Context = new Dictionary<string, object?>(ex.Error.Context) { ["entry"] = entryIndex },
            });
        }

        if (parsed.Files.Count != 1)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile,
                $"patches[{entryIndex}].diff for '{filePath}' describes {parsed.Files.Count} files; an entry's diff edits exactly its own file.")
            {
                Line = entryLine,
                Hint = "Split the diff: one entry per file, each with its own file_path.",
                Context = new Dictionary<string, object?> { ["entry"] = entryIndex },
            });
        }

        var change = parsed.Files[0];
        return change with
        {
            Path = filePath,
            PatchLine = entryLine,
            Modifications = change.Modifications.Select(m => m with { Number = entryIndex + 1, PatchLine = entryLine }).ToList(),
        };
    }
}
