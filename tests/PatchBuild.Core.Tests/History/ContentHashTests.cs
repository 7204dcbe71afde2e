using System.Security.Cryptography;
using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.History;

/// <summary>
/// The journal names a patch by the hash of its text's UTF-8 bytes. Long texts are encoded a chunk at a time; the
/// hash must be the one of the whole text's bytes, whatever falls on a chunk's edge.
/// </summary>
public class ContentHashTests
{
    private static string Reference(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Lone surrogates do not survive xUnit's serialization of theory data, so cases name their unit by index.
    private static readonly string[] Units = ["a", "é", "\U0001F600", "\uD800", "\uDC00x", "\r\n"];

    public static TheoryData<int, int> Texts()
    {
        var data = new TheoryData<int, int>();
        foreach (int length in new[] { 2, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000 })
        {
            for (int unit = 0; unit < Units.Length; unit++)
            {
                data.Add(length, unit);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_hash_of_a_text_is_the_hash_of_all_its_UTF8_bytes(int length, int unit)
    {
        // An odd prefix shifts every surrogate pair so some straddle a chunk's edge.
        var text = new StringBuilder("p");
        while (text.Length < length)
        {
            text.Append(Units[unit]);
        }

        Assert.Equal(Reference(text.ToString()), ContentHash.OfText(text.ToString()));
    }

    [Fact]
    public void An_empty_text_has_the_hash_of_no_bytes() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.OfText(""));
}
