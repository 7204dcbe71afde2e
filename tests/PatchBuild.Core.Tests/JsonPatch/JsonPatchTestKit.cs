using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>Runs one patch.json entry through the real parser and applier on in-memory text.</summary>
internal static class JsonPatchTestKit
{
    public static string Apply(string fileName, string document, string operationsJson)
    {
        var (modification, context) = Prepare(fileName, document, operationsJson);
        new JsonPatchApplier().Apply(modification, context);
        return context.Document.ToString();
    }

    public static PatchError Fail(string fileName, string document, string operationsJson)
    {
        var ex = Assert.Throws<PatchException>(() =>
        {
            var (modification, context) = Prepare(fileName, document, operationsJson);
            new JsonPatchApplier().Apply(modification, context);
        });
        return ex.Error;
    }

    public static PatchSet ParsePatch(string patchJson, bool strict = false) =>
        new PatchJsonFormat().Parse(patchJson, null, new ParseOptions { Strict = strict });

    public static string PatchFor(string fileName, string operationsJson) =>
        $$"""{"patches":[{"file_path":{{JsonSerializer.Serialize(fileName)}},"operations":{{operationsJson}}}]}""";

    public static void AssertSameJson(string expected, string actual)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var e = JsonNode.Parse(expected, documentOptions: options);
        var a = JsonNode.Parse(actual, documentOptions: options);
        Assert.True(JsonNode.DeepEquals(e, a), $"expected {e?.ToJsonString()} but got {a?.ToJsonString()}");
    }

    private static (Modification, FileEditContext) Prepare(string fileName, string document, string operationsJson)
    {
        var patch = ParsePatch(PatchFor(fileName, operationsJson));
        var modification = patch.Files[0].Modifications[0];
        var path = new WorkspacePath(fileName, Path.Combine(Path.GetTempPath(), fileName));
        var context = new FileEditContext(path, TextDocument.Parse(document), new ApplyOptions(), patch);
        return (modification, context);
    }
}

/// <summary>A temporary folder with real files, removed afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-jsonpatch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relative, string text, bool bom = false)
    {
        string full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, FileEncoding.Encode(text, bom));
        return full;
    }

    public byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public string Text(string relative) => Encoding.UTF8.GetString(Bytes(relative)).TrimStart('\uFEFF');

    public Task<ApplyResult> ApplyAsync(string patchRelative, bool dryRun = false) =>
        new PatchEngine().ApplyFilesAsync([Path.Combine(Root, patchRelative)], new ApplyOptions { DryRun = dryRun });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
