using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>Collects the parser's warnings, decides between forgiving and refusing, and builds its errors.</summary>
internal sealed class ApDiagnostics(bool strict, string? patchFile)
{
    private readonly List<PatchWarning> _warnings = [];

    public bool Strict => strict;

    public IReadOnlyList<PatchWarning> Warnings => _warnings;

    /// <summary>Lenient: records a warning and returns. Strict: throws INVALID_PATCH_FILE.</summary>
    public void Forgive(ApDeviation deviation, int line, string detail, string? file = null)
    {
        if (strict)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile,
                $"Strict mode refuses {deviation.Name} at line {line}: {detail}")
            {
                Line = line,
                File = file,
                PatchFile = patchFile,
                Hint = deviation.Hint,
                Context = new Dictionary<string, object?> { ["deviation"] = deviation.Code },
            });
        }

        Warn(deviation.Code, $"Line {line}: {detail} ({deviation.Name}, forgiven; --strict refuses it).", line, file);
    }

    public void Warn(string code, string message, int line, string? file = null) =>
        _warnings.Add(new PatchWarning(code, message) { Line = line, File = file, PatchFile = patchFile });

    public PatchException Error(string code, int line, string message, string hint, string? file = null, int? modification = null) =>
        new(new PatchError(code, message)
        {
            Line = line,
            File = file,
            Modification = modification,
            PatchFile = patchFile,
            Hint = hint,
        });
}
