using System.Runtime.CompilerServices;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// File bytes decoded to text for every reader that comes while the text is still in memory: the syntax check, the
/// safety rules and the size policy read the same bytes as text (decoding each file three times was a tenth of a
/// many-file apply's allocations). Keyed by the array itself, so entries go when their bytes do and other bytes never
/// get this text; safe to read from several threads.
/// </summary>
/// <remarks>
/// The text is held weakly. The readers walk the plan file by file, close behind one another, so a text is shared
/// while one of them still uses it; once none does, the collector may take it and a late reader decodes the bytes
/// again (decoding is linear and cheap). Holding every text for the whole run kept twice the plan's size alive and
/// made a 500-file apply touch that much more fresh memory.
/// </remarks>
internal static class DecodedTexts
{
    private static readonly ConditionalWeakTable<byte[], WeakReference<string>> Texts = new();

    /// <summary>The text of <paramref name="bytes"/> as <see cref="FileEncoding.Decode"/> gives it.</summary>
    public static string Of(byte[] bytes)
    {
        var held = Texts.GetValue(bytes, static _ => new WeakReference<string>(null!));
        if (held.TryGetTarget(out string? text))
        {
            return text;
        }

        // Two threads may both decode the same bytes here; they get equal texts, and either may stay held.
        text = FileEncoding.Decode(bytes).Text;
        held.SetTarget(text);
        return text;
    }
}
