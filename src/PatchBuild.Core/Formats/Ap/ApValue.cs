namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// The value of a KEY-VALUE directive: its text verbatim (minus leading and trailing blank lines, lines joined by "\n"),
/// the line of its directive, and the index just past its last non-blank line (where its raw text ends).
/// </summary>
internal sealed record ApValue(int DirectiveLine, string Text, int RawEndIndex)
{
    public bool IsBlank => Text.Length == 0;
}
