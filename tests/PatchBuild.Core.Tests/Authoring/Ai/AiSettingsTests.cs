using PatchBuild.Core.Authoring.Ai;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Authoring.Ai;

/// <summary>
/// The "ai" section goes through the one settings loader with its strict policy, and the endpoint is resolved in
/// a documented order. The base URL receives the key: anything but http(s), credentials in it, or (from a
/// repository's file) plain http to another machine is refused.
/// </summary>
public sealed class AiSettingsTests
{
    [Fact]
    public void The_ai_section_is_read_with_every_setting()
    {
        var config = PatchBuildConfigLoader.Parse("""
            { "ai": { "model": "gpt-test", "baseUrl": "http://127.0.0.1:8080/v1", "maxAttempts": 5, "timeoutSeconds": 30 } }
            """, "patchbuild.json");

        Assert.Equal("gpt-test", config.Ai.Model);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1"), config.Ai.BaseUrl);
        Assert.Equal(5, config.Ai.MaxAttempts);
        Assert.Equal(30, config.Ai.TimeoutSeconds);
        Assert.Equal(AiSettings.Default, PatchBuildConfigLoader.Parse("{}").Ai);
    }

    [Theory]
    [InlineData("""{ "ai": [] }""", "ai must be a JSON object")]
    [InlineData("""{ "ai": { "apiKey": "sk-123" } }""", "unknown setting 'apiKey' in ai")]
    [InlineData("""{ "ai": { "key": "sk-123" } }""", "unknown setting 'key' in ai")]
    [InlineData("""{ "ai": { "model": 4 } }""", "ai.model is refused: it is not a string")]
    [InlineData("""{ "ai": { "model": "" } }""", "ai.model is refused: it is empty")]
    [InlineData("""{ "ai": { "model": "   " } }""", "ai.model is refused: it is blank")]
    [InlineData("""{ "ai": { "model": "gpt\u0007" } }""", "control characters")]
    [InlineData("""{ "ai": { "baseUrl": "file:///etc/passwd" } }""", "scheme 'file' is not http or https")]
    [InlineData("""{ "ai": { "baseUrl": "ftp://models.example/v1" } }""", "scheme 'ftp'")]
    [InlineData("""{ "ai": { "baseUrl": "javascript:alert(1)" } }""", "ai.baseUrl is refused")]
    [InlineData("""{ "ai": { "baseUrl": "gopher://127.0.0.1:70/" } }""", "scheme 'gopher'")]
    [InlineData("""{ "ai": { "baseUrl": "/v1" } }""", "ai.baseUrl is refused")]
    [InlineData("""{ "ai": { "baseUrl": "http://evil.example/v1" } }""", "plain http is allowed only to this machine")]
    [InlineData("""{ "ai": { "baseUrl": "https://user:pass@api.example/v1" } }""", "user name or password")]
    [InlineData("""{ "ai": { "baseUrl": "https://api.example/v1?key=1" } }""", "query or a fragment")]
    [InlineData("""{ "ai": { "baseUrl": "https://api.example/v1 x" } }""", "spaces or control characters")]
    [InlineData("""{ "ai": { "baseUrl": 8080 } }""", "ai.baseUrl is refused: it is not a string")]
    [InlineData("""{ "ai": { "baseUrl": ["https://a/v1"] } }""", "ai.baseUrl is refused: it is not a string")]
    [InlineData("""{ "ai": { "maxAttempts": 0 } }""", "ai.maxAttempts must be a whole number from 1 to 10")]
    [InlineData("""{ "ai": { "maxAttempts": 1000000 } }""", "ai.maxAttempts")]
    [InlineData("""{ "ai": { "maxAttempts": 2.5 } }""", "ai.maxAttempts")]
    [InlineData("""{ "ai": { "maxAttempts": "3" } }""", "ai.maxAttempts")]
    [InlineData("""{ "ai": { "timeoutSeconds": 0 } }""", "ai.timeoutSeconds")]
    [InlineData("""{ "ai": { "timeoutSeconds": 99999999999 } }""", "ai.timeoutSeconds")]
    [InlineData("""{ "ai": { "timeoutSeconds": null } }""", "ai.timeoutSeconds")]
    public void A_wrong_ai_setting_is_INVALID_CONFIG_naming_it(string json, string named)
    {
        var ex = Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse(json, "/repo/patchbuild.json"));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains(named, ex.Error.Message);
        Assert.NotNull(ex.Error.Hint);
    }

    [Fact]
    public void Huge_values_are_refused()
    {
        string longModel = new('m', AiSettings.MaxModelLength + 1);
        string longUrl = "https://api.example/" + new string('v', AiSettings.MaxBaseUrlLength);
        Assert.Contains("longer than", Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse($$"""{ "ai": { "model": "{{longModel}}" } }""")).Error.Message);
        Assert.Contains("longer than", Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse($$"""{ "ai": { "baseUrl": "{{longUrl}}" } }""")).Error.Message);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("http://localhost:8080/v1")]
    [InlineData("http://127.0.0.1:11434/v1")]
    [InlineData("http://[::1]:8080/v1")]
    public void Https_anywhere_and_http_to_this_machine_are_accepted(string url)
    {
        var config = PatchBuildConfigLoader.Parse($$"""{ "ai": { "baseUrl": "{{url}}" } }""");
        Assert.Equal(new Uri(url), config.Ai.BaseUrl);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_model_comes_from_the_option_then_the_file_then_the_environment()
    {
        var file = new AiSettings { Model = "from-file" };
        var env = Env((AiEndpoint.ModelVariable, "from-env"));

        Assert.Equal("from-option", AiEndpoint.Resolve(file, "from-option", null, env).Model);
        Assert.Equal("from-file", AiEndpoint.Resolve(file, null, null, env).Model);
        Assert.Equal("from-env", AiEndpoint.Resolve(AiSettings.Default, null, null, env).Model);
    }

    [Fact]
    public void OPENAI_BASE_URL_wins_over_the_file_which_wins_over_the_default()
    {
        var file = new AiSettings { Model = "m", BaseUrl = new Uri("http://127.0.0.1:9/v1") };

        var fromEnv = AiEndpoint.Resolve(file, null, null, Env((AiEndpoint.BaseUrlVariable, "http://10.0.0.5:8080/v1")));
        var fromFile = AiEndpoint.Resolve(file, null, null, Env());
        var byDefault = AiEndpoint.Resolve(new AiSettings { Model = "m" }, null, null, Env());

        Assert.Equal(new Uri("http://10.0.0.5:8080/v1"), fromEnv.BaseUrl);
        Assert.Equal(AiEndpoint.BaseUrlVariable, fromEnv.BaseUrlSource);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), fromFile.BaseUrl);
        Assert.Equal(AiEndpoint.DefaultBaseUrl, byDefault.BaseUrl);
        Assert.Equal(new Uri("http://10.0.0.5:8080/v1/chat/completions"), fromEnv.ChatCompletionsUrl);
    }

    [Theory]
    [InlineData("file:///tmp/socket")]
    [InlineData("not a url")]
    [InlineData("https://me:secret@api.example/v1")]
    public void A_bad_OPENAI_BASE_URL_is_refused(string url)
    {
        var ex = Assert.Throws<PatchException>(() => AiEndpoint.Resolve(new AiSettings { Model = "m" }, null, null, Env((AiEndpoint.BaseUrlVariable, url))));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains(AiEndpoint.BaseUrlVariable, ex.Error.Message);
    }

    [Fact]
    public void The_timeout_comes_from_the_option_then_the_file_then_two_minutes()
    {
        var file = new AiSettings { Model = "m", TimeoutSeconds = 7 };
        Assert.Equal(TimeSpan.FromSeconds(3), AiEndpoint.Resolve(file, null, 3, Env()).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(7), AiEndpoint.Resolve(file, null, null, Env()).Timeout);
        Assert.Equal(AiEndpoint.DefaultTimeout, AiEndpoint.Resolve(new AiSettings { Model = "m" }, null, null, Env()).Timeout);
    }

    [Theory]
    [InlineData("{}", "must hold a JSON array")]
    [InlineData("[]", "holds 0 entries")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""[ "src/A.cs" ]""", "must be an object")]
    [InlineData("""[ { "file": "src/A.cs" } ]""", "\"instruction\" must be a non-empty string")]
    [InlineData("""[ { "instruction": "x" } ]""", "\"file\" must be a non-empty string")]
    [InlineData("""[ { "file": 3, "instruction": "x" } ]""", "\"file\" must be a non-empty string")]
    [InlineData("""[ { "file": "", "instruction": "x" } ]""", "\"file\" must be a non-empty string")]
    [InlineData("""[ { "file": "a\u0000b", "instruction": "x" } ]""", "control characters")]
    [InlineData("""[ { "file": "src/A.cs", "instruction": "x", "model": "other" } ]""", "unknown key 'model'")]
    [InlineData("""[[[[[[[[[[ ]]]]]]]]]]""", "not valid JSON")]
    public void A_bad_plan_is_refused_with_its_shape_in_the_hint(string json, string named)
    {
        var ex = Assert.Throws<PatchException>(() => AiPlanFile.Parse(json, "plan.json"));
        Assert.Contains(named, ex.Error.Message);
        Assert.Contains("\"file\"", ex.Error.Hint);
    }

    [Fact]
    public void A_plan_with_too_many_entries_or_a_huge_instruction_is_refused()
    {
        string many = "[" + string.Join(",", Enumerable.Range(0, AiPlanFile.MaxEntries + 1).Select(i => $$"""{"file":"f{{i}}.cs","instruction":"x"}""")) + "]";
        string huge = $$"""[{"file":"a.cs","instruction":"{{new string('x', AiTask.MaxInstructionLength + 1)}}"}]""";
        Assert.Contains($"holds {AiPlanFile.MaxEntries + 1} entries", Assert.Throws<PatchException>(() => AiPlanFile.Parse(many, "plan.json")).Error.Message);
        Assert.Contains("longer than", Assert.Throws<PatchException>(() => AiPlanFile.Parse(huge, "plan.json")).Error.Message);
    }
}
