using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Ap;

// Placeholder until the format lands: it claims nothing, so the registry reports such files as unknown.
public sealed class ApFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.Ap;

    public bool Claims(string? fileName, string text) => false;

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) =>
        throw new PatchException(ErrorCodes.Unsupported, "This format is not implemented yet.");

    public IReadOnlyList<IModificationApplier> Appliers => [new ApModificationApplier()];
}
