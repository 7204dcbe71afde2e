using PatchBuild.Core.Formats.JsonPatch.Yaml;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// When an entry has both "operations" and "diff", the diff is what a reviewer reads and the operations are what a
/// machine applies: they must describe the same result, or the patch is refused.
/// </summary>
internal static class PatchJsonAgreement
{
    public const string Disagree = "the diff that a reviewer reads and the operations disagree";

    /// <summary>Returns the text to write: the operations' result, or for YAML the diff's when both mean the same data.</summary>
    public static string Check(string operationsResult, IReadOnlyList<Modification> diff, FileEditContext context, JsonPatchModification patch, bool yaml)
    {
        string diffResult = ApplyDiff(diff, context, patch);
        if (string.Equals(Normalize(operationsResult), Normalize(diffResult), StringComparison.Ordinal))
        {
            return operationsResult;
        }

        // Re-emitting YAML loses comments and layout that a diff keeps; when both carry the same data, the text the
        // reviewer read is the better one to write.
        if (yaml && SameYamlData(operationsResult, diffResult))
        {
            return diffResult;
        }

        int line = FirstDifference(Normalize(operationsResult), Normalize(diffResult), out string ops, out string dif);
        throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile,
            $"patches[{patch.EntryIndex}] on '{context.Path.Relative}': {Disagree} (from line {line}: the operations give \"{ops}\", the diff gives \"{dif}\").")
        {
            File = context.Path.Relative,
            Hint = "Regenerate the entry so \"diff\" shows exactly what \"operations\" do (or keep only one of them). No file was changed.",
            Context = new Dictionary<string, object?> { ["entry"] = patch.EntryIndex, ["line"] = line },
        });
    }

    private static string ApplyDiff(IReadOnlyList<Modification> diff, FileEditContext context, JsonPatchModification patch)
    {
        var scratch = new FileEditContext(context.Path, context.Document.Clone(), context.Options, context.Patch);
        foreach (var hunk in diff)
        {
            var applier = PatchJsonDiffBridge.Appliers.FirstOrDefault(a => a.CanApply(hunk))
                ?? throw new PatchException(ErrorCodes.Unsupported, $"No applier for {hunk.GetType().Name}.");
            try
            {
                applier.Apply(hunk, scratch);
            }
            catch (PatchException ex)
            {
                throw new PatchException(ex.Error with
                {
                    Message = $"patches[{patch.EntryIndex}].diff does not apply to '{context.Path.Relative}': {ex.Error.Message}",
                    File = context.Path.Relative,
                    Context = new Dictionary<string, object?>(ex.Error.Context) { ["entry"] = patch.EntryIndex },
                });
            }
        }

        return scratch.Document.ToString();
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");

    private static bool SameYamlData(string a, string b)
    {
        try
        {
            return JsonValueEquality.AreEqual(YamlData(a), YamlData(b));
        }
        catch (Exception ex) when (ex is YamlException or JsonPatchFailure)
        {
            return false;
        }
    }

    private static System.Text.Json.JsonElement YamlData(string text)
    {
        YamlLayout.Read(text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return YamlValues.ToJson(stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode);
    }

    private static int FirstDifference(string a, string b, out string lineA, out string lineB)
    {
        var linesA = a.Split('\n');
        var linesB = b.Split('\n');
        int i = 0;
        while (i < linesA.Length && i < linesB.Length && linesA[i] == linesB[i])
        {
            i++;
        }

        lineA = i < linesA.Length ? linesA[i].Trim() : "(end of file)";
        lineB = i < linesB.Length ? linesB[i].Trim() : "(end of file)";
        return i + 1;
    }
}
