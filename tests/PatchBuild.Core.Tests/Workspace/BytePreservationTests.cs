using System.Text;
using System.Text.Json;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// Every format, on real files, byte for byte: what a patch does not address keeps its bytes — encoding, byte order
/// mark, each line's own ending — and a file that cannot be read back exactly is refused before anything is planned.
/// </summary>
public sealed class BytePreservationTests : IDisposable
{
    private const string Id = "a0b1c2f9";
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private readonly TempTree _tree = new("bytes-");

    public void Dispose() => _tree.Dispose();

    private static string ApReplace(string file, string snippet, string content) =>
        $"{Id} AP 3.2\n{Id} FILE\n{file}\n{Id} REPLACE\n{Id} snippet\n{snippet}\n{Id} content\n{content}\n{Id} END\n";

    private async Task<ApplyResult> ApplyPatchBytes(string patchName, byte[] patch, bool dryRun = false)
    {
        _tree.WriteBytes(patchName, patch);
        var result = await Engine.Create().ApplyFilesAsync([_tree.PathOf(patchName)], new ApplyOptions { Root = _tree.Root, DryRun = dryRun });
        File.Delete(_tree.PathOf(patchName));
        return result;
    }

    private Task<ApplyResult> ApplyPatch(string patchName, string patch, bool dryRun = false) =>
        ApplyPatchBytes(patchName, Encoding.UTF8.GetBytes(patch), dryRun);

    private byte[] Bytes(string file) => File.ReadAllBytes(_tree.PathOf(file));

    [Fact]
    public async Task Latin1_file_edited_by_ap_on_one_line_keeps_every_other_byte()
    {
        byte[] original = Latin1.GetBytes("// caf\u00e9 cr\u00e8me\nint a = 1;\nint b = 2;\n");
        _tree.WriteBytes("f.cs", original);

        var dry = await ApplyPatch("afix.ap", ApReplace("f.cs", "int b = 2;", "int b = 3;"), dryRun: true);
        Assert.True(dry.Success, dry.Error?.Message);
        // The untouched Latin-1 line is context, unchanged: its bytes 0xE9 and 0xE8 are kept (as escapes), never U+FFFD.
        Assert.Contains("\n // caf\uDCE9 cr\uDCE8me\n", dry.Diff);
        Assert.DoesNotContain("-// caf", dry.Diff);
        Assert.DoesNotContain("\uFFFD", dry.Diff);
        Assert.Contains("-int b = 2;\n+int b = 3;", dry.Diff);
        Assert.Equal(original, Bytes("f.cs"));

        var result = await ApplyPatch("afix.ap", ApReplace("f.cs", "int b = 2;", "int b = 3;"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Latin1.GetBytes("// caf\u00e9 cr\u00e8me\nint a = 1;\nint b = 3;\n"), Bytes("f.cs"));
        Assert.DoesNotContain("\uFFFD", Latin1.GetString(Bytes("f.cs")));
    }

    [Fact]
    public async Task Latin1_file_given_utf8_text_by_ap_is_refused_as_ENCODING_before_anything_is_written()
    {
        byte[] original = Latin1.GetBytes("// caf\u00e9\nint a = 1;\n");
        _tree.WriteBytes("f.cs", original);
        foreach (bool dryRun in new[] { true, false })
        {
            var result = await ApplyPatch("afix.ap", ApReplace("f.cs", "int a = 1;", "string a = \"cr\u00e8me\";"), dryRun);
            Assert.False(result.Success);
            Assert.Equal(ErrorCodes.Encoding, result.Error!.Code);
            Assert.Contains("0xE9", result.Error.Message);
            Assert.Contains("\u00e8", result.Error.Message);
            Assert.NotNull(result.Error.Hint);
            Assert.Equal(original, Bytes("f.cs"));
        }

        Assert.False(Directory.Exists(Path.Combine(_tree.Root, ".patchbuild", "backups")) && Directory.EnumerateFiles(Path.Combine(_tree.Root, ".patchbuild", "backups"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_stray_invalid_byte_in_a_utf8_file_survives_and_the_file_still_takes_utf8_text()
    {
        byte[] original = [.. Encoding.UTF8.GetBytes("// na\u00efve\n"), 0xFF, 0xC3, (byte)'\n', .. Encoding.UTF8.GetBytes("x = 1\n")];
        _tree.WriteBytes("f.txt", original);
        var result = await ApplyPatch("afix.ap", ApReplace("f.txt", "x = 1", "x = \u00e9"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal([.. Encoding.UTF8.GetBytes("// na\u00efve\n"), 0xFF, 0xC3, (byte)'\n', .. Encoding.UTF8.GetBytes("x = \u00e9\n")], Bytes("f.txt"));
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public async Task Utf16_files_are_edited_in_utf16_with_their_byte_order_mark(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        byte[] Encode(string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        _tree.WriteBytes("f.cs", Encode("// \u00e9t\u00e9\r\nint a = 1;\nint b = 2;\r\n"));
        var result = await ApplyPatch("afix.ap", ApReplace("f.cs", "int b = 2;", "int b = \u00e9;"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Encode("// \u00e9t\u00e9\r\nint a = 1;\nint b = \u00e9;\r\n"), Bytes("f.cs"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0, (byte)'\n' }, "odd number of bytes")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0, 0, (byte)'a', 0, 0, 0 }, "UTF-32")]
    public async Task Files_that_cannot_be_read_back_exactly_are_refused_as_ENCODING_in_dry_run_too(byte[] original, string reason)
    {
        _tree.WriteBytes("f.txt", original);
        foreach (bool dryRun in new[] { true, false })
        {
            var result = await ApplyPatch("afix.ap", ApReplace("f.txt", "a", "b"), dryRun);
            Assert.Equal(ErrorCodes.Encoding, result.Error?.Code);
            Assert.Contains(reason, result.Error!.Message);
            Assert.Equal("f.txt", result.Error.File);
            Assert.Contains("UTF-8", result.Error.Hint);
            Assert.Equal(original, Bytes("f.txt"));
        }
    }

    public static TheoryData<string, string, string> MixedEndingEdits() => new()
    {
        // format, patch file name, patch text: each changes the last line of "a\r\nb\nc\r\n" to "C" and adds "d" after it.
        { "ap", "afix.ap", $"{Id} AP 3.2\n{Id} FILE\nm.txt\n{Id} REPLACE\n{Id} snippet\nc\n{Id} content\nC\nd\n{Id} END\n" },
        { "LF diff", "fix.patch", "--- a/m.txt\n+++ b/m.txt\n@@ -1,3 +1,4 @@\n a\n b\n-c\n+C\n+d\n" },
        { "patch.json diff", "patch.json", "{\"patches\":[{\"file_path\":\"m.txt\",\"diff\":\"@@ -1,3 +1,4 @@\\n a\\n b\\n-c\\n+C\\n+d\\n\"}]}" },
    };

    [Theory]
    [MemberData(nameof(MixedEndingEdits))]
    public async Task Mixed_line_endings_stay_on_untouched_lines_and_new_lines_take_their_neighbours(string format, string patchName, string patch)
    {
        _tree.WriteBytes("m.txt", Encoding.ASCII.GetBytes("a\r\nb\nc\r\n"));
        var result = await ApplyPatch(patchName, patch);
        Assert.True(result.Success, $"{format}: {result.Error?.Message}");
        Assert.Equal("a\r\nb\nC\r\nd\r\n", Encoding.ASCII.GetString(Bytes("m.txt")));
    }

    [Fact]
    public async Task Json_operations_keep_each_lines_ending_in_a_mixed_file()
    {
        _tree.WriteBytes("s.json", Encoding.ASCII.GetBytes("{\r\n  \"a\": 1,\n  \"b\": 2\r\n}\n"));
        var result = await ApplyPatch("patch.json", "{\"patches\":[{\"file_path\":\"s.json\",\"operations\":[{\"op\":\"replace\",\"path\":\"/b\",\"value\":3}]}]}");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\r\n  \"a\": 1,\n  \"b\": 3\r\n}\n", Encoding.ASCII.GetString(Bytes("s.json")));
    }

    [Fact]
    public async Task Yaml_operations_keep_each_lines_ending_and_the_byte_order_mark()
    {
        _tree.WriteBytes("c.yaml", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: caf\u00e9\r\ncount: 1\nlast: x\r\n")]);
        var result = await ApplyPatch("patch.json", "{\"patches\":[{\"file_path\":\"c.yaml\",\"operations\":[{\"op\":\"replace\",\"path\":\"/count\",\"value\":2}]}]}");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: caf\u00e9\r\ncount: 2\nlast: x\r\n")], Bytes("c.yaml"));
    }

    [Fact]
    public async Task Ap_keeps_the_byte_order_mark_and_crlf()
    {
        _tree.WriteBytes("p.cs", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass P {}\r\n")]);
        var result = await ApplyPatch("afix.ap", ApReplace("p.cs", "class P {}", "class P { int x; }"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass P { int x; }\r\n")], Bytes("p.cs"));
    }

    [Fact]
    public async Task A_hand_written_lf_diff_deletes_a_bom_crlf_file_and_edits_another()
    {
        _tree.WriteBytes("gone.cs", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass G {}\r\n")]);
        _tree.WriteBytes("kept.cs", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass K {}\r\n")]);
        var result = await ApplyPatch("fix.patch",
            "--- a/gone.cs\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-using System;\n-class G {}\n" +
            "--- a/kept.cs\n+++ b/kept.cs\n@@ -1,2 +1,2 @@\n-using System;\n+using System.IO;\n class K {}\n");
        Assert.True(result.Success, result.Error?.Message);
        Assert.False(_tree.Exists("gone.cs"));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System.IO;\r\nclass K {}\r\n")], Bytes("kept.cs"));
    }

    [Fact]
    public async Task Dry_run_json_report_of_a_latin1_edit_is_valid_json()
    {
        _tree.WriteBytes("l.txt", Latin1.GetBytes("caf\u00e9\nx\n"));
        var diff = Latin1.GetBytes("--- a/l.txt\n+++ b/l.txt\n@@ -1,2 +1,2 @@\n-caf\u00e9\n+th\u00e9\n x\n");
        var result = await ApplyPatchBytes("fix.patch", diff, dryRun: true);
        Assert.True(result.Success, result.Error?.Message);
        using var report = JsonDocument.Parse(JsonReportWriter.Write(result));
        Assert.Equal(JsonValueKind.Object, report.RootElement.ValueKind);
        Assert.Equal(Latin1.GetBytes("caf\u00e9\nx\n"), Bytes("l.txt"));
    }

    [Fact]
    public async Task A_patch_json_that_is_not_utf8_is_still_refused()
    {
        _tree.WriteBytes("s.json", Encoding.ASCII.GetBytes("{\"a\": 1}\n"));
        var result = await ApplyPatchBytes("patch.json", Latin1.GetBytes("{\"patches\":[{\"file_path\":\"s.json\",\"operations\":[{\"op\":\"replace\",\"path\":\"/a\",\"value\":\"\u00e9\"}]}]}"));
        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error?.Code);
        Assert.Contains("UTF-8", result.Error!.Message);
    }
}
