using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.NoTrace;

/// <summary>
/// The "limits" section of patchbuild.json: a patch file, a patch line or a target file past its limit is refused
/// with LIMIT_EXCEEDED naming the limit and its key, before the work that grows with it, and nothing is written.
/// Small limits are configured and exceeded; the defaults are proven with sparse files, which take no disk space.
/// </summary>
public sealed class InputLimitTests
{
    private static readonly PatchEngine Engine = new();

    private const string Patch = "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nnotes.txt\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nold line\ne4a2f1b8 content\nnew line\ne4a2f1b8 END\n";

    private static void AssertRefused(ApplyResult result, string key, TempFolder folder, IReadOnlyList<string> before)
    {
        Assert.False(result.Success);
        var error = result.Error!;
        Assert.Equal(ErrorCodes.LimitExceeded, error.Code);
        Assert.Equal($"limits.{key}", error.Context["limit"]);
        Assert.Contains($"\"{key}\"", error.Hint);
        Assert.Contains("patchbuild.json", error.Hint);
        Assert.Equal(before, NoTraceTests.Listing(folder.Path));
    }

    [Fact]
    public async Task A_patch_file_over_the_configured_size_is_refused_before_it_is_read()
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", """{"limits": {"maxPatchFileBytes": 100}}""");
        folder.Write("notes.txt", "old line\n");
        string patch = folder.Write("afix.ap", Patch);
        var before = NoTraceTests.Listing(folder.Path);

        var result = await Engine.ApplyFilesAsync([patch], new ApplyOptions());

        AssertRefused(result, InputLimits.MaxPatchFileBytesKey, folder, before);
        Assert.Equal(patch, result.Error!.PatchFile);
    }

    [Theory]
    [InlineData("afix.ap", Patch, 8)]
    [InlineData("fix.patch", "--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-old line\n+new line that is much longer than the limit allows\n", 5)]
    public async Task A_patch_line_over_the_configured_length_is_refused_with_its_line(string name, string text, int line)
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", """{"limits": {"maxLineLength": 40}}""");
        folder.Write("notes.txt", "old line\n");
        string patch = folder.Write(name, text.Replace("new line", "new line " + new string('x', 40)));
        var before = NoTraceTests.Listing(folder.Path);

        var result = await Engine.ApplyFilesAsync([patch], new ApplyOptions());

        AssertRefused(result, InputLimits.MaxLineLengthKey, folder, before);
        Assert.Equal(line, result.Error!.Line);
    }

    [Fact]
    public async Task A_long_line_in_a_patch_json_diff_is_refused_but_long_json_is_not()
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", """{"limits": {"maxLineLength": 200}}""");
        folder.Write("notes.txt", "old line\n");
        folder.Write("a.json", "{\"a\": 1}\n");
        // The whole patch.json is one line longer than the limit: JSON may be written that way.
        string ok = folder.Write("ok.patch.json", $$"""{"summary": "{{new string('s', 300)}}", "patches": [{"file_path": "a.json", "operations": [{"op": "replace", "path": "/a", "value": 2}]}]}""");
        string tooLong = folder.Write("long.patch.json", $$"""{"patches": [{"file_path": "notes.txt", "diff": "@@ -1 +1 @@\n-old line\n+{{new string('y', 300)}}\n"}]}""");
        var before = NoTraceTests.Listing(folder.Path);

        var refused = await Engine.ApplyFilesAsync([tooLong], new ApplyOptions());
        AssertRefused(refused, InputLimits.MaxLineLengthKey, folder, before);
        Assert.Contains("patches[0].diff", refused.Error!.Message);

        var applied = await Engine.ApplyFilesAsync([ok], new ApplyOptions());
        Assert.True(applied.Success, applied.Error?.Message);
    }

    [Fact]
    public async Task A_target_file_over_the_configured_size_is_refused_before_it_is_read()
    {
        using var folder = new TempFolder();
        folder.Write("patchbuild.json", """{"limits": {"maxTargetFileBytes": 1000}}""");
        folder.Write("notes.txt", "old line\n" + new string('z', 2000) + "\n");
        string patch = folder.Write("afix.ap", Patch);
        var before = NoTraceTests.Listing(folder.Path);

        var result = await Engine.ApplyFilesAsync([patch], new ApplyOptions());

        AssertRefused(result, InputLimits.MaxTargetFileBytesKey, folder, before);
        Assert.Equal("notes.txt", result.Error!.File);
    }

    [Fact]
    public async Task The_defaults_refuse_a_200_MB_single_line_patch_and_a_100_MB_target()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("big"));
        string patch = folder.Combine("big/afix.ap");
        string target = folder.Combine("notes.txt");
        // Sparse: the length is set, no block is written. Reading either whole would take hundreds of MB.
        using (var stream = new FileStream(patch, FileMode.CreateNew))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        using (var stream = new FileStream(target, FileMode.CreateNew))
        {
            stream.SetLength(100L * 1024 * 1024);
        }

        string small = folder.Write("afix.ap", Patch);
        var before = NoTraceTests.Listing(folder.Path);

        var bigPatch = await Engine.ApplyFilesAsync([patch], new ApplyOptions());
        var bigTarget = await Engine.ApplyFilesAsync([small], new ApplyOptions());

        AssertRefused(bigPatch, InputLimits.MaxPatchFileBytesKey, folder, before);
        Assert.Contains("16 MiB", bigPatch.Error!.Message);
        AssertRefused(bigTarget, InputLimits.MaxTargetFileBytesKey, folder, before);
    }

    [Theory]
    [InlineData("""{"limits": {"maxLineLength": 0}}""", "at least 1")]
    [InlineData("""{"limits": {"maxPatchFileBytes": "big"}}""", "whole number")]
    [InlineData("""{"limits": {"maxFileSize": 10}}""", "unknown setting 'maxFileSize'")]
    [InlineData("""{"limits": []}""", "must be a JSON object")]
    public void Bad_limits_are_invalid_config(string json, string fragment)
    {
        var ex = Assert.Throws<PatchException>(() => PatchBuildConfigLoader.Parse(json));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Contains(fragment, ex.Error.Message);
    }

    [Fact]
    public void Limits_are_read_beside_the_other_sections_and_default_when_absent()
    {
        var config = PatchBuildConfigLoader.Parse("""{"safety": {"rules": {"PB1004": "off"}}, "limits": {"maxPatchFileBytes": 1024, "maxTargetFileBytes": 5000000000}}""");

        Assert.Equal(1024, config.Limits.MaxPatchFileBytes);
        Assert.Equal(5_000_000_000, config.Limits.MaxTargetFileBytes);
        Assert.Equal(InputLimits.DefaultMaxLineLength, config.Limits.MaxLineLength);
        Assert.Equal(InputLimits.Default, PatchBuildConfigLoader.Parse("{}").Limits);
    }
}
