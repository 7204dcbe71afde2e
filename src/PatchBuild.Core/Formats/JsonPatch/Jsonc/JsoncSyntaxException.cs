namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>The target text is not JSON (comments and trailing commas allowed); the message says where and what.</summary>
internal sealed class JsoncSyntaxException(string message) : Exception(message);
