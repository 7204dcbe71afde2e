using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// patch.json text no .NET string can hold: a lone surrogate escape is refused as INVALID_PATCH_FILE with a line and a
/// hint, by a real patchbuild process, and the tree is untouched. It used to end the process with an unhandled exception.
/// </summary>
public sealed class PatchJsonInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("""{"patches":[{"file_path":"a.txt","diff":"--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-hello\n+hi \ud800 there\n"}]}""", 1)]
    [InlineData("{\n  \"patches\": [\n    { \"file_path\": \"a\\udc00.txt\", \"diff\": \"x\" }\n  ]\n}", 3)]
    [InlineData("{\n  \"patches\": [{\n    \"file_path\": \"settings.json\",\n    \"operations\": [{ \"op\": \"add\", \"path\": \"/k\", \"value\": \"\\ud83d\" }]\n  }]\n}", 4)]
    [InlineData("{\n  \"patches\": [{\n    \"file_path\": \"settings.json\",\n    \"operations\": [{ \"op\": \"add\", \"path\": \"/k\", \"value\": { \"\\udfff\": 1 } }]\n  }]\n}", 4)]
    public async Task A_lone_surrogate_is_an_invalid_patch_file_not_a_crash(string patchJson, int line)
    {
        _folder.Write("a.txt", "hello\n");
        _folder.Write("settings.json", "{ }\n");
        string patch = _folder.Write("patch.json", patchJson);

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", patch, "--json");

        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("INVALID_PATCH_FILE", error.GetProperty("code").GetString());
        Assert.Contains("surrogate", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("hint").GetString()));
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Equal("hello\n", _folder.Read("a.txt"));
        Assert.Equal("{ }\n", _folder.Read("settings.json"));
    }

    [Fact]
    public async Task A_surrogate_pair_escape_is_ordinary_text()
    {
        _folder.Write("settings.json", "{ }\n");
        string patch = _folder.Write("patch.json", "{\"patches\":[{\"file_path\":\"settings.json\",\"operations\":[{\"op\":\"add\",\"path\":\"/smile\",\"value\":\"\\ud83d\\ude00\"}]}]}");

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", patch, "--json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        using var written = JsonDocument.Parse(_folder.Read("settings.json"));
        Assert.Equal("\U0001F600", written.RootElement.GetProperty("smile").GetString());
    }
}
