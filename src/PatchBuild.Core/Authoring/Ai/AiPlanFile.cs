using System.Text.Json;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// plan.json for `patchbuild ai --plan`: a JSON array of {"file": "src/A.cs", "instruction": "..."}, every file
/// relative to the root. All entries become one patch, applied all or nothing.
/// </summary>
public static class AiPlanFile
{
    public const int MaxEntries = 50;
    public const long MaxBytes = 1024 * 1024;

    public static IReadOnlyList<AiTask> Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw Error($"Plan file not found: '{path}'.", "Check the --plan path; it is relative to the current folder.", path);
        }

        Workspace.SpecialFiles.EnsureNotSpecial(full, full, isPatchFile: true);
        long size = new FileInfo(full).Length;
        if (size > MaxBytes)
        {
            throw Error($"Plan file '{path}' is {size} bytes; at most {MaxBytes} are read.", "A plan lists files and short instructions; split a larger one into several runs.", path);
        }

        return Parse(File.ReadAllText(full), path);
    }

    public static IReadOnlyList<AiTask> Parse(string text, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw Error($"Plan file '{path}' is not valid JSON: {ex.Message}", Shape, path);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw Error($"Plan file '{path}' must hold a JSON array.", Shape, path);
            }

            int count = root.GetArrayLength();
            if (count == 0 || count > MaxEntries)
            {
                throw Error($"Plan file '{path}' holds {count} entries; give 1 to {MaxEntries}.", Shape, path);
            }

            var tasks = new List<AiTask>();
            int index = 0;
            foreach (var entry in root.EnumerateArray())
            {
                string where = $"'{path}' entry {index}";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw Error($"{where} must be an object.", Shape, path);
                }

                foreach (var unknown in entry.EnumerateObject().Where(p => p.Name is not ("file" or "instruction")))
                {
                    throw Error($"{where}: unknown key '{unknown.Name}'.", Shape, path);
                }

                string file = RequiredString(entry, "file", where, path);
                string instruction = RequiredString(entry, "instruction", where, path);
                if (instruction.Length > AiTask.MaxInstructionLength)
                {
                    throw Error($"{where}: the instruction is longer than {AiTask.MaxInstructionLength} characters.", "Keep each instruction to what one patch does.", path);
                }

                tasks.Add(new AiTask(file, instruction));
                index++;
            }

            return tasks;
        }
    }

    private const string Shape = "Write a JSON array of {\"file\": \"src/Models/User.cs\", \"instruction\": \"Add a Phone property\"}, files relative to the root.";

    private static string RequiredString(JsonElement entry, string name, string where, string path)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error($"{where}: \"{name}\" must be a non-empty string.", Shape, path);
        }

        string text = value.GetString()!;
        if (name == "file" && text.Any(char.IsControl))
        {
            throw Error($"{where}: \"file\" holds control characters.", Shape, path);
        }

        return text;
    }

    private static PatchException Error(string message, string hint, string path) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, message) { PatchFile = path, Hint = hint });
}
