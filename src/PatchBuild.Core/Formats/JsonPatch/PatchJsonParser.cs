using System.Text.Json;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Reads a patch.json ({"patches":[{"file_path", "diff", "operations"}]}) into the common model. Only the shape is
/// judged here, with the disk untouched: whether the operations fit the target file is decided when they apply.
/// </summary>
internal static class PatchJsonParser
{
    // Entry values sit five levels down (root, patches, entry, operations, operation); they may nest as deep as a target.
    private const int MaxDepth = Jsonc.JsoncParser.MaxDepth + 8;

    public static JsonDocumentOptions DocumentOptions(bool strict) => new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = !strict,
        MaxDepth = MaxDepth,
    };

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions(options.Strict));
        }
        catch (JsonException ex)
        {
            throw Shape($"The patch file is not valid JSON: {ex.Message}", "Check the JSON syntax (quotes, commas, brackets); strings must escape line breaks as \\n.",
                line: (int?)(ex.LineNumber + 1));
        }

        using (document)
        {
            var readerOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxDepth };
            if (JsonStringCheck.FirstLoneSurrogate(text, readerOptions) is { } badLine)
            {
                throw Shape("The patch file holds a string with a lone surrogate escape (such as \\ud800 without its pair): that is not text.",
                    "Write characters outside the basic plane as a surrogate pair (\\ud83d\\ude00) or as the character itself, and remove stray \\udXXX escapes.",
                    line: badLine);
            }

            var lines = PatchJsonLines.Read(text, readerOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("patches", out var patches) || patches.ValueKind != JsonValueKind.Array)
            {
                throw Shape("The patch file is JSON but not a patch.json: it needs a top-level object with a \"patches\" array.",
                    "Write {\"patches\": [{\"file_path\": \"appsettings.json\", \"operations\": [{\"op\": \"replace\", \"path\": \"/Logging/LogLevel/Default\", \"value\": \"Debug\"}]}]}.");
            }

            string? summary = null;
            foreach (string name in (ReadOnlySpan<string>)["summary", "instruction"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    summary = value.GetString();
                    break;
                }
            }

            var files = new List<FileChange>();
            var warnings = new List<PatchWarning>();
            int index = 0;
            foreach (var entry in patches.EnumerateArray())
            {
                if (ParseEntry(entry, index, lines, options) is { } change)
                {
                    files.Add(change);
                }
                else
                {
                    string target = entry.GetProperty("file_path").GetString()!;
                    warnings.Add(EmptyPatch($"patches[{index}].operations is empty: '{target}' is left as it is.", lines.Entry(index)) with { File = target });
                }

                index++;
            }

            if (index == 0)
            {
                warnings.Add(EmptyPatch("The \"patches\" array is empty: the patch changes nothing.", null));
            }

            return new PatchSet(PatchFormat.PatchJson, files) { Summary = summary, Warnings = warnings };
        }
    }

    /// <summary>The entry's change; null for an entry whose operations are empty (and that has no diff).</summary>
    private static FileChange? ParseEntry(JsonElement entry, int index, PatchJsonLines lines, ParseOptions options)
    {
        int? line = lines.Entry(index);
        string at = $"patches[{index}]";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Shape($"{at} is {Describe(entry)}, not an object.", "Each entry is an object: {\"file_path\": ..., \"operations\": [...]} or {\"file_path\": ..., \"diff\": ...}.", line, index);
        }

        if (!entry.TryGetProperty("file_path", out var pathValue) || pathValue.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(pathValue.GetString()))
        {
            throw Shape($"{at} has no \"file_path\" string.", $"Give the target file's path, {PatchRoot.Description}, e.g. \"src/App/appsettings.json\".", line, index);
        }

        string filePath = pathValue.GetString()!;
        if (options.Strict)
        {
            foreach (var property in entry.EnumerateObject())
            {
                if (property.Name is not ("file_path" or "diff" or "operations" or "description"))
                {
                    throw Shape($"{at} has an unknown member \"{property.Name}\" (strict mode).", "An entry holds file_path, operations and/or diff (and an optional description).", line, index);
                }
            }
        }

        string? diff = null;
        if (entry.TryGetProperty("diff", out var diffValue) && diffValue.ValueKind != JsonValueKind.Null)
        {
            if (diffValue.ValueKind != JsonValueKind.String)
            {
                throw Shape($"{at}.diff is {Describe(diffValue)}, not a string.", "Give the unified diff as one JSON string, with line breaks written as \\n.", line, index);
            }

            diff = diffValue.GetString();
        }

        List<JsonPatchOperation>? operations = null;
        if (entry.TryGetProperty("operations", out var opsValue) && opsValue.ValueKind != JsonValueKind.Null)
        {
            if (opsValue.ValueKind != JsonValueKind.Array)
            {
                throw Shape($"{at}.operations is {Describe(opsValue)}, not an array.", "Give the RFC 6902 operations as an array: [{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}].", line, index);
            }

            operations = [];
            int opIndex = 0;
            foreach (var op in opsValue.EnumerateArray())
            {
                operations.Add(ParseOperation(op, index, opIndex, lines.Operation(index, opIndex) ?? line));
                opIndex++;
            }

            // RFC 6902 allows an empty patch document: it leaves the target as it is.
            if (operations.Count == 0 && string.IsNullOrEmpty(diff))
            {
                return null;
            }
        }

        if (operations is null && string.IsNullOrEmpty(diff))
        {
            throw Shape($"{at} ('{filePath}') has neither \"operations\" nor \"diff\".", "Give RFC 6902 operations (JSON and YAML files) or a unified diff (any text file).", line, index);
        }

        int entryLine = line ?? 0;
        var diffChange = diff is null ? null : PatchJsonDiffBridge.Parse(diff, filePath, index, entryLine, options with { });
        if (operations is null)
        {
            return diffChange!;
        }

        var modification = new JsonPatchModification(operations)
        {
            Number = index + 1,
            PatchLine = entryLine,
            RawText = entry.GetRawText(),
            EntryIndex = index,
            ExpectedDiff = diffChange?.Modifications,
        };
        return new FileChange(filePath, FileChangeKind.Modify) { Modifications = [modification], PatchLine = entryLine };
    }

    private static JsonPatchOperation ParseOperation(JsonElement op, int entry, int index, int? line)
    {
        string at = $"patches[{entry}].operations[{index}]";
        if (op.ValueKind != JsonValueKind.Object)
        {
            throw Shape($"{at} is {Describe(op)}, not an object.", "Each operation is an object such as {\"op\": \"replace\", \"path\": \"/a\", \"value\": 1}.", line, entry, index);
        }

        string? name = op.TryGetProperty("op", out var opValue) && opValue.ValueKind == JsonValueKind.String ? opValue.GetString() : null;
        JsonPatchOperationKind kind = name switch
        {
            "add" => JsonPatchOperationKind.Add,
            "remove" => JsonPatchOperationKind.Remove,
            "replace" => JsonPatchOperationKind.Replace,
            "move" => JsonPatchOperationKind.Move,
            "copy" => JsonPatchOperationKind.Copy,
            "test" => JsonPatchOperationKind.Test,
            null => throw Shape($"{at} has no \"op\" string.", "Say what the operation does: \"op\" is add, remove, replace, move, copy or test.", line, entry, index),
            _ => throw Shape($"{at} has the unknown op \"{name}\".", "\"op\" is one of add, remove, replace, move, copy, test (lower case).", line, entry, index, name),
        };

        string path = Pointer(op, "path", at, name!, line, entry, index)
            ?? throw Shape($"{at} ({name}) has no \"path\".", "Every operation needs \"path\", a JSON Pointer such as \"/Logging/LogLevel/Default\" (\"\" is the whole document).", line, entry, index, name);

        string? from = null;
        if (kind is JsonPatchOperationKind.Move or JsonPatchOperationKind.Copy)
        {
            from = Pointer(op, "from", at, name!, line, entry, index)
                ?? throw Shape($"{at} ({name} to \"{path}\") has no \"from\".", $"\"{name}\" needs \"from\", the JSON Pointer of the value to {name}.", line, entry, index, name);
        }

        string? value = null;
        if (kind is JsonPatchOperationKind.Add or JsonPatchOperationKind.Replace or JsonPatchOperationKind.Test)
        {
            if (!op.TryGetProperty("value", out var valueElement))
            {
                throw Shape($"{at} ({name} \"{path}\") has no \"value\".", $"\"{name}\" needs \"value\" (any JSON value; write null for null).", line, entry, index, name);
            }

            value = valueElement.GetRawText();
        }

        return new JsonPatchOperation(kind, path) { Index = index, Line = line, From = from, ValueJson = value };
    }

    private static string? Pointer(JsonElement op, string member, string at, string name, int? line, int entry, int index)
    {
        if (!op.TryGetProperty(member, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Shape($"{at} ({name}) has a \"{member}\" that is {Describe(value)}, not a string.", "A JSON Pointer is a string such as \"/items/0\".", line, entry, index, name);
        }

        string text = value.GetString()!;
        if (JsonPointer.TryParse(text, out string? problem) is null)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPointer, $"{at} ({name}) has an invalid \"{member}\" pointer \"{text}\": {problem}.")
            {
                Line = line,
                Hint = "Write RFC 6901 pointers: \"/a/b\" for member b of a, \"/list/0\" for the first element; escape '~' as '~0' and '/' as '~1'.",
                Context = Context(entry, index, name),
            });
        }

        return text;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static Dictionary<string, object?> Context(int? entry, int? operation, string? op)
    {
        var context = new Dictionary<string, object?>();
        if (entry is not null)
        {
            context["entry"] = entry;
        }

        if (operation is not null)
        {
            context["operation"] = operation;
        }

        if (op is not null)
        {
            context["op"] = op;
        }

        return context;
    }

    public const string EmptyPatchWarning = "EMPTY_PATCH";

    private static PatchWarning EmptyPatch(string message, int? line) => new(EmptyPatchWarning, message + " (an empty patch is valid JSON Patch; nothing is applied)") { Line = line };

    private static PatchException Shape(string message, string hint, int? line = null, int? entry = null, int? operation = null, string? op = null) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, message) { Hint = hint, Line = line, Context = Context(entry, operation, op) });
}
