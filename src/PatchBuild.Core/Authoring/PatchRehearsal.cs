using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// Applies a written patch in memory with the engine itself, to prove it does what it was written for. Nothing on
/// disk is read or written: the files are given, in an empty scratch folder that only anchors the path rules.
/// </summary>
internal sealed class PatchRehearsal : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("patchbuild-new-").FullName;

    /// <summary>The bytes each given file has after the patch (null: gone), or the first error.</summary>
    public (Dictionary<string, byte[]?> Files, PatchError? Error) Apply(string patchText, IReadOnlyDictionary<string, byte[]> files)
    {
        PatchSet patch;
        try
        {
            patch = PatchFormats.Parse(patchText, null, new ParseOptions { Format = PatchFormat.Ap });
        }
        catch (PatchException ex)
        {
            return ([], ex.Error);
        }

        var workspace = new PatchWorkspace(_scratch);
        foreach (var (path, bytes) in files)
        {
            workspace.SetBytes(workspace.Resolve(path), bytes);
        }

        var appliers = PatchFormats.All.SelectMany(f => f.Appliers).ToList();
        var plan = new PatchPlanner(appliers).Plan(workspace, [patch], new ApplyOptions { Root = _scratch, DryRun = true });
        if (plan.Errors.Count > 0)
        {
            return ([], plan.Errors[0]);
        }

        var result = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var file in patch.Files)
        {
            foreach (string path in new[] { file.Path, file.NewPath }.OfType<string>())
            {
                result[path] = workspace.GetBytes(workspace.Resolve(path));
            }
        }

        return (result, null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in the temp folder is harmless.
        }
    }
}
