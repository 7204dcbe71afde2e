using System.Runtime.CompilerServices;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// File bytes decoded to text once per run, for every reader: planning decodes a file to edit it, then the syntax
/// check, the safety rules and the size policy read the same bytes as text again (decoding each file three times was
/// a tenth of a many-file apply's allocations). Keyed by the array itself, so entries go when their bytes do and
/// other bytes never get this text; safe to read from several threads.
/// </summary>
internal static class DecodedTexts
{
    private static readonly ConditionalWeakTable<byte[], string> Texts = new();

    /// <summary>The text of <paramref name="bytes"/> as <see cref="FileEncoding.Decode"/> gives it.</summary>
    public static string Of(byte[] bytes) => Texts.GetValue(bytes, static b => FileEncoding.Decode(b).Text);
}
