// `hook run` is on every commit's path: it skips building the whole command line (HookCommand.TryRunFast).
return PatchBuild.Cli.Commands.HookCommand.TryRunFast(args) ?? await PatchBuild.Cli.CliApp.RunAsync(args);
