using System.Text;
using PatchBuild.Core.Authoring;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Authoring;

/// <summary>
/// `new --replace OLD --with NEW` where OLD is part of one line, not whole lines: the written patch, applied by the
/// engine, changes exactly that text and keeps every other byte; anything not found exactly once stays an error.
/// </summary>
public sealed class InLineReplaceTests
{
    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\r\n", true)]
    public async Task Text_inside_one_line_is_replaced_and_every_other_byte_kept(string newline, bool bom)
    {
        string text = string.Join(newline, "namespace App;", "", "public class User", "{", "    public string Name { get; set; } = \"\";", "    public int Age { get; set; }", "}", "");
        byte[] before = Bytes(text, bom);
        var patch = PatchAuthoring.Replace("User.cs", before, "public string Name", "public required string Name");

        byte[] after = await ApplyAsync(before, patch.Text);

        Assert.Equal(Bytes(text.Replace("public string Name", "public required string Name", StringComparison.Ordinal), bom), after);
    }

    [Fact]
    public void Text_found_twice_inside_lines_is_still_not_found()
    {
        byte[] before = Bytes("class A\n{\n    int X = 1;\n    int Y = 1;\n}\n", bom: false);
        var error = Assert.Throws<PatchException>(() => PatchAuthoring.Replace("A.cs", before, "= 1", "= 2"));
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Error.Code);
    }

    [Theory]
    [InlineData("int X = 1;\n    int Y", "int Z")]
    [InlineData("= 1", "= 2;\nint W = 3")]
    [InlineData("not there", "x")]
    public void Multi_line_or_missing_text_is_not_spliced(string oldText, string newText)
    {
        byte[] before = Bytes("class A\n{\n    int X = 1;\n    int Y = 2;\n}\n", bom: false);
        var error = Assert.Throws<PatchException>(() => PatchAuthoring.Replace("A.cs", before, oldText, newText));
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Error.Code);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_never_spliced()
    {
        byte[] before = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("class A\n{\n    int X = 1;\n}\n")).ToArray();
        var error = Assert.Throws<PatchException>(() => PatchAuthoring.Replace("A.cs", before, "X = 1", "X = 2"));
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Error.Code);
    }

    private static byte[] Bytes(string text, bool bom) =>
        (bom ? Encoding.UTF8.GetPreamble() : []).Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();

    private static async Task<byte[]> ApplyAsync(byte[] before, string patch)
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "User.cs"), before);
        string file = Path.Combine(Path.GetTempPath(), "pb-inline-" + Guid.NewGuid().ToString("N")[..10] + ".ap");
        File.WriteAllText(file, patch);
        try
        {
            var result = await new PatchEngine().ApplyFilesAsync([file], new ApplyOptions { Root = folder.Path, Force = true, RecordHistory = false });
            Assert.True(result.Success, result.Error?.Message);
            return File.ReadAllBytes(Path.Combine(folder.Path, "User.cs"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
