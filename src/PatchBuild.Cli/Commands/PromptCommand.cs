using System.CommandLine;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Prompts;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild prompt [ap|codex|aider|diff]`: prints the instructions that make a model answer in a dialect.</summary>
public static class PromptCommand
{
    public static Command Create(CliConsole console)
    {
        string choices = string.Join('|', DialectPrompts.Dialects.Select(PatchFormatNames.NameOf));
        var dialect = new Argument<string?>("dialect") { Description = $"The dialect to ask for ({choices}); default ap.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("prompt", "Print instructions to attach to an assistant's prompt so it answers in a dialect PatchBuild applies.") { dialect };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(dialect) ?? "ap";
            if (!PatchFormatNames.TryParse(name, out var format) || !DialectPrompts.Dialects.Contains(format))
            {
                throw new UsageException($"prompt takes {choices}, not '{name}'.");
            }

            console.Out.Write(DialectPrompts.For(format));
            return CliApp.ExitSuccess;
        });

        return command;
    }
}
