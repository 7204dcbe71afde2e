using System;
using System.Collections.Generic;
using System.IO;
using PatchBuild.Tasks.Json;

namespace PatchBuild.Tasks.Discovery;

/// <summary>
/// "patch.json" is a common name: other tools write files called that. A file that is valid JSON but has no
/// top-level "patches" array is someone else's, so the build warns and leaves it alone instead of failing.
/// Invalid JSON is not judged here: the engine reports it as a broken PatchBuild patch, with its line.
/// </summary>
internal static class PatchJsonShape
{
    public static bool IsPatchJson(string path) =>
        string.Equals(Path.GetFileName(path), "patch.json", StringComparison.OrdinalIgnoreCase);

    public static bool IsForeign(string path)
    {
        if (!IsPatchJson(path)) return false;
        // Pipes, sockets and devices report no length: never opened here (a pipe would block the build); the engine
        // refuses them by type. An empty file is no JSON at all, so nothing is lost by not reading it either.
        if (new FileInfo(path).Length == 0) return false;
        if (!JsonValueReader.TryParse(File.ReadAllText(path), out var value)) return false;
        return !(value is Dictionary<string, object?> root && root.TryGetValue("patches", out var patches) && patches is List<object?>);
    }
}
