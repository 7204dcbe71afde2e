using System.Buffers;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Reads the <c># base &lt;path&gt; sha256:&lt;hex&gt;</c> comments <c>patchbuild new</c> writes before the header: the
/// SHA-256 of each file's bytes as the author saw them. Anything that is not exactly that shape is an ordinary comment,
/// never an error: the comment is a hint for a warning, and a hostile one must not change what a patch does.
/// </summary>
internal static class ApBaseComment
{
    public const string Prefix = "# base ";
    private const string HashMark = " sha256:";
    private const int HashLength = 64;

    // A path longer than any file system allows is no path; the bound also keeps a huge comment from costing anything.
    private const int MaxPathLength = 4096;

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The path and lowercase hash a well-formed base comment records, or null.</summary>
    public static (string Path, string Hash)? Read(string line)
    {
        string text = line.TrimEnd('\r');
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > Prefix.Length + MaxPathLength + HashMark.Length + HashLength)
        {
            return null;
        }

        int mark = text.LastIndexOf(HashMark, StringComparison.Ordinal);
        if (mark <= Prefix.Length)
        {
            return null;
        }

        string path = text[Prefix.Length..mark];
        string hash = text[(mark + HashMark.Length)..];
        if (hash.Length != HashLength || hash.AsSpan().IndexOfAnyExcept(Hex) >= 0 || path.Trim().Length == 0 || path.Any(char.IsControl))
        {
            return null;
        }

        return (path, hash.ToLowerInvariant());
    }
}
