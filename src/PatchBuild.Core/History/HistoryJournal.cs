using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchBuild.Core.History;

/// <summary>
/// The append-only journal. Each record is one JSON line flushed to disk before the call returns, so a record the
/// caller saw written survives a crash. A torn last line (a crash mid-append) is skipped when read and fenced off
/// with a newline before the next append.
/// </summary>
public sealed class HistoryJournal(string path)
{
    public const string FileName = "history.jsonl";


    public string Path { get; } = path;

    public void Append(JournalRecord record)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, JournalJsonContext.Default.JournalRecord) + "\n");
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(line);
        stream.Flush(flushToDisk: true);
    }

    public IReadOnlyList<JournalRecord> ReadAll() => Lines().Select(Parse).OfType<JournalRecord>().ToList();

    /// <summary>
    /// Each line's type and id without parsing the rest, and a way to parse it fully. Every apply checks for
    /// unfinished commits and prunes; reading just the headers keeps that cheap when the journal has grown large.
    /// </summary>
    public IReadOnlyList<(string Type, string Id, Func<JournalRecord?> Parse)> ReadHeaders()
    {
        var headers = new List<(string, string, Func<JournalRecord?>)>();
        foreach (string line in Lines())
        {
            if (Header(line) is { } header)
            {
                headers.Add((header.Type, header.Id, () => Parse(line)));
            }
            else if (Parse(line) is { } record)
            {
                headers.Add((record.Type, record.Id, () => record));
            }
        }

        return headers;
    }

    // Records are written with "type" then "id" first; anything else falls back to a full parse.
    private static (string Type, string Id)? Header(string line)
    {
        const string typePrefix = "{\"type\":\"";
        const string idPrefix = "\",\"id\":\"";
        if (!line.StartsWith(typePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        int typeEnd = line.IndexOf('"', typePrefix.Length);
        if (typeEnd < 0 || string.CompareOrdinal(line, typeEnd, idPrefix, 0, idPrefix.Length) != 0)
        {
            return null;
        }

        int idStart = typeEnd + idPrefix.Length;
        int idEnd = line.IndexOf('"', idStart);
        if (idEnd < 0 || !line.EndsWith('}') || line.AsSpan(idStart, idEnd - idStart).ContainsAny("\\"))
        {
            return null;
        }

        return (line[typePrefix.Length..typeEnd], line[idStart..idEnd]);
    }

    private static JournalRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalRecord) is { Id.Length: > 0, Type.Length: > 0 } record ? record : null;
        }
        catch (JsonException)
        {
            // A line torn by a crash: the record it began was never confirmed, so it never counted.
            return null;
        }
    }

    private IEnumerable<string> Lines()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !string.IsNullOrWhiteSpace(l));
    }
}

// Source-generated serialization: no reflection warm-up in every short-lived `patchbuild` process.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
