namespace PatchBuild.Core.Checks;

/// <summary>
/// The one definition of "a patch file", for apply, the build, the hook and `check` (issue 14 §4). A patch file is
/// anything a PatchBuild entry point would apply: every name a format claims by name (*.ap, patch.json,
/// *.patch.json, *.patch, *.diff), and any file whose content opens as a patch (an ap header, a Codex
/// "*** Begin Patch", a JSON object with a "patches" array) whatever its name. The build applies a subset on its own (<see cref="BuildPatterns"/>); the hook
/// and `check` judge them all, so nothing the engine would apply slips past them. Names of a project's own come from
/// patchbuild.json ("patches.patterns", <see cref="Configuration.PatchSettings"/>), read by all three alike.
/// </summary>
public static class PatchFileNames
{
    public const string StateFolder = ".patchbuild";

    /// <summary>The names `dotnet build` applies without being asked (build/PatchBuild.props, ApplyPatches.PatchPatterns).</summary>
    public const string BuildPatterns = "afix*.ap;patch.json";

    /// <summary>*.ap, patch.json, *.patch.json, *.patch, *.diff; never the retry file afailed.ap, never PatchBuild's own archive.</summary>
    public static bool IsPatchFile(string path)
    {
        if (IsUnderStateFolder(path))
        {
            return false;
        }

        string name = FileName(path);
        return (name.EndsWith(".ap", StringComparison.OrdinalIgnoreCase) && !name.Equals("afailed.ap", StringComparison.OrdinalIgnoreCase))
            || name.Equals("patch.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".patch.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".patch", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".diff", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A patch file by its name, the defaults plus the "patches.patterns" of patchbuild.json: the one answer the hook,
    /// `check` and the build's discovery (`patchbuild pending`) share. A configured name never makes PatchBuild's own
    /// state, a leftover (afailed.ap, *.rej, *.orig) or anything under .git a patch.
    /// </summary>
    public static bool IsPatchFile(string path, Configuration.PatchSettings settings) =>
        IsPatchFile(path)
        || (settings.Patterns.Count > 0
            && !IsUnderStateFolder(path)
            && LeftoverReason(path) is null
            && !path.Split('/').Any(s => s.Equals(".git", StringComparison.OrdinalIgnoreCase))
            && settings.Matches(path));

    /// <summary>
    /// True when the content makes a file a patch whatever its name: `patchbuild apply changes.json` applies a JSON
    /// object with a "patches" array, and any file that opens with an ap header is read as ap. (A unified diff inside
    /// an ordinary file is not counted: documentation and test data hold diffs, and no entry point applies them
    /// unless named *.patch or *.diff.)
    /// </summary>
    public static bool IsPatchContent(string path, ReadOnlySpan<byte> content)
    {
        if (IsUnderStateFolder(path) || LeftoverReason(path) is not null)
        {
            return false;
        }

        string name = FileName(path);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (content.IndexOf("\"patches\""u8) < 0)
            {
                return false;
            }

            return new Formats.JsonPatch.PatchJsonFormat().Claims(name, Text(content));
        }

        // An ap header or a Codex "*** Begin Patch" is within the first lines; a long file is not decoded whole to find it.
        var head = content[..Math.Min(content.Length, 4096)];
        return (content.IndexOf(" AP "u8) >= 0 && Formats.Ap.ApFormat.StartsWithHeader(Text(head)))
            || (head.IndexOf(CodexBegin) >= 0 && StartsWithCodexPatch(Text(head)));
    }

    private static ReadOnlySpan<byte> CodexBegin => "*** Begin Patch"u8;

    // A Codex apply_patch answer opens with "*** Begin Patch", alone or after the shell heredoc line the model wraps
    // it in ("apply_patch <<'EOF'"). Only the opening counts: a page that quotes a patch further down is documentation.
    private static bool StartsWithCodexPatch(string head)
    {
        bool wrapperSeen = false;
        foreach (var span in head.AsSpan().EnumerateLines())
        {
            var line = span.Trim().TrimStart('\uFEFF');
            if (line.IsEmpty)
            {
                continue;
            }

            if (line.SequenceEqual("*** Begin Patch"))
            {
                return true;
            }

            if (wrapperSeen || !line.StartsWith("apply_patch", StringComparison.Ordinal))
            {
                return false;
            }

            wrapperSeen = true;
        }

        return false;
    }

    private static string Text(ReadOnlySpan<byte> content) => System.Text.Encoding.UTF8.GetString(content);

    /// <summary>The reason a path is a leftover, or null when it is not one.</summary>
    public static string? LeftoverReason(string path)
    {
        if (IsUnderStateFolder(path))
        {
            return "PatchBuild's own state (journal, backups, archived patches) lives under .patchbuild/ and is never committed";
        }

        string name = FileName(path);
        if (name.Equals("afailed.ap", StringComparison.OrdinalIgnoreCase) || name.Equals("afailed.md", StringComparison.OrdinalIgnoreCase))
        {
            return "it is the report of a partially failed patch run";
        }

        if (name.EndsWith(".rej", StringComparison.OrdinalIgnoreCase))
        {
            return "it holds hunks that a patch tool rejected";
        }

        if (name.EndsWith(".orig", StringComparison.OrdinalIgnoreCase))
        {
            return "it is a backup that a merge or patch tool leaves behind";
        }

        return null;
    }

    /// <summary>True for a path with a .patchbuild folder anywhere in it (each workspace root keeps its own).</summary>
    public static bool IsUnderStateFolder(string path) =>
        path.StartsWith(StateFolder + "/", StringComparison.Ordinal) || path.Contains("/" + StateFolder + "/", StringComparison.Ordinal);

    private static string FileName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
