using System.CommandLine;
using PatchBuild.Cli.Commands;

namespace PatchBuild.Cli;

/// <summary>The `patchbuild` command line: thin commands over PatchBuild.Core.</summary>
public static class CliApp
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, Stream? stdin = null)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error, colour: stdout is null && ConsoleSupportsColour())
        {
            Input = stdin is null ? Console.OpenStandardInput : () => stdin,
        };
        var root = new RootCommand("PatchBuild: apply AI-generated patches (ap, patch.json, unified diffs) safely.");
        root.Subcommands.Add(ApplyCommand.Create(console));
        root.Subcommands.Add(HistoryCommand.Create(console));
        root.Subcommands.Add(RecoverCommand.Create(console));
        root.Subcommands.Add(RollbackCommand.Create(console));
        root.Subcommands.Add(HookCommand.Create(console));
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(PromptCommand.Create(console));
        root.Subcommands.Add(PendingCommand.Create(console));
        root.Subcommands.Add(NewCommand.Create(console));

        // The MSBuild task's arguments arrive as data: each is one token, and none is read as a response file.
        var parser = new ParserConfiguration();
        try
        {
            if (EngineArgumentsFile.TryExpand(args, out string[] expanded))
            {
                args = expanded;
                parser.ResponseFileTokenReplacer = null;
            }
        }
        catch (Exception ex) when (ex is UsageException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitUsage;
        }

        var parse = root.Parse(args, parser);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            foreach (string token in parse.UnmatchedTokens.Where(t => t.StartsWith('-')))
            {
                if (OptionSuggestions.Closest(parse.CommandResult.Command, token) is { } meant)
                {
                    console.Error.WriteLine($"'{token}' is not an option of '{parse.CommandResult.Command.Name}'. Did you mean '{meant}'?");
                }
            }

            console.Error.WriteLine("Run 'patchbuild --help' for usage.");
            return ExitUsage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            console.Error.WriteLine("Fix: check that the files exist and are readable and writable; nothing was changed.");
            return ExitFailure;
        }
    }

    private static bool ConsoleSupportsColour() =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb";
}

/// <summary>Thrown by a command when its arguments make no sense together: exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Where a command writes; colour only on a real terminal.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool colour)
{
    public bool Colour { get; } = colour;

    /// <summary>Opens standard input (for `apply -`).</summary>
    public Func<Stream> Input { get; init; } = Console.OpenStandardInput;
}
