using System.Text.Json;
using PatchBuild.Core.Formats.JsonPatch.Jsonc;
using PatchBuild.Core.Formats.JsonPatch.Yaml;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;
using YamlDotNet.Core;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Applies one patch.json entry's operations to its file, all or nothing: the operations run on a private copy and
/// the planned text changes only when every one succeeded (and, with a "diff", when both describe the same result).
/// </summary>
public sealed class JsonPatchApplier : IModificationApplier
{
    private static readonly string[] YamlExtensions = [".yml", ".yaml", ".msh"];

    public bool CanApply(Modification modification) => modification is JsonPatchModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var patch = (JsonPatchModification)modification;
        var original = context.Document;
        string file = context.Path.Relative;
        string before = original.ToString();
        bool yaml = IsYaml(file);
        var target = Open(before, original.Newline, yaml, patch, file);
        foreach (var operation in patch.Operations)
        {
            try
            {
                Run(target, operation);
            }
            catch (JsonPatchFailure failure)
            {
                throw new PatchException(OperationError(failure.Code, failure.Message, failure.Hint, patch, operation, file));
            }
            catch (Exception ex) when (ex is InvalidOperationException or JsonException or ArgumentException)
            {
                // A value the JSON reader accepted but cannot turn into text, such as a string holding a lone surrogate.
                throw new PatchException(OperationError(ErrorCodes.InvalidPatchFile, $"the operation's value cannot be used: {ex.Message}",
                    "Write the value as plain JSON text (strings must be valid Unicode).", patch, operation, file));
            }
        }

        string after;
        try
        {
            after = target.Render();
        }
        catch (JsonPatchFailure failure)
        {
            throw new PatchException(new PatchError(failure.Code, $"patches[{patch.EntryIndex}] on '{file}': {failure.Message}")
            {
                File = file,
                Hint = failure.Hint + " No file was changed.",
                Context = new Dictionary<string, object?> { ["entry"] = patch.EntryIndex },
            });
        }

        if (patch.ExpectedDiff is { } diff)
        {
            after = PatchJsonAgreement.Check(after, diff, context, patch, yaml);
        }

        if (string.Equals(after, before, StringComparison.Ordinal))
        {
            return ModificationOutcome.AlreadyApplied("the operations leave the file as it is");
        }

        var document = TextDocument.Parse(after, original.HasBom);
        document.Newline = original.Newline;
        document.EndsWithNewline = original.EndsWithNewline;
        context.Document = document;
        return ModificationOutcome.Applied();
    }

    public static bool IsYaml(string path) =>
        YamlExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static IJsonPatchTarget Open(string text, string newline, bool yaml, JsonPatchModification patch, string file)
    {
        try
        {
            return yaml ? new YamlPatchTarget(text, newline) : new JsoncPatchTarget(text, newline);
        }
        catch (Exception ex) when (ex is JsoncSyntaxException or YamlException)
        {
            string kind = yaml ? "YAML" : "JSON";
            string detail = ex.Message;
            throw new PatchException(new PatchError(ErrorCodes.ValidationFailed,
                $"patches[{patch.EntryIndex}]: '{file}' is not valid {kind} ({detail}), so its operations cannot apply.")
            {
                File = file,
                Hint = yaml
                    ? "Fix the file's YAML first. Operations edit JSON files and YAML files (.yml, .yaml, .msh)."
                    : "Fix the file's JSON first (comments and trailing commas are fine). Operations edit JSON and YAML files; use \"diff\" for other text files.",
                Context = new Dictionary<string, object?> { ["entry"] = patch.EntryIndex },
            });
        }
    }

    private static void Run(IJsonPatchTarget target, JsonPatchOperation operation)
    {
        var path = JsonPointer.Parse(operation.Path);
        var from = operation.From is null ? null : JsonPointer.Parse(operation.From);
        using var value = operation.ValueJson is null ? null : JsonDocument.Parse(operation.ValueJson, PatchJsonParser.DocumentOptions(strict: false));
        switch (operation.Kind)
        {
            case JsonPatchOperationKind.Add:
                target.Add(path, value!.RootElement);
                break;
            case JsonPatchOperationKind.Remove:
                target.Remove(path);
                break;
            case JsonPatchOperationKind.Replace:
                target.Replace(path, value!.RootElement);
                break;
            case JsonPatchOperationKind.Move:
                target.Move(from!, path);
                break;
            case JsonPatchOperationKind.Copy:
                target.Copy(from!, path);
                break;
            case JsonPatchOperationKind.Test:
                if (target.Test(path, value!.RootElement) is { } actual)
                {
                    throw new JsonPatchFailure(ErrorCodes.JsonPatchTestFailed,
                        $"the test failed: the value at \"{operation.Path}\" is {Shorten(actual)}, the patch expects {Shorten(operation.ValueJson!)}.",
                        "The file is not what the patch was written against. Re-read the file and regenerate the patch, or correct the test's value.");
                }

                break;
        }
    }

    private static PatchError OperationError(string code, string message, string hint, JsonPatchModification patch, JsonPatchOperation operation, string file)
    {
        var context = new Dictionary<string, object?>
        {
            ["entry"] = patch.EntryIndex,
            ["operation"] = operation.Index,
            ["op"] = operation.Name,
            ["path"] = operation.Path,
        };
        if (operation.From is not null)
        {
            context["from"] = operation.From;
        }

        string what = operation.From is null ? $"{operation.Name} \"{operation.Path}\"" : $"{operation.Name} \"{operation.From}\" to \"{operation.Path}\"";
        return new PatchError(code, $"patches[{patch.EntryIndex}].operations[{operation.Index}] ({what}) on '{file}': {message}")
        {
            File = file,
            Hint = hint + " No file was changed.",
            Line = operation.Line,
            Context = context,
        };
    }

    private static string Shorten(string json)
    {
        string flat = string.Join(' ', json.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length <= 120 ? flat : flat[..117] + "...";
    }
}
