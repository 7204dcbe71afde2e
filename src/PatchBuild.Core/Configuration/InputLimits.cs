using PatchBuild.Core.Model;

namespace PatchBuild.Core.Configuration;

/// <summary>
/// The "limits" section of patchbuild.json: how large an input may be before PatchBuild refuses it, checked before
/// the work that grows with it (reading, parsing, matching). Every patch is untrusted; without a bound, one huge
/// line or file could exhaust memory or time. Each refusal names the limit and its configuration key.
/// </summary>
public sealed record InputLimits
{
    public const string Section = "limits";
    public const string MaxPatchFileBytesKey = "maxPatchFileBytes";
    public const string MaxLineLengthKey = "maxLineLength";
    public const string MaxTargetFileBytesKey = "maxTargetFileBytes";

    /// <summary>Hand- and AI-written patches are kilobytes; generated lock files and data diffs stay far below this.</summary>
    public const long DefaultMaxPatchFileBytes = 16L * 1024 * 1024;

    /// <summary>Minified script bundles and generated one-line JSON reach a few megabytes per line, not more.</summary>
    public const int DefaultMaxLineLength = 4 * 1024 * 1024;

    /// <summary>A file the plan reads is held in memory twice (before and after) while planning.</summary>
    public const long DefaultMaxTargetFileBytes = 64L * 1024 * 1024;

    public static InputLimits Default { get; } = new();

    /// <summary>The largest patch file read, in bytes.</summary>
    public long MaxPatchFileBytes { get; init; } = DefaultMaxPatchFileBytes;

    /// <summary>The longest line of a patch's text (ap, unified diff, a patch.json entry's diff), in characters.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>The largest file a patch may read, change, move or delete, in bytes.</summary>
    public long MaxTargetFileBytes { get; init; } = DefaultMaxTargetFileBytes;

    public void CheckPatchFileSize(long bytes, string patchFile)
    {
        if (bytes > MaxPatchFileBytes)
        {
            throw new PatchException(Exceeded($"The patch file is {Size(bytes)}, more than the {Size(MaxPatchFileBytes)} limit.", MaxPatchFileBytesKey, MaxPatchFileBytes, bytes,
                "A patch this large is not a reviewable change; split it, or raise the limit if the size is expected.") with { PatchFile = patchFile });
        }
    }

    /// <summary>Refuses the text if one of its lines is longer than the limit; <paramref name="firstLine"/> numbers its first line.</summary>
    public void CheckLineLengths(string text, string? patchFile, int firstLine = 1)
    {
        int number = firstLine;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.Length > MaxLineLength)
            {
                throw new PatchException(Exceeded($"Line {number} of the patch is {line.Length:N0} characters long, more than the {MaxLineLength:N0}-character limit.", MaxLineLengthKey, MaxLineLength, line.Length,
                    "Patches locate and change code line by line; a line this long is data, not code. Split it, or raise the limit if it is expected.") with { Line = number, PatchFile = patchFile });
            }

            number++;
        }
    }

    public void CheckTargetFileSize(long bytes, string file)
    {
        if (bytes > MaxTargetFileBytes)
        {
            throw new PatchException(Exceeded($"'{file}' is {Size(bytes)}, more than the {Size(MaxTargetFileBytes)} limit for a file a patch reads or changes.", MaxTargetFileBytesKey, MaxTargetFileBytes, bytes,
                "Edit a file this large with a tool made for it, or raise the limit if patching it is intended.") with { File = file });
        }
    }

    private static PatchError Exceeded(string message, string key, long limit, long actual, string hint) =>
        new(ErrorCodes.LimitExceeded, message)
        {
            Hint = $"{hint} The limit is \"{Section}\": {{ \"{key}\": {limit} }} in patchbuild.json.",
            Context = new Dictionary<string, object?> { ["limit"] = $"{Section}.{key}", ["value"] = limit, ["actual"] = actual },
        };

    private static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024):N0} MiB"
        : bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):N1} MiB" : $"{bytes:N0} bytes";
}
