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

    public static TheoryData<int, string> Texts()
    {
        var data = new TheoryData<int, string>();
        foreach (int length in new[] { 0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000 })
        {
            foreach (string unit in new[] { "a", "é", "\U0001F600", "\uD800", "\uDC00x", "\r\n" })
            {
                var text = new StringBuilder();
                // An odd prefix shifts every surrogate pair so some straddle a chunk's edge.
                text.Append('p');
                while (text.Length < length)
                {
                    text.Append(unit);
                }

                data.Add(length, text.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_hash_of_a_text_is_the_hash_of_all_its_UTF8_bytes(int length, string text)
    {
        Assert.True(text.Length >= Math.Min(length, 1));
        Assert.Equal(Reference(text), ContentHash.OfText(text));
    }
}
