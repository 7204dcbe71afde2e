using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats;

/// <summary>One patch dialect: recognises its files, parses them into the common model, and applies its own modification kinds.</summary>
public interface IPatchFormat
{
    PatchFormat Format { get; }

    /// <summary>
    /// True when this format should parse the file. Detection asks twice (<see cref="PatchFormats.Detect"/>): with no
    /// name, to judge the content alone; then, when no format claimed the content, with an empty text, to judge the name.
    /// </summary>
    bool Claims(string? fileName, string text);

    /// <summary>Parses without touching the disk. Bad input throws <see cref="PatchException"/> with INVALID_PATCH_FILE (or a more precise code).</summary>
    PatchSet Parse(string text, string? sourcePath, ParseOptions options);

    IReadOnlyList<IModificationApplier> Appliers { get; }
}

public sealed record ParseOptions
{
    public bool Strict { get; init; }

    /// <summary>The longest patch line accepted (patchbuild.json "limits"), checked before a format reads the text.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>The dialect the user named (`--format`); null: detect it from the content, then the file name.</summary>
    public PatchFormat? Format { get; init; }

    /// <summary>Unified diffs: swap each hunk's sides and each file's old and new names, as git apply -R does.</summary>
    public bool Reverse { get; init; }
}
