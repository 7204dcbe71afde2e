namespace PatchBuild.Cli;

public static class CliApp
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}
