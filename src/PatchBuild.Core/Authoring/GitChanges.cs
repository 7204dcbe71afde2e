using PatchBuild.Core.Git;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// The files below a folder that differ between a revision and the working tree (staged or not, and untracked ones
/// git does not ignore), as old and new bytes, read through the <c>git</c> command and the engine's path rules.
/// </summary>
internal static class GitChanges
{
    public static (List<FileVersionPair> Pairs, List<PatchWarning> Skipped) Collect(string root, string revision)
    {
        // A revision is passed to git as one argument; one that starts with '-' would be read as an option.
        if (revision.Length == 0 || revision.StartsWith('-') || revision.Any(char.IsControl))
        {
            throw new PatchException(new PatchError(ErrorCodes.GitFailed, $"'{revision}' is not a revision.") { Hint = "Name a commit, branch or tag, e.g. HEAD or HEAD~1." });
        }

        _ = GitRepository.Open(root);
        var git = new GitCommand(root);
        if (git.TryRun("rev-parse", "--verify", "--quiet", revision + "^{commit}").ExitCode != 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.GitFailed, $"'{revision}' names no commit in the repository at '{root}'.") { Hint = "Check the name with 'git log'; a new repository needs a first commit." });
        }

        var pairs = new List<FileVersionPair>();
        var skipped = new List<PatchWarning>();
        // --raw gives both sides' modes with the status: ":OLDMODE NEWMODE OLDSHA NEWSHA STATUS", then the path(s).
        var tokens = GitRepository.SplitZRaw(git.Run("diff", "--raw", "-z", "-M", "--relative", "--no-ext-diff", "--no-textconv", "--no-abbrev", revision, "--"));
        for (int i = 0; i < tokens.Count; i++)
        {
            string[] meta = tokens[i].Split(' ');
            if (meta.Length < 5 || !tokens[i].StartsWith(':'))
            {
                throw new PatchException(new PatchError(ErrorCodes.GitFailed, $"git printed a change PatchBuild cannot read: '{tokens[i]}'.") { Hint = "Update git, or write the patch with --from-diff." });
            }

            string status = meta[4];
            string path = tokens[++i];
            string? to = status[0] is 'R' or 'C' ? tokens[++i] : null;
            if (IsLink(meta[0][1..]) || IsLink(meta[1]))
            {
                skipped.Add(Skip(to ?? path, "it is a symbolic link, which a patch cannot describe"));
                continue;
            }

            switch (status[0])
            {
                case 'M':
                    Add(pairs, skipped, path, Old(git, revision, path), New(root, path));
                    break;
                case 'A':
                    Add(pairs, skipped, path, null, New(root, path));
                    break;
                case 'D':
                    Add(pairs, skipped, path, Old(git, revision, path), null);
                    break;
                case 'R':
                    Add(pairs, skipped, to!, Old(git, revision, path), New(root, to!), path);
                    break;
                case 'C':
                    Add(pairs, skipped, to!, null, New(root, to!));
                    break;
                default:
                    skipped.Add(Skip(path, $"its change is of kind '{status}' (a type change or an unmerged file)"));
                    break;
            }
        }

        foreach (string path in GitRepository.SplitZ(git.Run("ls-files", "--others", "--exclude-standard", "-z")))
        {
            if (new FileInfo(Path.Combine(root, path)).LinkTarget is not null)
            {
                skipped.Add(Skip(path, "it is a symbolic link, which a patch cannot describe"));
                continue;
            }

            Add(pairs, skipped, path, null, New(root, path));
        }

        return (pairs, skipped);
    }

    // Git records a link as mode 120000 whose blob is the target's name; its content is not the file's.
    private static bool IsLink(string mode) => mode == "120000";

    private static void Add(List<FileVersionPair> pairs, List<PatchWarning> skipped, string path, byte[]? old, byte[]? updated, string? from = null)
    {
        if ((old is not null && !TargetText.IsText(old)) || (updated is not null && !TargetText.IsText(updated)))
        {
            skipped.Add(Skip(path, "it is not text"));
            return;
        }

        pairs.Add(new FileVersionPair(path.Replace('\\', '/'), old, updated, from));
    }

    // "REV:./path" is the path relative to the folder git runs in, which is the root.
    private static byte[] Old(GitCommand git, string revision, string path) => git.Run("cat-file", "blob", $"{revision}:./{path}");

    private static byte[] New(string root, string path) => PatchAuthoring.ReadTarget(root, path);

    private static PatchWarning Skip(string path, string why) =>
        new(AuthoringCodes.Skipped, $"'{path}' was left out: {why}.") { File = path };
}
