using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatchBuild.Core.State;

/// <summary>
/// Appends to the journal. Each record is one JSON line flushed to disk before the call returns, so a record the
/// caller saw written survives a crash. A torn last line (a crash mid-append) is fenced off with a newline before the
/// next append. Every record is stamped with this machine's identity: it is what makes the record ours.
/// </summary>
public sealed class JournalWriter(string path, MachineIdentity? identity = null)
{
    public const string FileName = "history.jsonl";

    private readonly MachineIdentity _identity = identity ?? MachineIdentity.Current;

    public string Path { get; } = path;

    public void Append(JournalRecord record)
    {
        record.Host = _identity.Host;
        record.User = _identity.User;
        // Written as UTF-8 directly: a commit of a thousand files has a "begin" line of hundreds of kilobytes.
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Default.JournalRecord);
        StateFolder.RefuseLink(Path);
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
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }
}

// Source-generated serialization: no reflection warm-up in every short-lived `patchbuild` process.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalRecord))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
