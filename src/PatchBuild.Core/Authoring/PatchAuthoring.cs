using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// Writes ap 3.2 patches, so that scripts and people need not learn the format: a replacement or an insertion at a
/// located place, or the difference between two versions of files. Locators are chosen automatically (the shortest
/// snippet unique in the file, an anchor when none is, a snippet_tail for long ranges) and every patch is rehearsed
/// with the engine before it is returned, so it applies to the file it was made from.
/// Throws <see cref="PatchException"/> with a stable code and a hint on bad input.
/// </summary>
public static class PatchAuthoring
{
    /// <summary>A patch that replaces the lines <paramref name="oldText"/> (matched as ap matches: trimmed, blank lines ignored; unique) with <paramref name="newText"/>.</summary>
    public static AuthoredPatch Replace(string path, byte[] fileBytes, string oldText, string newText, AuthoringOptions? options = null)
    {
        var target = TargetText.Read(path, fileBytes, "Target");
        int p, q;
        try
        {
            (p, q) = Locate(target, oldText, "--replace");
        }
        catch (PatchException ex) when (ex.Error.Code == ErrorCodes.SnippetNotFound && WithinOneLine(fileBytes, oldText, newText) is { } changed)
        {
            // Not whole lines, but text found once inside a line: the patch replaces that line (ap locates lines).
            return FromDiff(path, fileBytes, changed, options);
        }

        var content = ContentLines(newText);
        var planner = new LocatorPlanner(target.Lines, target.Lines, 0);
        var choice = planner.ForRange(p, q, content.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()) ?? throw NoLocator(target, p);
        var edit = AuthoredEdit.From(content.Count == 0 ? EditAction.Delete : EditAction.Replace, choice, target.Lines, content);
        return Single(target, edit, options);
    }

    /// <summary>A patch that inserts <paramref name="content"/> after (or before) the lines <paramref name="locator"/> (unique).</summary>
    public static AuthoredPatch Insert(string path, byte[] fileBytes, string locator, string content, bool after, AuthoringOptions? options = null)
    {
        var target = TargetText.Read(path, fileBytes, "Target");
        var (p, q) = Locate(target, locator, after ? "--insert-after" : "--insert-before");
        var lines = ContentLines(content);
        if (lines.Count == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.MissingContent, "The content to insert is empty.") { Hint = "Give the lines to insert with --content FILE (or - for standard input)." });
        }

        var planner = new LocatorPlanner(target.Lines, target.Lines, 0);
        var choice = planner.ForPoint(after ? q : p, after) ?? throw NoLocator(target, p);
        var edit = AuthoredEdit.From(after ? EditAction.InsertAfter : EditAction.InsertBefore, choice, target.Lines, lines);
        return Single(target, edit, options);
    }

    /// <summary>A patch that turns <paramref name="oldBytes"/> into <paramref name="newBytes"/> at <paramref name="path"/>.</summary>
    public static AuthoredPatch FromDiff(string path, byte[] oldBytes, byte[] newBytes, AuthoringOptions? options = null) =>
        FromTexts([new FileVersionPair(path, oldBytes, newBytes)], options);

    /// <summary>A patch for several files: modified, created (no old bytes), deleted (no new bytes) or renamed.</summary>
    public static AuthoredPatch FromTexts(IReadOnlyList<FileVersionPair> files, AuthoringOptions? options = null)
    {
        var warnings = new List<PatchWarning>();
        var allLines = new List<string>();
        var pairs = files.Select(f => Decode(f, allLines)).ToList();
        string id = ApWriter.ChooseId(allLines.Concat(files.SelectMany(f => new[] { f.Path, f.RenamedFrom ?? "" })), options?.PatchId, Random(options));
        var blocks = new List<AuthoredFile>();
        var bases = new List<(string, string)>();
        using var rehearsal = new PatchRehearsal();
        foreach (var pair in pairs)
        {
            if (pair.Old is { } old)
            {
                bases.Add((pair.File.RenamedFrom ?? pair.File.Path, ContentHash.Of(old.Bytes)));
            }

            blocks.AddRange(FileBlocks(pair, id, rehearsal, warnings));
        }


        return new AuthoredPatch(ApWriter.Write(blocks, id, options?.Summary ?? DefaultSummary(files.Count), bases), warnings);
    }

    /// <summary>
    /// A patch that, applied to the files of <paramref name="revision"/> (default HEAD), gives the working tree below
    /// <paramref name="root"/>: one FILE block per changed text file, through the <c>git</c> command. Paths are
    /// relative to <paramref name="root"/>; binary files are skipped with a warning.
    /// </summary>
    public static AuthoredPatch FromGit(string root, string? revision = null, AuthoringOptions? options = null)
    {
        var (pairs, skipped) = GitChanges.Collect(root, revision ?? "HEAD");
        if (pairs.Count == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidModification, $"No text file below '{root}' differs from {revision ?? "HEAD"}.")
            {
                Hint = "Change a file first, or name another revision: --from-git REV.",
            });
        }

        var patch = FromTexts(pairs, options);
        return patch with { Diagnostics = [.. skipped, .. patch.Diagnostics] };
    }

    /// <summary>Reads a file below <paramref name="root"/> through the engine's path rules (no escape, no .git, links resolved).</summary>
    public static byte[] ReadTarget(string root, string path)
    {
        var resolved = new PathGuard(root).Resolve(path);
        if (Directory.Exists(resolved.Full) || !File.Exists(resolved.Full))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"'{path}' is not a file below the root.")
            {
                File = path,
                Hint = "Give the path relative to --root (default: the current folder).",
            });
        }

        SpecialFiles.EnsureNotSpecial(resolved.Full, path);
        return File.ReadAllBytes(resolved.Full);
    }

    private sealed record DecodedPair(FileVersionPair File, TargetText? Old, TargetText? New);

    private static DecodedPair Decode(FileVersionPair file, List<string> allLines)
    {
        var old = file.OldBytes is null ? null : TargetText.Read(file.RenamedFrom ?? file.Path, file.OldBytes, "Target");
        var updated = file.NewBytes is null ? null : TargetText.Read(file.Path, file.NewBytes, "New version of");
        allLines.AddRange(old?.Document.Lines ?? []);
        allLines.AddRange(updated?.Document.Lines ?? []);
        return new DecodedPair(file, old, updated);
    }

    private static IEnumerable<AuthoredFile> FileBlocks(DecodedPair pair, string id, PatchRehearsal rehearsal, List<PatchWarning> warnings)
    {
        var (file, old, updated) = pair;
        if (old is null)
        {
            var content = Whole(updated!, warnings);
            return [new AuthoredFile.Create(file.Path, content)];
        }

        if (updated is null)
        {
            return [new AuthoredFile.Delete(file.Path)];
        }

        var blocks = new List<AuthoredFile>();
        if (file.RenamedFrom is { } from && from != file.Path)
        {
            blocks.Add(new AuthoredFile.Rename(from, file.Path));
        }

        if (!old.Bytes.AsSpan().SequenceEqual(updated.Bytes))
        {
            blocks.Add(Modification(file.Path, old, updated, id, rehearsal, warnings));
        }

        return blocks;
    }

    /// <summary>Locator edits when they reproduce the new version, else the whole file (RECREATE), with warnings saying what differs.</summary>
    private static AuthoredFile Modification(string path, TargetText old, TargetText updated, string id, PatchRehearsal rehearsal, List<PatchWarning> warnings)
    {
        var found = new List<PatchWarning>();
        ShapeWarnings(path, old, updated, found);
        string? newline = !updated.Document.HasOwnLineEndings && !old.Document.HasOwnLineEndings && old.Document.Newline != updated.Document.Newline && updated.Document.Lines.Count > 1
            ? updated.Document.Newline switch { "\r\n" => "CRLF", "\r" => "CR", _ => "LF" }
            : null;
        AuthoredFile? edits = DiffAuthor.Edits(old.Lines, updated.Lines) is { Count: > 0 } list ? new AuthoredFile.Modify(path, list, newline) : null;
        var editResult = edits is null ? null : Rehearse(edits, id, path, old, rehearsal);
        if (editResult is not null && editResult.AsSpan().SequenceEqual(updated.Bytes))
        {
            warnings.AddRange(found);
            return edits!;
        }

        var whole = new AuthoredFile.Recreate(path, Whole(updated, found));
        var wholeResult = Rehearse(whole, id, path, old, rehearsal);
        bool editsClose = editResult is not null && SameText(editResult, updated.Bytes);
        if (edits is not null && editsClose && (wholeResult is null || !wholeResult.AsSpan().SequenceEqual(updated.Bytes)))
        {
            TrailingWhitespace(path, updated, found);
            warnings.AddRange(found.DistinctBy(w => w.Code));
            return edits;
        }

        found.Add(new PatchWarning(AuthoringCodes.Recreated, $"'{path}': no locator edits reproduce the new version exactly, so the patch rewrites the file whole (RECREATE); it will not survive unrelated changes to the file.") { File = path });
        warnings.AddRange(found.DistinctBy(w => w.Code));
        return whole;
    }

    private static byte[]? Rehearse(AuthoredFile block, string id, string path, TargetText old, PatchRehearsal rehearsal)
    {
        string text = ApWriter.Write([block], id, null, []);
        var (files, error) = rehearsal.Apply(text, new Dictionary<string, byte[]> { [path] = old.Bytes });
        return error is null && files.TryGetValue(path, out var bytes) ? bytes : null;
    }

    private static void ShapeWarnings(string path, TargetText old, TargetText updated, List<PatchWarning> found)
    {
        if (!updated.Document.EndsWithNewline && updated.Document.Lines.Count > 0)
        {
            // Both our engine and the reference end every file they change with a newline (ap-3.2.md 4.5).
            found.Add(new PatchWarning(AuthoringCodes.FileShapeKept, $"'{path}': the new version does not end with a newline; patchers end every file they change with one.") { File = path });
        }

        if (old.Document.Encoding != updated.Document.Encoding)
        {
            found.Add(Shape(path, $"changes the encoding ({old.Document.Encoding} to {updated.Document.Encoding})"));
        }

        if (updated.Document.HasOwnLineEndings || old.Document.HasOwnLineEndings)
        {
            found.Add(Shape(path, "has mixed line endings (changed lines take their neighbours' endings)"));
        }
    }

    private static PatchWarning Shape(string path, string what) =>
        new(AuthoringCodes.FileShapeKept, $"'{path}': the new version {what}; an ap patch keeps the target's.") { File = path };

    private static void TrailingWhitespace(string path, TargetText updated, List<PatchWarning> found)
    {
        var lines = updated.Document.Lines;
        int at = lines.FindIndex(l => l.Length > 0 && char.IsWhiteSpace(l[^1]));
        if (at >= 0)
        {
            found.Add(new PatchWarning(AuthoringCodes.TrailingWhitespace, $"'{path}': line {at + 1} of the new version ends in whitespace, which ap content cannot carry (patchers strip it).") { File = path, Line = at + 1 });
        }
    }

    private static List<string> Whole(TargetText text, List<PatchWarning> warnings)
    {
        if (text.Document.Lines.Count > 0 && (text.Lines.Count == 0 || text.Lines.Raw[0] != 0 || text.Lines.Raw[^1] != text.Document.Lines.Count - 1))
        {
            warnings.Add(Shape(text.Path, "starts or ends with blank lines, which ap content drops"));
        }

        TrailingWhitespace(text.Path, text, warnings);
        return text.Document.Lines.Select(l => l.TrimEnd()).ToList();
    }

    // Equal but for what ap cannot carry: trailing whitespace, line endings, a final newline, a byte order mark.
    private static bool SameText(byte[] a, byte[] b) => Normalise(a) == Normalise(b);

    private static string Normalise(byte[] bytes)
    {
        var (text, _) = FileEncoding.Decode(bytes);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).TrimEnd('\n');
    }

    private static AuthoredPatch Single(TargetText target, AuthoredEdit edit, AuthoringOptions? options)
    {
        var lines = target.Document.Lines.Concat(edit.Content).Append(target.Path);
        string id = ApWriter.ChooseId(lines, options?.PatchId, Random(options));
        var block = new AuthoredFile.Modify(target.Path, [edit], null);
        var bases = new List<(string, string)> { (target.Path, ContentHash.Of(target.Bytes)) };
        string text = ApWriter.Write([block], id, options?.Summary ?? DefaultSummary(1), bases);
        using var rehearsal = new PatchRehearsal();
        var (files, error) = rehearsal.Apply(text, new Dictionary<string, byte[]> { [target.Path] = target.Bytes });
        if (error is not null)
        {
            throw new PatchException(error with { Hint = error.Hint ?? "The written patch did not apply to the file; report this with the file and arguments." });
        }

        var warnings = new List<PatchWarning>();
        if (files.TryGetValue(target.Path, out var after) && after is not null && after.AsSpan().SequenceEqual(target.Bytes))
        {
            warnings.Add(new PatchWarning(AuthoringCodes.NoChange, $"'{target.Path}': the patch changes nothing; the file already holds that content.") { File = target.Path });
        }

        return new AuthoredPatch(text, warnings);
    }

    /// <summary>The compact span of the unique exact occurrence of <paramref name="text"/>'s lines.</summary>
    /// <summary>
    /// The file with <paramref name="oldText"/> replaced, when it is part of one line, occurs exactly once, and the file
    /// is UTF-8: the bytes are spliced, so every other byte (endings, BOM) is kept. Null otherwise (the caller's error
    /// stands).
    /// </summary>
    private static byte[]? WithinOneLine(byte[] fileBytes, string oldText, string newText)
    {
        if (oldText.Length == 0 || oldText.AsSpan().IndexOfAny('\r', '\n') >= 0 || newText.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return null;
        }

        try
        {
            _ = StrictUtf8.GetString(fileBytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }

        byte[] find = StrictUtf8.GetBytes(oldText);
        int at = fileBytes.AsSpan().IndexOf(find);
        if (at < 0 || fileBytes.AsSpan(at + 1).IndexOf(find) >= 0)
        {
            return null;
        }

        byte[] with = StrictUtf8.GetBytes(newText);
        return [.. fileBytes.AsSpan(0, at), .. with, .. fileBytes.AsSpan(at + find.Length)];
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static (int P, int Q) Locate(TargetText target, string text, string option)
    {
        var key = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (key.Length == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidModification, $"{option} is empty.") { Hint = $"Give {option} the line(s) of the file to find." });
        }

        var keys = target.Lines.Keys;
        var hits = new List<int>();
        for (int at = 0; at + key.Length <= keys.Length; at++)
        {
            if (keys.AsSpan(at, key.Length).SequenceEqual(key))
            {
                hits.Add(at);
            }
        }

        if (hits.Count == 1)
        {
            return (hits[0], hits[0] + key.Length - 1);
        }

        if (hits.Count == 0)
        {
            string closest = string.Join("; ", Closest(target, key[0]).Select(c => $"line {c.Line}: {c.Text}"));
            throw new PatchException(new PatchError(ErrorCodes.SnippetNotFound, $"{option} text was not found in '{target.Path}'." + (closest.Length > 0 ? $" Closest lines: {closest}." : ""))
            {
                File = target.Path,
                Hint = "Copy the line(s) from the file (indentation and blank lines do not matter, every other character does), or give text that occurs once within one line.",
            });
        }

        string where = string.Join(", ", hits.Take(5).Select(h => target.Lines.Raw[h] + 1));
        throw new PatchException(new PatchError(ErrorCodes.AmbiguousMatch, $"{option} text occurs {hits.Count} times in '{target.Path}' (lines {where}).")
        {
            File = target.Path,
            Hint = $"Add a neighbouring line to {option} so that it names one place.",
        });
    }

    private static IEnumerable<(int Line, string Text)> Closest(TargetText target, string wanted) =>
        target.Lines.Keys.Select((k, i) => (Key: k, Line: target.Lines.Raw[i] + 1, Score: Similarity(k, wanted)))
            .Where(c => c.Score > 0.4).OrderByDescending(c => c.Score).ThenBy(c => c.Line).Take(3).Select(c => (c.Line, c.Key));

    // Share of the longer string's characters in the longest common prefix plus suffix: cheap and good enough to point at a typo.
    private static double Similarity(string a, string b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        return (prefix + suffix) / (double)Math.Max(a.Length, b.Length);
    }

    private static PatchException NoLocator(TargetText target, int p) =>
        new(new PatchError(ErrorCodes.AmbiguousMatch, $"No unique locator leads to line {target.Lines.Raw[p] + 1} of '{target.Path}': the lines around it repeat.")
        {
            File = target.Path,
            Hint = "Write the patch by hand with a snippet_tail or an anchor further away, or make the nearby lines distinct.",
        });

    private static List<string> ContentLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        return lines;
    }

    private static Random Random(AuthoringOptions? options) => options?.Seed is { } seed ? new Random(seed) : System.Random.Shared;

    private static string DefaultSummary(int files) => $"Summary: written by 'patchbuild new' ({files} file{(files == 1 ? "" : "s")}).";
}
