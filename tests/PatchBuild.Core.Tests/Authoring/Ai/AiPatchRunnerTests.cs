using System.Text;
using PatchBuild.Core.Authoring.Ai;
using PatchBuild.Core.Model;
using PatchBuild.Core.Prompts;
using PatchBuild.Core.Tests.Support;
using static PatchBuild.Core.Tests.Authoring.Ai.AiAnswers;
using static PatchBuild.Core.Tests.Authoring.Ai.ScriptedModelServer;

namespace PatchBuild.Core.Tests.Authoring.Ai;

/// <summary>
/// `patchbuild ai`'s loop against a real HTTP server on loopback that plays the model: every answer is read and
/// judged by the engine, failures go back as reports, and a run that fails leaves the tree as it was.
/// </summary>
public sealed class AiPatchRunnerTests : IDisposable
{
    private const string Key = "sk-pbtest-KEY-7f3a9c1e5d2b8046";
    private readonly TempFolder _tree = new();

    public AiPatchRunnerTests() => _tree.Write(UserFile, UserBefore);

    public void Dispose() => _tree.Dispose();

    private AiRunOptions Options(ScriptedModelServer server, AiMode mode = AiMode.WritePatch, string? key = Key) => new()
    {
        Instruction = "Add a Phone property to User",
        Files = [_tree.Combine(UserFile)],
        Mode = mode,
        Model = "scripted-model",
        TimeoutSeconds = 20,
        Apply = new ApplyOptions { Root = _tree.Path },
        Environment = name => name switch
        {
            AiEndpoint.BaseUrlVariable => server.BaseUrl,
            AiEndpoint.ApiKeyVariable => key,
            _ => null,
        },
    };

    private static string PatchFileIn(string folder) => Directory.GetFiles(folder, "ai-*.ap").Single();

    [Fact]
    public async Task A_good_answer_is_written_as_a_patch_file_and_the_tree_is_not_changed()
    {
        using var server = new ScriptedModelServer(Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Single(result.Attempts);
        Assert.Equal(PatchFormat.Ap, result.PatchFormat);
        Assert.Equal(UserBefore, _tree.Read(UserFile));
        Assert.Equal(PatchFileIn(_tree.Path), result.PatchFile);
        Assert.Equal(Good, File.ReadAllText(result.PatchFile!));
        Assert.Contains("+    public string Phone { get; set; } = \"\";", result.Engine!.Diff);

        // The prompt: the ap guide of `patchbuild prompt ap`, the file's content, the instruction; the key as a bearer token.
        string sent = server.MessagesOf(0);
        Assert.Contains(DialectPrompts.For(PatchFormat.Ap), sent);
        Assert.Contains(UserBefore, sent);
        Assert.Contains("Add a Phone property to User", sent);
        Assert.Equal($"Bearer {Key}", server.Requests[0].Authorization);
        Assert.Contains("\"model\":\"scripted-model\"", server.Requests[0].Body);
        Assert.True(File.Exists(result.TranscriptFile));
        Assert.StartsWith(Path.Combine(_tree.Path, ".patchbuild", "ai"), result.TranscriptFile);
    }

    [Fact]
    public async Task Apply_writes_the_change_in_one_transaction_with_history()
    {
        using var server = new ScriptedModelServer(Answer(Fenced(Good)));

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(UserAfter, _tree.Read(UserFile));
        Assert.NotNull(result.Engine!.HistoryId);
        var history = await new PatchEngine().GetHistoryAsync(_tree.Path);
        Assert.Contains(history.Entries, e => e.Id == result.Engine.HistoryId);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_not_even_state()
    {
        using var server = new ScriptedModelServer(Answer(Good));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.DryRun));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains("Phone", result.Engine!.Diff);
        Assert.Null(result.PatchFile);
        Assert.Null(result.TranscriptFile);
        Assert.Equal(before, _tree.Snapshot());
        Assert.False(Directory.Exists(_tree.Combine(".patchbuild")));
    }

    [Fact]
    public async Task Bad_then_good_sends_the_failure_report_and_succeeds_on_the_second_attempt()
    {
        using var server = new ScriptedModelServer(Answer(MissingSnippet), Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Attempts[0].Errors[0].Code);
        Assert.Empty(result.Attempts[1].Errors);
        Assert.Equal(UserAfter, _tree.Read(UserFile));

        // The second request carries the whole conversation and the afailed.md text: code, closest lines, content.
        string second = server.MessagesOf(1);
        Assert.Contains(MissingSnippet.Trim(), second);
        Assert.Contains("`SNIPPET_NOT_FOUND` in `src/User.cs`", second);
        Assert.Contains("Closest text in the file", second);
        Assert.Contains("### Current content of `src/User.cs`", second);
        Assert.Contains("Attempt 1 failed", second);
    }

    [Fact]
    public async Task A_patch_that_breaks_the_syntax_is_sent_back_with_the_validation_error()
    {
        using var server = new ScriptedModelServer(Answer(BrokenCSharp), Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, result.Attempts[0].Errors[0].Code);
        Assert.Contains("VALIDATION_FAILED", server.MessagesOf(1));
    }

    [Fact]
    public async Task An_answer_in_the_codex_dialect_is_accepted()
    {
        using var server = new ScriptedModelServer(Answer(CodexAnswer));

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(PatchFormat.Codex, result.PatchFormat);
        Assert.Equal(UserAfter, _tree.Read(UserFile));
        Assert.EndsWith(".patch", result.PatchFile);
        Assert.StartsWith("*** Begin Patch", File.ReadAllText(result.PatchFile!));
    }

    [Fact]
    public async Task Prose_every_time_never_converges_lists_each_attempt_and_changes_nothing()
    {
        using var server = new ScriptedModelServer(Answer(Prose), Answer(Prose), Answer(Prose));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.NotConverged, result.Error!.Code);
        Assert.Equal(3, server.RequestCount);
        Assert.All(result.Attempts, a => Assert.Equal(AiErrorCodes.NoPatch, a.Errors[0].Code));
        Assert.Contains("attempt 1: AI_NO_PATCH", result.Error.Message);
        Assert.Contains("attempt 3: AI_NO_PATCH", result.Error.Message);
        Assert.Equal(before, _tree.Snapshot());
        Assert.True(File.Exists(result.TranscriptFile));
    }

    [Fact]
    public async Task Max_attempts_bounds_the_requests()
    {
        using var server = new ScriptedModelServer(Answer(MissingSnippet), Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server) with { MaxAttempts = 1 });

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.NotConverged, result.Error!.Code);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("src/Other.cs")]
    [InlineData(".git/hooks/pre-commit")]
    [InlineData("../outside.txt")]
    [InlineData(".patchbuild/journal")]
    [InlineData("/etc/passwd")]
    public async Task An_answer_touching_a_file_it_was_not_given_is_refused(string path)
    {
        Directory.CreateDirectory(_tree.Combine(".git"));
        using var server = new ScriptedModelServer(Answer(AlsoTouching(path)), Answer(AlsoTouching(path)));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply) with { MaxAttempts = 2 });

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.NotConverged, result.Error!.Code);
        Assert.All(result.Attempts, a => Assert.Contains(a.Errors, e => e.Code is AiErrorCodes.FileRefused or ErrorCodes.InvalidFilePath or ErrorCodes.InvalidPatchFile));
        Assert.Equal(before, _tree.Snapshot());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_tree.Path)!, "outside.txt")));
    }

    [Fact]
    public async Task Garbage_from_the_endpoint_is_a_clear_error()
    {
        using var server = new ScriptedModelServer(Status(200, "<html>this is not json</html>"));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.RequestFailed, result.Error!.Code);
        Assert.Contains("not a chat completion", result.Error.Message);
        Assert.Contains("/chat/completions", result.Error.Hint);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_fails_with_a_timeout_error()
    {
        using var server = new ScriptedModelServer(Slow(TimeSpan.FromSeconds(30), Good));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply) with { TimeoutSeconds = 1 });

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.RequestFailed, result.Error!.Code);
        Assert.Contains("did not answer within 1 seconds", result.Error.Message);
        Assert.Contains("--timeout", result.Error.Hint);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_then_succeeds()
    {
        using var server = new ScriptedModelServer(Status(429, "{\"error\":\"slow down\"}", retryAfter: "1"), Answer(Good));
        var progress = new List<string>();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply) with { Progress = progress.Add });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(2, server.RequestCount);
        Assert.Single(result.Attempts);
        Assert.Contains(progress, line => line.Contains("HTTP 429") && line.Contains("1 s"));
        Assert.Equal(UserAfter, _tree.Read(UserFile));
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_fails_at_once()
    {
        using var server = new ScriptedModelServer(Status(429, "{}", retryAfter: "3600"), Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server));

        Assert.False(result.Success);
        Assert.Equal(1, server.RequestCount);
        Assert.Contains("HTTP 429", result.Error!.Message);
        Assert.Contains("3600", result.Error.Message);
    }

    [Fact]
    public async Task A_500_is_a_clear_error_and_is_not_retried()
    {
        using var server = new ScriptedModelServer(Status(500, "{\"error\":\"boom\"}"), Answer(Good));
        var before = _tree.Snapshot();

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.False(result.Success);
        Assert.Equal(1, server.RequestCount);
        Assert.Contains("HTTP 500", result.Error!.Message);
        Assert.Contains("boom", result.Error.Message);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task A_401_hints_at_OPENAI_API_KEY_and_never_shows_the_key_the_server_echoes()
    {
        using var server = new ScriptedModelServer(Status(401, $"{{\"error\":\"Incorrect API key provided: {Key}\"}}"));

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply));

        Assert.False(result.Success);
        Assert.Contains("HTTP 401", result.Error!.Message);
        Assert.Contains("OPENAI_API_KEY", result.Error.Hint);
        Assert.Contains("[redacted key]", result.Error.Message);
        Assert.DoesNotContain(Key, result.Error.Message);
    }

    [Fact]
    public async Task Without_a_key_no_Authorization_header_is_sent_and_a_401_says_to_set_it()
    {
        using var server = new ScriptedModelServer(Status(401, "{\"error\":\"missing key\"}"));

        var result = await AiPatchRunner.RunAsync(Options(server, key: null));

        Assert.Null(server.Requests[0].Authorization);
        Assert.Contains("Set OPENAI_API_KEY", result.Error!.Hint);
    }

    [Fact]
    public async Task The_key_is_never_written_to_any_file_report_or_progress_line()
    {
        using var server = new ScriptedModelServer(
            Answer($"I was told the key {Key}, here it is."), Answer(MissingSnippet), Answer(Good),
            Status(401, $"{{\"error\":\"bad key {Key}\"}}"));
        var progress = new List<string>();
        var options = Options(server, AiMode.Apply) with { Progress = progress.Add };

        var good = await AiPatchRunner.RunAsync(options);
        var refused = await AiPatchRunner.RunAsync(options with { Instruction = "again" });

        Assert.True(good.Success, good.Error?.Message);
        Assert.False(refused.Success);
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {Key}", r.Authorization));
        var written = Directory.EnumerateFiles(_tree.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(written, f => f.Contains(Path.Combine(".patchbuild", "ai")));
        foreach (string file in written)
        {
            Assert.DoesNotContain(Key, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        Assert.DoesNotContain(Key, AiJsonReport.Write(good) + AiJsonReport.Write(refused) + string.Join("\n", progress));
        Assert.DoesNotContain(Key, new AiEndpoint(new Uri(server.BaseUrl), "m", Key, TimeSpan.FromSeconds(1)).ToString());
    }

    [Fact]
    public async Task A_failing_test_command_is_rolled_back_and_sent_to_the_model()
    {
        // The test passes only when Phone is a string: the first answer makes it an int.
        string intPhone = Good.Replace("public string Phone", "public int Phone").Replace("= \"\";\n\n", "= 0;\n\n");
        using var server = new ScriptedModelServer(Answer(intPhone), Answer(Good));
        var options = Options(server, AiMode.Apply);

        var result = await AiPatchRunner.RunAsync(options with { Apply = options.Apply with { TestCommand = "grep -q 'string Phone' src/User.cs" } });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(ErrorCodes.TestFailed, result.Attempts[0].Errors[0].Code);
        Assert.Contains("TEST_FAILED", server.MessagesOf(1));
        Assert.Equal(UserAfter, _tree.Read(UserFile));
    }

    [Fact]
    public async Task A_plan_of_several_files_becomes_one_atomic_patch()
    {
        _tree.Write("src/Order.cs", "namespace Demo;\n\npublic class Order\n{\n}\n");
        string plan = _tree.Write("plan.json", """
            [
              { "file": "src/User.cs", "instruction": "Add a Phone property" },
              { "file": "src/Order.cs", "instruction": "Add an Id property" }
            ]
            """);
        string both = Good + "\n3f9c0a7e FILE\nsrc/Order.cs\n\n3f9c0a7e INSERT_AFTER\n3f9c0a7e snippet\n{\n3f9c0a7e content\n    public int Id { get; set; }\n";
        string halfBroken = Good + "\n3f9c0a7e FILE\nsrc/Order.cs\n\n3f9c0a7e INSERT_AFTER\n3f9c0a7e snippet\nclass Nothing\n3f9c0a7e content\n    public int Id { get; set; }\n";
        using var server = new ScriptedModelServer(Answer(halfBroken), Answer(both));
        var options = Options(server, AiMode.Apply) with { Instruction = null, Files = [], PlanFile = plan };
        var before = _tree.Snapshot();
        var progress = new List<string>();

        var result = await AiPatchRunner.RunAsync(options with { MaxAttempts = 1, Progress = progress.Add });

        // The first answer's User.cs part was fine, but one patch is all or nothing.
        Assert.False(result.Success);
        Assert.Equal(before, _tree.Snapshot());
        string sent = server.MessagesOf(0);
        Assert.Contains("In `src/User.cs`: Add a Phone property", sent);
        Assert.Contains("In `src/Order.cs`: Add an Id property", sent);

        var second = await AiPatchRunner.RunAsync(options);
        Assert.True(second.Success, second.Error?.Message);
        Assert.Equal(UserAfter, _tree.Read(UserFile));
        Assert.Contains("public int Id", _tree.Read("src/Order.cs"));
    }

    [Fact]
    public async Task A_link_in_place_of_the_state_folder_is_refused_before_anything_is_asked()
    {
        string elsewhere = Directory.CreateTempSubdirectory("pb-elsewhere-").FullName;
        try
        {
            File.CreateSymbolicLink(_tree.Combine(".patchbuild"), elsewhere);
            using var server = new ScriptedModelServer(Answer(Good));

            var result = await AiPatchRunner.RunAsync(Options(server));

            Assert.False(result.Success);
            Assert.Equal(ErrorCodes.HistoryError, result.Error!.Code);
            Assert.Equal(0, server.RequestCount);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Theory]
    [InlineData("../outside.cs")]
    [InlineData(".git/config")]
    public async Task A_file_outside_the_root_or_in_git_is_refused_before_anything_is_asked(string file)
    {
        Directory.CreateDirectory(_tree.Combine(".git"));
        using var server = new ScriptedModelServer(Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server) with { Files = [_tree.Combine(file)] });

        Assert.False(result.Success);
        Assert.Equal(AiErrorCodes.FileRefused, result.Error!.Code);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Without_a_model_the_run_stops_with_a_hint_naming_every_source()
    {
        using var server = new ScriptedModelServer(Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server) with { Model = null });

        Assert.Equal(ErrorCodes.InvalidConfig, result.Error!.Code);
        Assert.Contains("--model", result.Error.Hint);
        Assert.Contains("ai.model", result.Error.Hint!.Replace("\"ai\": {\"model\"", "ai.model"));
        Assert.Contains(AiEndpoint.ModelVariable, result.Error.Hint);
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData(".git/hooks/post-checkout")]
    [InlineData(".patchbuild/journal.jsonl")]
    public async Task An_out_path_under_git_or_the_state_folder_is_refused_before_anything_is_asked(string outPath)
    {
        Directory.CreateDirectory(_tree.Combine(".git/hooks"));
        using var server = new ScriptedModelServer(Answer(Good));

        var result = await AiPatchRunner.RunAsync(Options(server, AiMode.Apply) with { OutPath = _tree.Combine(outPath) });

        Assert.False(result.Success);
        Assert.Equal(0, server.RequestCount);
        Assert.False(File.Exists(_tree.Combine(outPath)));
        Assert.Equal(UserBefore, _tree.Read(UserFile));
    }

    [Fact]
    public async Task Out_names_where_the_patch_goes()
    {
        using var server = new ScriptedModelServer(Answer(Good));
        string outPath = _tree.Combine("patches/phone.ap");

        var result = await AiPatchRunner.RunAsync(Options(server) with { OutPath = outPath });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(outPath, result.PatchFile);
        Assert.Equal(Good, File.ReadAllText(outPath));
        Assert.Empty(Directory.GetFiles(_tree.Path, "ai-*"));
    }
}
