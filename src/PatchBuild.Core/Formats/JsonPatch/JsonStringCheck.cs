using System.Text;
using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Finds a string (or member name) no .NET string can hold: JSON lets "\ud800" stand alone, but a lone surrogate is
/// not text, and System.Text.Json throws InvalidOperationException the moment such a string is read. Checked once,
/// before anything reads a value, so the patch is refused with a line instead of crashing the run.
/// </summary>
internal static class JsonStringCheck
{
    /// <summary>The 1-based line of the first unreadable string, or null when every string is text.</summary>
    public static int? FirstLoneSurrogate(string text, JsonReaderOptions options)
    {
        // Only an escape can produce a lone surrogate: the text itself was decoded from valid UTF-8.
        if (!text.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                {
                    continue;
                }

                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are the document parser's to report.
        }

        return null;
    }
}
