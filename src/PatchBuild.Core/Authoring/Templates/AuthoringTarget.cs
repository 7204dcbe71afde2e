using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>The file a new patch changes: judged by <see cref="PathGuard"/> like any patch path, then read as text.</summary>
public sealed record AuthoringTarget(string Root, string Path, string Text)
{
    public static AuthoringTarget Read(string root, string file)
    {
        string fullRoot = System.IO.Path.GetFullPath(root);
        string relative = System.IO.Path.IsPathRooted(file) ? System.IO.Path.GetRelativePath(fullRoot, file) : file;
        var path = new PathGuard(fullRoot).Resolve(relative.Replace('\\', '/'));
        if (!File.Exists(path.Full))
        {
            throw AuthoringFailure.Of(Model.ErrorCodes.FileNotFound, $"'{path.Relative}' does not exist under '{fullRoot}'.",
                "--file is relative to --root (default: the current folder).", path.Relative);
        }

        SpecialFiles.EnsureNotSpecial(path.Full, path.Relative);
        var (text, _, problem) = FileEncoding.TryDecode(File.ReadAllBytes(path.Full));
        if (text is null)
        {
            throw AuthoringFailure.Of(Model.ErrorCodes.Encoding, $"'{path.Relative}' cannot be read as text: {problem}.",
                "Patches are written only for text files PatchBuild can keep byte for byte.", path.Relative);
        }

        return new AuthoringTarget(fullRoot, path.Relative, text);
    }
}
