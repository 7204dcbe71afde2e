using PatchBuild.Core.Formats;
using PatchBuild.Core.Formats.Ap;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Ap;

/// <summary>Builds patch texts and runs the real ap parser on them.</summary>
internal static class ParserTestKit
{
    public const string Id = "e4a2f1b8";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>"{id}" in the lines stands for the patch ID.</summary>
    public static string Patch(params string[] lines) => Lines(lines).Replace("{id}", Id, StringComparison.Ordinal);

    public static PatchSet Parse(string text, bool strict = false) =>
        new ApFormat().Parse(text, "afix.ap", new ParseOptions { Strict = strict });

    public static PatchError Fails(string text, bool strict = false) =>
        Assert.Throws<PatchException>(() => Parse(text, strict)).Error;

    public static LocatorModification Single(PatchSet patch) =>
        Assert.IsType<LocatorModification>(Assert.Single(Assert.Single(patch.Files).Modifications));

    public static IReadOnlyList<LocatorModification> Modifications(PatchSet patch) =>
        patch.Files.SelectMany(f => f.Modifications).Cast<LocatorModification>().ToList();

    /// <summary>Lenient parsing forgives with exactly this warning code; strict parsing refuses with INVALID_PATCH_FILE naming it.</summary>
    public static PatchSet ForgivenOnlyWhenLenient(string text, string warningCode, int line)
    {
        var patch = Parse(text);
        Assert.Contains(patch.Warnings, w => w.Code == warningCode && w.Line == line);

        var error = Fails(text, strict: true);
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Equal(warningCode, error.Context["deviation"]);
        Assert.Equal(line, error.Line);
        Assert.Contains($"line {line}", error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        return patch;
    }
}
