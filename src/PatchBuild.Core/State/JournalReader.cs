using System.Text;
using System.Text.Json;

namespace PatchBuild.Core.State;

/// <summary>A record and the journal line it was read from (1-based).</summary>
public sealed record JournalLine(int Number, JournalRecord Record);

/// <summary>A journal line that was skipped, and why. <see cref="Torn"/>: cut short by a crash mid-append (expected, not a fault).</summary>
public sealed record JournalProblem(int Line, string Message, bool Torn);

/// <summary>One line's type and id, read without parsing the rest; <see cref="Parse"/> reads the whole record on demand.</summary>
public sealed record JournalHeader(int Line, string Type, string Id, string Text)
{
    /// <summary>The whole record, or null (and why) when the line is not one.</summary>
    public JournalRecord? Parse(out JournalProblem? problem) => JournalReader.Parse(Text, Line, out problem);

    public JournalRecord? Parse() => Parse(out _);
}

/// <summary>What a journal holds: its records in order, and the lines that could not be read.</summary>
public sealed record JournalContents(IReadOnlyList<JournalLine> Lines, IReadOnlyList<JournalProblem> Problems)
{
    public static JournalContents Empty { get; } = new([], []);

    public IEnumerable<JournalRecord> Records => Lines.Select(l => l.Record);
}

/// <summary>
/// Reads the journal. It never throws on content: the journal is a file on disk that anything could have edited, so
/// a line that is not a record (bad JSON, wrong field types, an id that is not an entry id) is skipped and reported
/// with its line number, and every other line still counts. Only a journal that cannot be opened at all fails, with
/// the I/O error.
/// </summary>
public sealed class JournalReader(string path)
{
    public string Path { get; } = path;

    public JournalContents Read()
    {
        var lines = new List<JournalLine>();
        var problems = new List<JournalProblem>();
        foreach (var (number, text) in Lines())
        {
            if (Parse(text, number, out var problem) is { } record)
            {
                lines.Add(new JournalLine(number, record));
            }
            else
            {
                problems.Add(problem!);
            }
        }

        return new JournalContents(lines, problems);
    }

    /// <summary>
    /// Each line's type and id without parsing the rest. Every apply checks for unfinished commits and prunes;
    /// reading just the headers keeps that cheap when the journal has grown large. Malformed lines are left out (and
    /// added to <paramref name="problems"/> when given).
    /// </summary>
    public IReadOnlyList<JournalHeader> ReadHeaders(List<JournalProblem>? problems = null)
    {
        var headers = new List<JournalHeader>();
        foreach (var (number, text) in Lines())
        {
            if (Header(text) is { } header)
            {
                headers.Add(new JournalHeader(number, header.Type, header.Id, text));
            }
            else if (Parse(text, number, out var problem) is { } record)
            {
                headers.Add(new JournalHeader(number, record.Type, record.Id, text));
            }
            else
            {
                problems?.Add(problem!);
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

        string id = line[idStart..idEnd];
        return IsEntryId(id) ? (line[typePrefix.Length..typeEnd], id) : null;
    }

    internal static JournalRecord? Parse(string line, int number, out JournalProblem? problem)
    {
        problem = null;
        JournalRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalRecord);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // A crash mid-append cuts the line before its closing brace; anything else was written by something else.
            bool torn = line.StartsWith('{') && !line.TrimEnd().EndsWith('}');
            problem = new JournalProblem(number, torn ? "cut short (a crash while writing it)" : $"not a journal record: {FirstSentence(ex.Message)}", torn);
            return null;
        }

        if (record is null || record.Type.Length == 0 || !IsEntryId(record.Id))
        {
            problem = new JournalProblem(number, "not a journal record: it lacks a type or a valid entry id", Torn: false);
            return null;
        }

        return record;
    }

    /// <summary>
    /// An entry id names files (the backup pack is "ID.pack"): letters, digits, '-', '_' and '.', not starting with
    /// a dot, so an id read from a forged line can never become a path.
    /// </summary>
    public static bool IsEntryId(string? id) =>
        id is { Length: > 0 and <= 100 } && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    private IEnumerable<(int Number, string Text)> Lines()
    {
        StateFolder.RefuseLink(Path);
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

        return text.Split('\n')
            .Select((line, index) => (Number: index + 1, Text: line.TrimEnd('\r')))
            .Where(l => !string.IsNullOrWhiteSpace(l.Text))
            .ToList();
    }
}
