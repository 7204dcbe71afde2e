using System.Text.Json;

namespace PatchBuild.Cli.Tests;

/// <summary>`patchbuild check` as CI runs it: exit codes, the formats, --staged, --output, --root.</summary>
public sealed class HookCheckCommandTests : IDisposable
{
    private readonly HookTestRepository _repo = HookTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    private static async Task<(int Exit, string Out, string Err)> RunCli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_clean_repository_passes()
    {
        _repo.Write("a.txt", "fine\n");
        _repo.Stage("a.txt");

        var (exit, output, error) = await RunCli("check", "--root", _repo.Root);

        Assert.Equal(0, exit);
        Assert.Equal("", output);
        Assert.Contains("no problems", error);
    }

    [Fact]
    public async Task GitHub_format_writes_annotations_and_fails()
    {
        _repo.Write("src/a.txt", "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n");

        var (exit, output, _) = await RunCli("check", "--root", _repo.Root, "--format", "github");

        Assert.Equal(1, exit);
        Assert.StartsWith("::error file=src/a.txt,line=1,title=PB2004::", output);
    }

    [Fact]
    public async Task Staged_checks_the_index_not_the_disk()
    {
        _repo.Write("a.txt", "fine\n");
        _repo.Stage("a.txt");
        _repo.Write("a.txt", "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n");

        Assert.Equal(0, (await RunCli("check", "--staged", "--root", _repo.Root)).Exit);
        Assert.Equal(1, (await RunCli("check", "--root", _repo.Root)).Exit);
    }

    [Fact]
    public async Task Sarif_goes_to_the_output_file()
    {
        _repo.Write("b.orig", "x\n");
        string file = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + ".sarif");
        try
        {
            var (exit, output, _) = await RunCli("check", "--root", _repo.Root, "--format", "sarif", "--output", file);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            using var log = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
            var result = log.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
            Assert.Equal("PB2005", result.GetProperty("ruleId").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Json_format_is_the_check_report()
    {
        _repo.Write("b.rej", "x\n");

        var (exit, output, _) = await RunCli("check", "--root", _repo.Root, "--format", "json");

        Assert.Equal(1, exit);
        using var report = JsonDocument.Parse(output);
        Assert.Equal("FAILED", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("b.rej", report.RootElement.GetProperty("findings")[0].GetProperty("file").GetString());
    }

    [Fact]
    public async Task Bad_arguments_are_usage_errors()
    {
        Assert.Equal(2, (await RunCli("check", "--format", "xml")).Exit);
        Assert.Equal(2, (await RunCli("check", "--root", Path.Combine(_repo.Root, "missing"))).Exit);
        Assert.Equal(2, (await RunCli("hook", "run", "pre-push", "--root", _repo.Root)).Exit);
    }

    [Fact]
    public async Task Hook_install_outside_a_repository_fails_unless_optional()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pb-norepo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            Assert.Equal(1, (await RunCli("hook", "install", "--root", folder)).Exit);
            var optional = await RunCli("hook", "install", "--root", folder, "--optional", "--quiet");
            Assert.Equal(0, optional.Exit);
            Assert.Equal("", optional.Out + optional.Err);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
