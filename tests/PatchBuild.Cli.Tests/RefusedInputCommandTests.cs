using System.Diagnostics;
using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// The real `patchbuild` process (as `dotnet build` runs it, with --json) on inputs that used to crash or hang it:
/// each ends with a clear error, exit code 1, and the tree as it was, with no .patchbuild/ left behind.
/// </summary>
public sealed class RefusedInputCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonElement FirstError(string json) => JsonDocument.Parse(json).RootElement.GetProperty("errors")[0];

    [Theory]
    [InlineData("afix.ap")]
    [InlineData("fix.patch")]
    public async Task A_200_MB_single_line_patch_ends_with_the_limit_named(string name)
    {
        _folder.Write("a.txt", "a\n");
        // Sparse: 200 MB long, one line (no newline at all), and no disk block written.
        using (var stream = new FileStream(_folder.Combine(name), FileMode.CreateNew))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", name, "--json");

        Assert.Equal(1, run.ExitCode);
        var error = FirstError(run.Out);
        Assert.Equal("LIMIT_EXCEEDED", error.GetProperty("code").GetString());
        Assert.Contains("maxPatchFileBytes", error.GetProperty("hint").GetString());
        Assert.False(Directory.Exists(_folder.Combine(".patchbuild")));
    }

    [Fact]
    public async Task A_fifo_target_ends_with_a_refusal_instead_of_hanging()
    {
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { _folder.Combine("pipe.txt") } })!)
        {
            mkfifo.WaitForExit();
        }

        _folder.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\npipe.txt\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nx\ne4a2f1b8 content\ny\ne4a2f1b8 END\n");

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", "afix.ap", "--json");

        Assert.Equal(1, run.ExitCode);
        var error = FirstError(run.Out);
        Assert.Equal("INVALID_FILE_PATH", error.GetProperty("code").GetString());
        Assert.Contains("named pipe", error.GetProperty("message").GetString());
        Assert.False(Directory.Exists(_folder.Combine(".patchbuild")));
    }
}
