using System.Text;
using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Where each entry of "patches" and each of its operations starts in the patch file (1-based lines), so errors
/// point at the patch text. One forward pass of the reader; line counting is incremental.
/// </summary>
internal sealed class PatchJsonLines
{
    private readonly List<int> _entries = [];
    private readonly List<List<int>> _operations = [];

    public static PatchJsonLines Read(string text, JsonReaderOptions options)
    {
        var result = new PatchJsonLines();
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, options);
        string? rootProperty = null, entryProperty = null;
        int counted = 0, line = 1;
        try
        {
            while (reader.Read())
            {
                int depth = reader.CurrentDepth;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (depth == 1)
                    {
                        rootProperty = reader.GetString();
                    }
                    else if (depth == 3)
                    {
                        entryProperty = reader.GetString();
                    }

                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject || rootProperty != "patches" || depth is not (2 or 4))
                {
                    continue;
                }

                int at = (int)reader.TokenStartIndex;
                line += bytes.AsSpan(counted, at - counted).Count((byte)'\n');
                counted = at;
                if (depth == 2)
                {
                    result._entries.Add(line);
                    result._operations.Add([]);
                    entryProperty = null;
                }
                else if (entryProperty == "operations" && result._operations.Count > 0)
                {
                    result._operations[^1].Add(line);
                }
            }
        }
        catch (JsonException)
        {
            // The document parser reports syntax errors; lines are best effort.
        }

        return result;
    }

    public int? Entry(int index) => index < _entries.Count ? _entries[index] : null;

    public int? Operation(int entry, int index) => entry < _operations.Count && index < _operations[entry].Count ? _operations[entry][index] : null;
}
