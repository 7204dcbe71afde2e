using System.CommandLine;

namespace PatchBuild.Cli.Commands;

/// <summary>
/// `patchbuild new`: writes a patch instead of applying one. The options shared by every way of writing one live
/// here (--root, --file, --out, --force); each way adds its own (templates and --from-code: NewTemplateOptions).
/// </summary>
public static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string?>("--root") { Description = "Folder that --file and --into are relative to (default: the current folder)." };
        var file = new Option<string?>("--file") { Description = "The file the new patch changes (relative to --root)." };
        var output = new Option<string?>("--out") { Description = "Write the patch to this file (default: standard output)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file." };
        var command = new Command("new", "Write a patch: from a template or by placing C# code (the patch is printed or saved, not applied).")
        {
            root, file, output, force,
        };
        var templates = new NewTemplateOptions();
        templates.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new NewCommandContext(console, parse.GetValue(root) ?? Directory.GetCurrentDirectory(), parse.GetValue(file), parse.GetValue(output), parse.GetValue(force));
            if (!Directory.Exists(context.Root))
            {
                throw new UsageException($"--root '{context.Root}' is not a folder.");
            }

            return await templates.TryRunAsync(parse, context, cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException("new needs a way to write the patch: --template NAME, --from-code FILE --into TARGET.cs, or --list-templates.");
        });

        return command;
    }
}

/// <summary>What every way of writing a patch shares: where it runs, the target file, and where the patch goes.</summary>
public sealed record NewCommandContext(CliConsole Console, string Root, string? File, string? Out, bool Force);
