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

    public IReadOnlyList<JournalRecord> ReadAll()
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

        var records = new List<JournalRecord>();
        foreach (string line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalRecord) is { Id.Length: > 0, Type.Length: > 0 } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A line torn by a crash: the record it began was never confirmed, so it never counted.
            }
        }

        return records;
    }
}

// Source-generated serialization: no reflection warm-up in every short-lived `patchbuild` process.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
