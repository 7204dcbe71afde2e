namespace PatchBuild.Core.Model;

/// <summary>
/// One edit of a file's text. Each format contributes its own kind (locator edits, diff hunks,
/// JSON Patch operations); an <c>IModificationApplier</c> in Core knows how to apply each kind.
/// </summary>
public abstract record Modification
{
    /// <summary>1-based number of the modification inside its patch file.</summary>
    public int Number { get; init; }

    /// <summary>1-based line in the patch file where the modification starts.</summary>
    public int PatchLine { get; init; }

    private string? _rawText;
    private Func<string>? _rawTextSource;

    /// <summary>The modification's own text in the patch, used to write a retry patch of what failed.</summary>
    public string RawText
    {
        get => _rawText ??= _rawTextSource?.Invoke() ?? "";
        init => _rawText = value;
    }

    /// <summary>
    /// Makes <see cref="RawText"/> when it is first read, instead of up front: only failure reports and error
    /// locations read it, and a large diff's sections add up to the diff's size (a copy of a 5 MiB diff, made for
    /// nothing on every apply that succeeds).
    /// </summary>
    public Func<string> RawTextSource
    {
        init => _rawTextSource = value;
    }
}
