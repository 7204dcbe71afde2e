using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// A document that RFC 6902 operations edit: the lossless JSON (with comments) editor, or the YAML one.
/// Each method either applies completely or throws <see cref="JsonPatchFailure"/>.
/// </summary>
internal interface IJsonPatchTarget
{
    void Add(JsonPointer path, JsonElement value);

    void Remove(JsonPointer path);

    void Replace(JsonPointer path, JsonElement value);

    void Move(JsonPointer from, JsonPointer path);

    void Copy(JsonPointer from, JsonPointer path);

    /// <summary>Null when the value at <paramref name="path"/> equals <paramref name="expected"/>; otherwise the actual value, shortened, for the message.</summary>
    string? Test(JsonPointer path, JsonElement expected);

    /// <summary>The edited document's text.</summary>
    string Render();
}
