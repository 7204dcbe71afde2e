using System.CommandLine;
using PatchBuild.Core.Authoring;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Cli.Commands;

/// <summary>`new --from-diff TARGET NEWVERSION` and `new --from-git [REV]`.</summary>
public sealed class NewDiffMode : INewMode
{
    private readonly Option<string[]> _fromDiff = new("--from-diff")
    {
        Description = "TARGET (relative to --root) and NEWVERSION (any file with the wanted content).",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _fromGit = new("--from-git")
    {
        Description = "Every text file changed in the working tree against REV (default HEAD).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public string Names => "--from-diff TARGET NEWVERSION; --from-git [REV]";

    public void AddOptions(Command command)
    {
        command.Options.Add(_fromDiff);
        command.Options.Add(_fromGit);
    }

    public bool IsRequested(ParseResult parse) => parse.GetResult(_fromDiff) is not null || parse.GetResult(_fromGit) is not null;

    public AuthoredPatch Author(ParseResult parse, NewContext context)
    {
        if (parse.GetResult(_fromDiff) is not null && parse.GetResult(_fromGit) is not null)
        {
            throw new UsageException("Give --from-diff or --from-git, not both.");
        }

        if (parse.GetResult(_fromGit) is not null)
        {
            return PatchAuthoring.FromGit(context.Root, parse.GetValue(_fromGit) ?? "HEAD");
        }

        string[] pair = parse.GetValue(_fromDiff)!;
        string target = pair[0].Replace('\\', '/');
        byte[] old = PatchAuthoring.ReadTarget(context.Root, target);
        return PatchAuthoring.FromDiff(target, old, ReadNewVersion(pair[1]));
    }

    private static byte[] ReadNewVersion(string file)
    {
        string full = Path.GetFullPath(file);
        if (!File.Exists(full))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"NEWVERSION '{file}' was not found.") { Hint = "Give the file that holds the wanted content." });
        }

        SpecialFiles.EnsureNotSpecial(full, file);
        return File.ReadAllBytes(full);
    }
}
