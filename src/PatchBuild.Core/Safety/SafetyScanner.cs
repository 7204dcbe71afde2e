using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Finds every rule a plan breaks, before configuration is applied. Reads each planned file once and judges only
/// what the plan adds, so its cost follows the size of the patch, not of the code base.
/// </summary>
public static class SafetyScanner
{
    private const int MaxFindingsPerFile = 20;

    // Below this many files the scan runs on one thread: starting workers would cost more than it saves.
    private const int ConcurrentFrom = 16;

    public static List<SafetyFinding> Scan(IReadOnlyList<PlannedChange> changes, IReadOnlyList<PatchSet> patches, int maxChangedLines, int maxChangedFiles, RepositoryCodePaths? repository = null)
    {
        var moved = MovedFiles(changes);

        // Each file is judged on its own (its findings, its weight): on all cores for a large plan, then taken in
        // plan order, so the findings and their order are those of a scan in turn.
        var perFile = new FileScan[changes.Count];
        if (changes.Count >= ConcurrentFrom && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, changes.Count, i => perFile[i] = ScanFile(changes[i], moved, repository));
        }
        else
        {
            for (int i = 0; i < changes.Count; i++)
            {
                perFile[i] = ScanFile(changes[i], moved, repository);
            }
        }

        var findings = new List<SafetyFinding>();
        int changedLines = 0;
        int changedFiles = 0;
        foreach (var scan in perFile)
        {
            findings.AddRange(scan.Findings);
            changedLines += scan.ChangedLines;
            changedFiles += scan.CountsAsFile ? 1 : 0;
        }

        if (changedLines > maxChangedLines)
        {
            findings.Add(new SafetyFinding(SafetyRules.TooLarge, "", $"{changedLines} changed lines") { Detail = $"limit {maxChangedLines}" });
        }

        if (changedFiles > maxChangedFiles)
        {
            findings.Add(new SafetyFinding(SafetyRules.TooLarge, "", $"{changedFiles} changed files") { Detail = $"limit {maxChangedFiles}" });
        }

        return findings;
    }

    private readonly record struct FileScan(List<SafetyFinding> Findings, int ChangedLines, bool CountsAsFile);

    private static FileScan ScanFile(PlannedChange change, IReadOnlyDictionary<PlannedChange, PlannedChange> moved, RepositoryCodePaths? repository)
    {
        var findings = new List<SafetyFinding>();
        string file = change.Path.Relative;
        if (PathFinding(file) is { } pathFinding)
        {
            findings.Add(pathFinding);
            return new FileScan(findings, 0, false);
        }

        bool countsAsFile = !change.AfterIsDirectory && !change.BeforeIsDirectory;
        if (CodeRunningReason(change, repository) is { } codeRunning)
        {
            findings.Add(new SafetyFinding(SafetyRules.BuildConfiguration, file, file) { Detail = codeRunning });
        }

        if (change.After is null)
        {
            if (change.Before is not null && !moved.ContainsKey(change) && FileKinds.IsSource(file))
            {
                findings.Add(new SafetyFinding(SafetyRules.WholeFileReplaced, file, file) { Detail = "deletes" });
            }

            int removed = change.Before is null || moved.ContainsKey(change) ? 0 : LineWeight(change.BeforeText!);
            return new FileScan(findings, removed, countsAsFile);
        }

        int before = findings.Count;
        if (moved.TryGetValue(change, out var source))
        {
            // A rename adds no line, but a new kind of file reads the same lines differently (notes.txt -> cleanup.sh).
            var same = AddedLines.Of(source.BeforeText, change.AfterText!);
            ContentFindings(file, source.Path.Relative, same, wholeFile: true, findings);
            Cap(findings, before);
            return new FileScan(findings, 0, countsAsFile);
        }

        var added = AddedLines.Of(change);
        int changedLines = ChangedLineWeight(added);
        if (change.Before is not null && FileKinds.IsSource(file) && ReplacesMostOfTheFile(added))
        {
            findings.Add(new SafetyFinding(SafetyRules.WholeFileReplaced, file, file) { Detail = "recreates" });
        }

        BinaryFindings(change, file, added, findings);
        ElisionFindings(change, file, added, findings);
        ContentFindings(file, file, added, wholeFile: false, findings);
        Cap(findings, before);
        return new FileScan(findings, changedLines, countsAsFile);
    }

    private static void Cap(List<SafetyFinding> findings, int before)
    {
        if (findings.Count - before > MaxFindingsPerFile)
        {
            findings.RemoveRange(before + MaxFindingsPerFile, findings.Count - before - MaxFindingsPerFile);
        }
    }

    // PB1003, from the one list (BuildConfigurationPaths), the content, and the repository's own git settings.
    private static string? CodeRunningReason(PlannedChange change, RepositoryCodePaths? repository)
    {
        if (BuildConfigurationPaths.IsBuildConfiguration(change.Path.Relative))
        {
            return change.Action.Word();
        }

        if (change.After is not null && BuildConfigurationPaths.RunsCode(change.After) is { } content)
        {
            return $"{change.Action.Word()}: {content}";
        }

        return repository is not null && repository.Contains(change.Path.Relative) ? $"{change.Action.Word()}: git runs or reads it (core.hooksPath, include.path)" : null;
    }

    // The planner already refuses such paths; judging them again here keeps the guarantee if a caller builds a plan by hand.
    private static SafetyFinding? PathFinding(string file)
    {
        try
        {
            if (PathGuard.Normalize(file) == file)
            {
                return null;
            }
        }
        catch (PatchException ex) when (ex.Error.Rule == SafetyRules.WritesGit.Id)
        {
            return new SafetyFinding(SafetyRules.WritesGit, file, file);
        }
        catch (PatchException)
        {
        }

        return new SafetyFinding(SafetyRules.PathEscapesRoot, file, file);
    }

    private static void BinaryFindings(PlannedChange change, string file, AddedLines added, List<SafetyFinding> findings)
    {
        byte[] after = change.After!;
        bool wasBinary = change.Before is not null && (change.Before.AsSpan().IndexOf((byte)0) >= 0 || !Utf8.IsValid(change.Before));
        if (wasBinary)
        {
            return;
        }

        if (after.AsSpan().IndexOf((byte)0) >= 0)
        {
            findings.Add(new SafetyFinding(SafetyRules.BinaryContent, file, "binary content (NUL bytes)"));
            return;
        }

        if (!Utf8.IsValid(after))
        {
            findings.Add(new SafetyFinding(SafetyRules.BinaryContent, file, "invalid UTF-8"));
            return;
        }

        bool cFamily = FileKinds.LanguageOf(file) == SourceLanguage.CFamily;
        foreach (int index in added.Indexes)
        {
            var line = added.LineSpan(index);
            int bad = TextCharacters.FirstForbidden(line);
            if (bad >= 0)
            {
                findings.Add(new SafetyFinding(SafetyRules.BinaryContent, file, TextCharacters.Describe(line[bad])) { Line = index + 1, LineText = line.ToString() });
                return;
            }

            if (cFamily && TextCharacters.FormatCharacterInIdentifier(line) is { } hidden)
            {
                findings.Add(new SafetyFinding(SafetyRules.BinaryContent, file, $"format character U+{(int)hidden:X4} inside an identifier") { Line = index + 1, LineText = line.ToString() });
                return;
            }
        }
    }

    private static void ElisionFindings(PlannedChange change, string file, AddedLines added, List<SafetyFinding> findings)
    {
        if (change.Before is null || added.OldText is null || added.RemovedIndexes.Count == 0)
        {
            return;
        }

        bool removedCode = added.RemovedIndexes.Any(i => ElidedContent.IsCode(added.OldMap!.Span(added.OldText, i)));
        if (!removedCode)
        {
            return;
        }

        foreach (int index in added.Indexes)
        {
            if (ElidedContent.IsPlaceholder(added.LineSpan(index)))
            {
                string line = added.Line(index);
                findings.Add(new SafetyFinding(SafetyRules.ElidedContent, file, line.Trim()) { Line = index + 1, LineText = line });
                return;
            }
        }
    }

    /// <summary>
    /// The content rules, judged on what the change means: every statement in a window around the change is judged in
    /// the new text (under the new path's kind) and in the old text (under the old path's); a hit the old text already
    /// had is not the patch's doing. Hits are cut down to one per rule and line before any text is made.
    /// </summary>
    private static void ContentFindings(string file, string oldFile, AddedLines added, bool wholeFile, List<SafetyFinding> findings)
    {
        var windows = ChangeWindows.Of(added, wholeFile);
        if (windows.Count == 0)
        {
            return;
        }

        var hits = new List<ContentJudge.Hit>();
        var rules = ContentJudge.For(file);
        foreach (var window in windows)
        {
            ContentJudge.Judge(rules, added.Text, Offset(added.Map, added.Text, window.NewStart), Offset(added.Map, added.Text, window.NewEnd), hits);
        }

        if (hits.Count == 0)
        {
            return;
        }

        // A hit the old text had on a line of the same text is not the patch's doing. Lines, not statements, name a hit:
        // in a script a statement can span the whole file, and an edit elsewhere in it must not re-blame an old line.
        var before = new Dictionary<(string, int), int>();
        if (added.OldText is { } oldText)
        {
            var oldHits = new List<ContentJudge.Hit>();
            var oldRules = ContentJudge.For(oldFile);
            foreach (var window in windows)
            {
                ContentJudge.Judge(oldRules, oldText, Offset(added.OldMap!, oldText, window.OldStart), Offset(added.OldMap!, oldText, window.OldEnd), oldHits);
            }

            var oldLineHashes = new LineHashes(oldText, added.OldMap!);
            foreach (var hit in oldHits)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(before, (hit.Key, oldLineHashes.At(hit.Offset)), out _)++;
            }
        }

        var lineHashes = new LineHashes(added.Text, added.Map);
        hits.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var seen = new HashSet<(string, int)>();
        int reported = 0;
        foreach (var hit in hits)
        {
            ref int already = ref CollectionsMarshal.GetValueRefOrNullRef(before, (hit.Key, lineHashes.At(hit.Offset)));
            if (!Unsafe.IsNullRef(ref already) && already > 0)
            {
                already--;
                continue;
            }

            int line = added.LineAt(hit.Offset);
            if (!seen.Add((hit.Rule.Id, line)))
            {
                continue;
            }

            if (++reported > MaxFindingsPerFile)
            {
                break;
            }

            string match = hit.Source.Substring(hit.MatchStart, Math.Min(hit.MatchEnd - hit.MatchStart, 200));
            findings.Add(new SafetyFinding(hit.Rule, file, Shorten(hit.Rule, match))
            {
                Line = line + 1,
                LineText = added.Line(line),
                Secret = hit.Rule == SafetyRules.Secret ? match : null,
            });
        }
    }

    /// <summary>The hash of the (trimmed) line an offset falls in, computed once per line however many hits it holds.</summary>
    private sealed class LineHashes(string text, LineMap map)
    {
        private readonly Dictionary<int, int> _byLine = [];

        public int At(int offset)
        {
            int line = map.LineAt(offset);
            if (!_byLine.TryGetValue(line, out int hash))
            {
                hash = string.GetHashCode(map.Span(text, line).Trim());
                _byLine[line] = hash;
            }

            return hash;
        }
    }

    private static int Offset(LineMap map, string text, int line) => line >= map.Count ? text.Length : map.Start(line);

    // Secrets are never echoed in full: reports end up in build logs.
    private static string Shorten(SafetyRule rule, string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (rule == SafetyRules.Secret)
        {
            return SecretRedaction.Redact(text);
        }

        return text.Length <= 80 ? text : text[..77] + "...";
    }

    /// <summary>Characters that count as one line for PB1008: a 2 MB line is as much to review as thousands of short ones.</summary>
    private const int LineWidth = 200;

    private static int Weight(int length) => Math.Max(1, (length + LineWidth - 1) / LineWidth);

    private static int LineWeight(string text)
    {
        var map = LineMap.Of(text);
        long total = 0;
        for (int i = 0; i < map.Count; i++)
        {
            total += Weight(map.Length(i));
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    private static int ChangedLineWeight(AddedLines added)
    {
        long total = 0;
        foreach (int i in added.Indexes)
        {
            total += Weight(added.Map.Length(i));
        }

        foreach (int i in added.RemovedIndexes)
        {
            total += Weight(added.OldMap!.Length(i));
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    /// <summary>
    /// PB1010 by effect: fewer than half of the old file's lines of code survive, whether the patch said RECREATE or
    /// REPLACEd everything from the first line to the last.
    /// </summary>
    private static bool ReplacesMostOfTheFile(AddedLines added)
    {
        if (added.OldText is not { } oldText || added.OldMap is not { } map)
        {
            return false;
        }

        int gone = added.RemovedIndexes.Count(i => ElidedContent.IsCode(map.Span(oldText, i)));
        if (gone == 0)
        {
            return false;
        }

        // Stop counting the old file's code as soon as it is clear that most of it survives: a small edit of a large
        // file reads a few lines here, not the whole file.
        int code = 0;
        for (int i = 0; i < map.Count && code < 2 * gone; i++)
        {
            code += ElidedContent.IsCode(map.Span(oldText, i)) ? 1 : 0;
        }

        return code < 2 * gone;
    }

    // A file created with exactly the bytes of a file deleted in the same plan is a rename. Both sides map to the deleted one.
    private static Dictionary<PlannedChange, PlannedChange> MovedFiles(IReadOnlyList<PlannedChange> changes)
    {
        var moved = new Dictionary<PlannedChange, PlannedChange>();
        var deleted = changes.Where(c => c.After is null && c.Before is not null).ToList();
        foreach (var created in changes.Where(c => c.Before is null && c.After is not null))
        {
            var source = deleted.FirstOrDefault(d => !moved.ContainsKey(d) && d.Before!.AsSpan().SequenceEqual(created.After));
            if (source is not null)
            {
                moved[source] = source;
                moved[created] = source;
            }
        }

        return moved;
    }
}
