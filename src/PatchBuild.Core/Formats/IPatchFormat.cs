using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats;

/// <summary>One patch dialect: recognises its files, parses them into the common model, and applies its own modification kinds.</summary>
public interface IPatchFormat
{
    PatchFormat Format { get; }

    /// <summary>True when this format should parse the file (by name first, then by content).</summary>
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
}
