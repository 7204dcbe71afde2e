using System.Text.Json;
using System.Text.Json.Serialization;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.State;

/// <summary>
/// A file's action in the journal, as its word. A word the journal does not know makes the line malformed: the
/// reader reports it with its line number and skips it, like any other line that is not a record.
/// </summary>
internal sealed class JournalActionConverter : JsonConverter<JournalAction>
{
    private const int QuotedAtMost = 40;

    public override JournalAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a file's action is {reader.TokenType}, not a word");
        }

        string? word = reader.GetString();
        if (ReportWords.TryParseJournalAction(word, out var action))
        {
            return action;
        }

        // The line is untrusted: quote only the start of what it holds.
        string quoted = word is { Length: > QuotedAtMost } ? word[..QuotedAtMost] + "…" : word ?? "";
        throw new JsonException($"unknown file action '{quoted}'");
    }

    public override void Write(Utf8JsonWriter writer, JournalAction value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Word());
}
