using System.CommandLine;
using System.Text;
using PatchBuild.Core.Authoring;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>What every way of writing a patch shares: the root, the console, and the target file when one is named.</summary>
public sealed record NewContext(string Root, CliConsole Console, string? File);

/// <summary>One way of writing a patch with `patchbuild new`; each owns its options and says whether it was asked for.</summary>
public interface INewMode
{
    /// <summary>The options that select this mode, as shown in "use one of" errors.</summary>
    string Names { get; }

    void AddOptions(Command command);

    bool IsRequested(ParseResult parse);

    AuthoredPatch Author(ParseResult parse, NewContext context);
}

/// <summary>
/// `patchbuild new`: writes an ap patch from a replacement, an insertion, two versions of a file, or the working
/// tree against a git revision, from a template, or by placing C# code. A dispatcher only: each mode (NewEditMode,
/// NewDiffMode, NewTemplateOptions) owns its options, and Core's authoring classes do the work.
/// </summary>
public static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        INewMode[] modes = [new NewEditMode(), new NewDiffMode()];
        var root = new Option<string?>("--root") { Description = "Folder the patch's paths are relative to (default: the current folder)." };
        var output = new Option<string?>("--out") { Description = "Write the patch to this file (default: standard output)." };
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file when it exists." };
        var file = new Option<string?>("--file") { Description = "The file the new patch changes, relative to --root." };
        var command = new Command("new", "Write a patch: --replace/--with, --insert-after/--insert-before with --content, --from-diff, --from-git, --template, or --from-code.") { root, output, force, file };
        foreach (var mode in modes)
        {
            mode.AddOptions(command);
        }

        var templates = new NewTemplateOptions();
        templates.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = Path.GetFullPath(parse.GetValue(root) ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            var templateContext = new NewCommandContext(console, folder, parse.GetValue(file), parse.GetValue(output), parse.GetValue(force));
            if (await templates.TryRunAsync(parse, templateContext, cancellationToken).ConfigureAwait(false) is { } templateExit)
            {
                return templateExit;
            }

            var chosen = modes.Where(m => m.IsRequested(parse)).ToList();
            if (chosen.Count != 1)
            {
                throw new UsageException($"new needs exactly one of: {string.Join("; ", modes.Select(m => m.Names))}; --template NAME; --from-code FILE --into TARGET.cs; --list-templates.");
            }

            string? outFile = parse.GetValue(output);
            try
            {
                if (outFile is not null)
                {
                    CheckOutput(outFile, parse.GetValue(force));
                }

                var patch = chosen[0].Author(parse, new NewContext(folder, console, parse.GetValue(file)));
                foreach (var warning in patch.Diagnostics)
                {
                    console.Error.WriteLine($"warning {warning.Code}: {warning.Message}");
                }

                if (outFile is null)
                {
                    console.Out.Write(patch.Text);
                }
                else
                {
                    Write(outFile, patch.Text, parse.GetValue(force));
                    console.Error.WriteLine($"Wrote {outFile}.");
                }

                return CliApp.ExitSuccess;
            }
            catch (PatchException ex)
            {
                console.Error.WriteLine($"error {ex.Error.Code}: {ex.Error.Message}");
                if (ex.Error.Hint is { } hint)
                {
                    console.Error.WriteLine($"Fix: {hint}");
                }

                return CliApp.ExitFailure;
            }
        });

        return command;
    }

    private static void CheckOutput(string outFile, bool force)
    {
        string full = Path.GetFullPath(outFile);
        if (full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(p => p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"--out '{outFile}' is inside a .git folder.") { Hint = "Write the patch somewhere in the working tree, e.g. --out afix.ap." });
        }

        if (Directory.Exists(full))
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"--out '{outFile}' is a folder.") { Hint = "Give a file name, e.g. --out afix.ap." });
        }

        if (!force && (File.Exists(full) || new FileInfo(full).LinkTarget is not null))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileExists, $"--out '{outFile}' already exists.") { Hint = "Choose another name, or pass --force to overwrite it." });
        }
    }

    private static void Write(string outFile, string text, bool force)
    {
        // CreateNew: a file (or link) that appeared since the check is still not overwritten without --force.
        using var stream = new FileStream(Path.GetFullPath(outFile), force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        stream.Write(bytes);
    }
}

/// <summary>The shared options as the template and code-placement ways of writing read them.</summary>
public sealed record NewCommandContext(CliConsole Console, string Root, string? File, string? Out, bool Force);
