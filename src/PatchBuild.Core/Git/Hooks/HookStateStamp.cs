using System.Text;

namespace PatchBuild.Core.Git.Hooks;

/// <summary>
/// What the pre-commit hook's script may take as known without starting the engine, in a repository that has a
/// top-level patchbuild.json or .patchbuild (docs/hook.md, "Speed"). After each check of staged changes the engine
/// writes .git/patchbuild-hook-state when the settings add nothing the script does not already handle (no extra
/// patch names, no requireApplied, no error) and the top-level journal has nothing unfinished or failed; otherwise
/// it removes the file. The file's text is git's own description of those two files: the index entry of
/// patchbuild.json and the object hashes of patchbuild.json and .patchbuild/history.jsonl as they are on disk. The
/// script asks git the same questions and skips the engine only when every byte agrees, so any change to either
/// file, staged or not, runs the engine again, which writes the new answer.
/// It lives in the git folder, never in the work tree: a clone cannot bring one, a patch cannot write one.
/// </summary>
public static class HookStateStamp
{
    public const string FileName = "patchbuild-hook-state";

    /// <summary>The first line; the script checks it, so a change of what the stamp means changes this.</summary>
    public const string Header = "patchbuild-hook-state v1";

    public const string SettingsPath = "patchbuild.json";
    public const string JournalPath = ".patchbuild/history.jsonl";

    /// <summary>Writes (or removes) the stamp for <paramref name="repository"/>. Never throws: the stamp is only a shortcut.</summary>
    public static void Refresh(GitRepository repository, bool settingsPlain, bool journalSettled)
    {
        string gitFolder = Path.Combine(repository.TopLevel, ".git");
        try
        {
            // A linked work tree or a submodule has a .git file: the script runs the engine there.
            if (!Directory.Exists(gitFolder) || new DirectoryInfo(gitFolder).LinkTarget is not null)
            {
                return;
            }

            string stamp = Path.Combine(gitFolder, FileName);
            string? text = settingsPlain && journalSettled ? Describe(repository) : null;
            if (text is null)
            {
                File.Delete(stamp);
                return;
            }

            if (File.Exists(stamp) && File.ReadAllText(stamp) == text)
            {
                return;
            }

            string temporary = stamp + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, stamp, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Model.PatchException)
        {
            // No stamp: the script runs the engine, as it would without this file.
        }
    }

    /// <summary>The stamp's text, or null when the script would not trust one here (a link where a file belongs).</summary>
    internal static string? Describe(GitRepository repository)
    {
        string top = repository.TopLevel;
        string[] paths = [SettingsPath, StateFolderPath, JournalPath];
        if (paths.Any(p => IsLink(Path.Combine(top, p))))
        {
            return null;
        }

        var present = new List<string>();
        foreach (string path in new[] { SettingsPath, JournalPath })
        {
            string full = Path.Combine(top, path);
            if (Directory.Exists(full))
            {
                return null;
            }

            if (File.Exists(full))
            {
                present.Add(path);
            }
        }

        var text = new StringBuilder(Header).Append('\n');
        text.Append(repository.Git.RunText("--literal-pathspecs", "ls-files", "-s", "--", SettingsPath));
        if (present.Count > 0)
        {
            text.Append(repository.Git.RunText(["--literal-pathspecs", "hash-object", "--no-filters", "--", .. present]));
        }

        return text.ToString();
    }

    private const string StateFolderPath = ".patchbuild";

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
