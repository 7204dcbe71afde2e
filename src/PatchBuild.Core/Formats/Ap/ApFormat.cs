using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>The ap patch format (version 3.2): ID-prefixed directives that locate code by snippets.</summary>
public sealed class ApFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Ap;

    public bool Claims(string? fileName, string text) =>
        (fileName is not null && fileName.EndsWith(".ap", StringComparison.OrdinalIgnoreCase)) || StartsWithHeader(text);

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => ApParser.Parse(text, sourcePath, options);

    // The locator applier registers here.
    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new ApModificationApplier()];

    /// <summary>True when the first line that is not blank, a '#' comment or a markdown fence is an "[id] AP x.y" header.</summary>
    internal static bool StartsWithHeader(string text)
    {
        int index = 0;
        foreach (var span in text.AsSpan().EnumerateLines())
        {
            var line = span.TrimStart('\uFEFF');
            if (line.Trim().IsEmpty || line[0] == '#' || ApPatchLines.IsFence(line))
            {
                index++;
                continue;
            }

            // Only the start of the line matters; a huge first line is not copied whole.
            string head = line.Length > 64 ? line[..64].ToString() : line.ToString();
            return ApDirectiveReader.ReadAnyKnown(head, index) is { Keyword: ApKeyword.Header };
        }

        return false;
    }
}
