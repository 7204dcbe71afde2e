using System.Text;
using PatchBuild.Core.Processes;

namespace PatchBuild.Core.Review;

/// <summary>
/// Opens the person's editor ($VISUAL, else $EDITOR) on a text, as git does for commit messages. The text goes to a
/// private temporary folder outside the working tree (mode 0700, file 0600 on Unix): the editor, its swap files and
/// backups never write into the project, and nobody else on the machine reads the planned code.
/// </summary>
public static class ExternalEditor
{
    /// <summary>How the edit ended.</summary>
    public sealed record Outcome(string? Text, string? Problem)
    {
        public static Outcome Failed(string problem) => new(null, problem);
    }

    /// <summary>The editor command: $VISUAL, else $EDITOR (blank counts as unset); null when neither is set.</summary>
    public static string? Command(Func<string, string?> environment) =>
        new[] { environment("VISUAL"), environment("EDITOR") }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>
    /// Writes <paramref name="text"/> to a private temporary file named like <paramref name="fileName"/> (so the
    /// editor picks the language), runs <paramref name="command"/> on it attached to the terminal and reads it back.
    /// A non-zero exit, a file that grew past <paramref name="maxBytes"/> or is not UTF-8 is a problem, not a text.
    /// </summary>
    public static Outcome Edit(string command, string fileName, string text, long maxBytes)
    {
        var folder = Directory.CreateTempSubdirectory("patchbuild-edit-");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            string file = Path.Combine(folder.FullName, SafeName(fileName));
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(file, create))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            int exit;
            try
            {
                exit = ProcessRunner.RunAttached(Shell(command, file, folder.FullName));
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return Outcome.Failed($"the editor '{command}' could not be started: {ex.Message}");
            }

            if (exit != 0)
            {
                return Outcome.Failed($"the editor exited with code {exit}; the edit is discarded");
            }

            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return Outcome.Failed("the editor removed the file; the edit is discarded");
            }

            if (info.Length > maxBytes)
            {
                return Outcome.Failed($"the edited file is {info.Length:N0} bytes, more than the {maxBytes:N0}-byte limit (limits.maxTargetFileBytes)");
            }

            byte[] bytes = File.ReadAllBytes(file);
            try
            {
                return new Outcome(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'), null);
            }
            catch (DecoderFallbackException)
            {
                return Outcome.Failed("the edited file is not valid UTF-8; the edit is discarded");
            }
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // An editor still holding a swap file; the system's temp cleaner removes the private folder later.
            }
        }
    }

    // Like git: the variable is a shell command line ("code --wait", "vim -u NONE"), and the file is its argument.
    private static ProcessCommand Shell(string command, string file, string folder) => OperatingSystem.IsWindows()
        ? new ProcessCommand("cmd.exe", ["/d", "/s", "/c", $"{command} \"{file}\""], folder)
        : new ProcessCommand("/bin/sh", ["-c", command + " \"$@\"", command, file], folder);

    // The name comes from the patch: only its last part, and only characters no shell or editor reads specially.
    private static string SafeName(string fileName)
    {
        string name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string result = safe.ToString().TrimStart('.');
        return result.Length == 0 ? "planned.txt" : result;
    }
}
