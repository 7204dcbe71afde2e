using System.CommandLine;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Checks.Output;
using PatchBuild.Core.Git;
using PatchBuild.Core.Git.Hooks;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild hook install|uninstall|run`: the git pre-commit gate.</summary>
public static class HookCommand
{
    public const string SkipVariable = "PATCHBUILD_SKIP";
    private const string PreCommit = "pre-commit";

    public static Command Create(CliConsole console)
    {
        var command = new Command("hook", "Install, remove or run the git pre-commit hook that blocks unsafe, stale or unresolved patches.");
        command.Subcommands.Add(CreateInstall(console));
        command.Subcommands.Add(CreateUninstall(console));
        command.Subcommands.Add(CreateRun(console));
        return command;
    }

    private static Option<string?> RootOption() => new("--root") { Description = "A folder inside the repository (default: the current folder)." };

    private static Command CreateInstall(CliConsole console)
    {
        var root = RootOption();
        var optional = new Option<bool>("--optional") { Description = "Succeed quietly outside a git repository (for automatic installs from a build)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing unless something changed or failed." };
        var command = new Command("install", "Install the pre-commit hook where git runs hooks (core.hooksPath or the repository's hooks folder); an existing hook is kept and runs first.")
        {
            root, optional, quiet,
        };
        command.SetAction(parse =>
        {
            var repository = FindRepository(console, parse.GetValue(root), parse.GetValue(optional));
            if (repository is null)
            {
                return parse.GetValue(optional) ? CliApp.ExitSuccess : CliApp.ExitFailure;
            }

            return Report(console, () =>
            {
                var tool = ToolCommand.FromRunningProcess(Path.Combine(AppContext.BaseDirectory, "patchbuild.dll"), Environment.ProcessPath);
                var result = new HookInstaller(repository).Install(tool);
                bool quietRun = parse.GetValue(quiet) && result.Outcome == HookInstallOutcome.AlreadyInstalled;
                if (!quietRun)
                {
                    console.Out.WriteLine(result.Outcome switch
                    {
                        HookInstallOutcome.Installed => $"Installed the pre-commit hook: {result.HookPath}",
                        HookInstallOutcome.Updated => $"Updated the pre-commit hook: {result.HookPath}",
                        _ => $"The pre-commit hook is already installed: {result.HookPath}",
                    });
                    if (result.PreviousHookPath is not null)
                    {
                        console.Out.WriteLine($"  The hook that was there before is kept as {result.PreviousHookPath} and runs first.");
                    }

                    if (result.BackupPath is not null)
                    {
                        console.Out.WriteLine($"  An older kept hook was backed up to {result.BackupPath}.");
                    }

                    console.Out.WriteLine(LocalToolManifest.Find(repository.TopLevel) is { } manifest
                        ? $"  The hook runs PatchBuild.Tool from the local tool manifest {manifest} (dotnet tool run patchbuild)."
                        : $"  Without a local tool manifest listing PatchBuild.Tool, the hook runs: {tool}");
                }
            });
        });
        return command;
    }

    private static Command CreateUninstall(CliConsole console)
    {
        var root = RootOption();
        var command = new Command("uninstall", "Remove PatchBuild's pre-commit hook and restore the hook it replaced.") { root };
        command.SetAction(parse =>
        {
            var repository = FindRepository(console, parse.GetValue(root), optional: false);
            return repository is null ? CliApp.ExitFailure : Report(console, () =>
            {
                var result = new HookInstaller(repository).Uninstall();
                console.Out.WriteLine(result.Outcome switch
                {
                    HookUninstallOutcome.Removed => $"Removed the pre-commit hook: {result.HookPath}",
                    HookUninstallOutcome.RemovedAndRestored => $"Removed PatchBuild's pre-commit hook and restored the previous one: {result.HookPath}",
                    _ => $"PatchBuild's pre-commit hook is not installed ({result.HookPath} is absent or not ours); nothing changed.",
                });
            });
        });
        return command;
    }

    private static Command CreateRun(CliConsole console)
    {
        var hook = new Argument<string>("hook") { Description = "The hook to run: pre-commit." };
        var root = RootOption();
        var command = new Command("run", "Run a hook's checks now (the installed hook calls this): exit 1 when the commit must be blocked.") { hook, root };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(hook) ?? "";
            if (name != PreCommit)
            {
                throw new UsageException($"unknown hook '{name}': PatchBuild provides 'pre-commit'.");
            }

            return await RunPreCommitAsync(console, parse.GetValue(root), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// The exact call the installed hook makes, run without building the command line: startup is most of what a
    /// commit pays for the hook. Any other arguments return null and go through the full parser.
    /// </summary>
    public static int? TryRunFast(string[] args)
    {
        if (args is not ["hook", "run", PreCommit])
        {
            return null;
        }

        var console = new CliConsole(Console.Out, Console.Error, colour: false);
        return RunPreCommitAsync(console, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static async Task<int> RunPreCommitAsync(CliConsole console, string? root, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) is "1" or "true" or "TRUE" or "True" or "yes" or "YES")
        {
            console.Error.WriteLine($"patchbuild: warning: {SkipVariable} is set; the pre-commit checks were skipped.");
            return CliApp.ExitSuccess;
        }

        var request = new CheckRequest(root ?? Directory.GetCurrentDirectory(), CheckScope.StagedChanges) { ValidateResult = false };
        var report = await RepositoryChecker.RunAsync(request, cancellationToken).ConfigureAwait(false);
        TextFindingWriter.Write(report, console.Error);
        if (!report.HasErrors)
        {
            return CliApp.ExitSuccess;
        }

        int count = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
        console.Error.WriteLine($"patchbuild: commit blocked by {count} problem{(count == 1 ? "" : "s")}. Fix them, or skip the check once: git commit --no-verify (or {SkipVariable}=1 git commit).");
        return CliApp.ExitFailure;
    }

    private static GitRepository? FindRepository(CliConsole console, string? root, bool optional)
    {
        string folder = Path.GetFullPath(root ?? Directory.GetCurrentDirectory());
        var repository = Directory.Exists(folder) ? GitRepository.Find(folder) : null;
        if (repository is null && !optional)
        {
            console.Error.WriteLine($"error: '{folder}' is not inside a git repository. Fix: run the command inside the repository (or pass --root).");
        }

        return repository;
    }

    private static int Report(CliConsole console, Action action)
    {
        try
        {
            action();
            return CliApp.ExitSuccess;
        }
        catch (PatchException ex)
        {
            console.Error.WriteLine($"error {ex.Error.Code}: {ex.Error.Message}{(ex.Error.Hint is null ? "" : " Fix: " + ex.Error.Hint)}");
            return CliApp.ExitFailure;
        }
    }
}
