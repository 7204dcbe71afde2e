using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>What checking a FILE block needs to know: the patch's lines and ID, the target path, and where to report.</summary>
internal sealed record ApBlockContext(ApDiagnostics Diagnostics, ApPatchLines Lines, string PatchId, string Path)
{
    public void Forgive(ApDeviation deviation, int line, string detail) => Diagnostics.Forgive(deviation, line, detail, Path);

    public void Warn(string code, string message, int line) => Diagnostics.Warn(code, message, line, Path);

    public PatchException Error(string code, int line, int? modification, string message, string hint) =>
        Diagnostics.Error(code, line, $"{message} (file '{Path}', line {line})", hint, Path, modification);
}
