using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Authoring.Ai;
using PatchBuild.Core.Tests.Support;
using static PatchBuild.Core.Tests.Authoring.Ai.AiAnswers;
using static PatchBuild.Core.Tests.Authoring.Ai.ScriptedModelServer;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// `patchbuild ai` as a user runs it: the real tool process, its environment holding OPENAI_BASE_URL (a scripted
/// model on loopback) and OPENAI_API_KEY, exit codes 0/1/2, and a key that never reaches any output or file.
/// </summary>
public sealed class AiCommandTests : IDisposable
{
    private const string Key = "sk-clitest-KEY-0c4e8a2f6b1d9357";
    private readonly TempFolder _tree = new();

    public AiCommandTests()
    {
        // A project file makes the folder the root, as it would be in a real project (src/User.cs resolves from here).
        _tree.Write("Demo.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _tree.Write(UserFile, UserBefore);
    }

    public void Dispose() => _tree.Dispose();

    private Task<CliRunner.Run> RunAsync(ScriptedModelServer? server, params string[] args) =>
        RunWithAsync(new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = server?.BaseUrl ?? "http://127.0.0.1:9/v1", ["OPENAI_API_KEY"] = Key }, args);

    private async Task<CliRunner.Run> RunWithAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = CliRunner.ToolStart(_tree.Path, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        foreach (string name in new[] { "OPENAI_BASE_URL", "OPENAI_API_KEY", "PATCHBUILD_AI_MODEL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRunner.Run(process.ExitCode, await stdout, await stderr);
    }

    private static string[] Ask(params string[] more) => ["ai", "Add a Phone property to User", "--file", UserFile, "--model", "scripted", .. more];

    [Fact]
    public async Task A_good_answer_writes_the_patch_file_and_exits_0()
    {
        using var server = new ScriptedModelServer(Answer(Good));

        var run = await RunAsync(server, Ask());

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        string patch = Assert.Single(Directory.GetFiles(_tree.Path, "ai-*.ap"));
        Assert.Contains($"patch: {patch}", run.Out);
        Assert.Contains("transcript: ", run.Out);
        Assert.Equal(UserBefore, _tree.Read(UserFile));

        // The file it wrote is an ordinary patch: `patchbuild apply` takes it.
        var apply = await RunAsync(null, "apply", patch);
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Equal(UserAfter, _tree.Read(UserFile));
    }

    [Fact]
    public async Task Bad_then_good_applies_on_the_second_attempt_and_the_json_report_counts_them()
    {
        using var server = new ScriptedModelServer(Answer(MissingSnippet), Answer(Good));

        var run = await RunAsync(server, Ask("--apply", "--json"));

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal(UserAfter, _tree.Read(UserFile));
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal("SUCCESS", report.RootElement.GetProperty("status").GetString());
        var attempts = report.RootElement.GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal("SNIPPET_NOT_FOUND", attempts[0].GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.NotNull(report.RootElement.GetProperty("historyId").GetString());
        Assert.Contains("attempt 1 failed: SNIPPET_NOT_FOUND", run.Error);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Dry_run_prints_patch_and_diff_and_writes_nothing()
    {
        using var server = new ScriptedModelServer(Answer(Good));
        var before = _tree.Snapshot();

        var run = await RunAsync(server, Ask("--dry-run"));

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("+    public string Phone { get; set; } = \"\";", run.Out);
        Assert.Contains("3f9c0a7e AP 3.2", run.Out);
        Assert.Equal(before, _tree.Snapshot());
        Assert.False(Directory.Exists(_tree.Combine(".patchbuild")));
    }

    [Fact]
    public async Task A_timeout_exits_1_with_a_hint_and_changes_nothing()
    {
        using var server = new ScriptedModelServer(Slow(TimeSpan.FromSeconds(30), Good));
        var before = _tree.Snapshot();

        var run = await RunAsync(server, Ask("--apply", "--timeout", "1"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AI_REQUEST_FAILED", run.Out);
        Assert.Contains("did not answer within 1 seconds", run.Out);
        Assert.Contains("Fix: ", run.Out);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Prose_never_converges_exits_1_listing_each_attempt()
    {
        using var server = new ScriptedModelServer(Answer(Prose), Answer(Prose));
        var before = _tree.Snapshot();

        var run = await RunAsync(server, Ask("--apply", "--max-attempts", "2"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AI_NOT_CONVERGED", run.Out);
        Assert.Contains("attempt 1: AI_NO_PATCH", run.Out);
        Assert.Contains("attempt 2: AI_NO_PATCH", run.Out);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task The_key_never_reaches_stdout_stderr_or_any_file_written()
    {
        using var server = new ScriptedModelServer(
            Answer($"My key is {Key}."), Answer(Good),
            Status(401, $"{{\"error\":\"Incorrect API key provided: {Key}\"}}"));

        var good = await RunAsync(server, Ask("--apply", "--json"));
        var refused = await RunAsync(server, Ask("--apply"));

        Assert.True(good.ExitCode == 0, good.Out + good.Error);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("OPENAI_API_KEY", refused.Out);
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {Key}", r.Authorization));
        Assert.DoesNotContain(Key, good.Out + good.Error + refused.Out + refused.Error);
        var files = Directory.EnumerateFiles(_tree.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(2, files.Count(f => f.Contains(Path.Combine(".patchbuild", "ai"))));
        foreach (string file in files)
        {
            Assert.DoesNotContain(Key, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public async Task The_model_comes_from_patchbuild_json_and_a_file_scheme_base_url_there_is_refused()
    {
        using var server = new ScriptedModelServer(Answer(Good));
        _tree.Write("patchbuild.json", """{ "ai": { "model": "from-config" } }""");

        var run = await RunAsync(server, "ai", "Add a Phone property to User", "--file", UserFile, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("\"model\":\"from-config\"", server.Requests[0].Body);

        _tree.Write("patchbuild.json", """{ "ai": { "model": "m", "baseUrl": "file:///etc/passwd" } }""");
        var refused = await RunAsync(server, "ai", "Add a Phone property to User", "--file", UserFile);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("INVALID_CONFIG", refused.Out);
        Assert.Contains("ai.baseUrl is refused", refused.Out);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("no files", new[] { "ai", "Add a Phone property" })]
    [InlineData("no instruction", new[] { "ai", "--file", "src/User.cs" })]
    [InlineData("both modes", new[] { "ai", "x", "--file", "src/User.cs", "--apply", "--dry-run" })]
    [InlineData("test without apply", new[] { "ai", "x", "--file", "src/User.cs", "--test", "true" })]
    [InlineData("attempts 0", new[] { "ai", "x", "--file", "src/User.cs", "--max-attempts", "0" })]
    [InlineData("attempts huge", new[] { "ai", "x", "--file", "src/User.cs", "--max-attempts", "1000" })]
    [InlineData("timeout 0", new[] { "ai", "x", "--file", "src/User.cs", "--timeout", "0" })]
    [InlineData("root missing", new[] { "ai", "x", "--file", "src/User.cs", "--root", "no/such/folder" })]
    [InlineData("unknown option", new[] { "ai", "x", "--file", "src/User.cs", "--api-key", "k" })]
    public async Task Usage_errors_exit_2_and_ask_nothing(string why, string[] args)
    {
        using var server = new ScriptedModelServer(Answer(Good));

        var run = await RunAsync(server, args);

        Assert.True(run.ExitCode == 2, $"{why}: {run.Out}{run.Error}");
        Assert.Contains("error", run.Error);
        Assert.Equal(0, server.RequestCount);
    }
}
