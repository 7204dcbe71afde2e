return await PatchBuild.Cli.CliApp.RunAsync(args);
