using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Compile-time serialization metadata for the few values the JSON formats pass through JsonSerializer (a quoted
/// name, a decoded string, a JSON node). Reflection-based serialization is not available in the native tool.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class JsonValueContext : JsonSerializerContext;
