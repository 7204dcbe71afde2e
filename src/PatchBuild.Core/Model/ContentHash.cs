using System.Security.Cryptography;
using System.Text;

namespace PatchBuild.Core.Model;

/// <summary>SHA-256 as lowercase hex: the identity of file contents and patch texts in the journal.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfText(string text) => Of(Encoding.UTF8.GetBytes(text));
}
