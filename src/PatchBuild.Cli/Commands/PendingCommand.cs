using System.CommandLine;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>
/// `patchbuild pending`: prints, one full path a line, the files below a folder that patchbuild.json's
/// "patches.patterns" name. build/PatchBuild.targets adds them to the build's patches, so the build asks Core
/// instead of keeping a second list of names.
/// </summary>
public static class PendingCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string?>("--root") { Description = "Folder to search (default: the current folder)." };
        var command = new Command("pending", "List the files that patchbuild.json's patches.patterns name as pending patches (used by the build).") { root };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(root) ?? Directory.GetCurrentDirectory();
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            IReadOnlyList<string> files;
            try
            {
                files = ConfiguredPatchFiles.Find(folder);
            }
            catch (PatchException ex)
            {
                // A settings file apply would refuse fails the build the same way, with its file and a hint.
                console.Error.WriteLine($"{ex.Error.File}: error {ex.Error.Code}: {ex.Error.Message}");
                if (ex.Error.Hint is { } hint)
                {
                    console.Error.WriteLine($"Fix: {hint}");
                }

                return CliApp.ExitFailure;
            }

            foreach (string file in files)
            {
                console.Out.WriteLine(file);
            }

            return CliApp.ExitSuccess;
        });

        return command;
    }
}
