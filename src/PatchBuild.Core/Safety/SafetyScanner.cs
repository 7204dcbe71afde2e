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

    public static List<SafetyFinding> Scan(IReadOnlyList<PlannedChange> changes, IReadOnlyList<PatchSet> patches, int maxChangedLines, int maxChangedFiles, RepositoryCodePaths? repository = null)
    {
        var findings = new List<SafetyFinding>();
        var moved = MovedFiles(changes);
        var recreated = RecreatedPaths(patches);
        int changedLines = 0;
        int changedFiles = 0;
        foreach (var change in changes)
        {
            string file = change.Path.Relative;
            if (PathFinding(file) is { } pathFinding)
            {
                findings.Add(pathFinding);
                continue;
            }

            if (!change.AfterIsDirectory && !change.BeforeIsDirectory)
            {
                changedFiles++;
            }

            if (CodeRunningReason(change, repository) is { } codeRunning)
            {
                findings.Add(new SafetyFinding(SafetyRules.BuildConfiguration, file, file) { Detail = codeRunning });
            }

            if (change.After is null)
            {
                if (change.Before is not null && !moved.Contains(change) && FileKinds.IsSource(file))
                {
                    findings.Add(new SafetyFinding(SafetyRules.WholeFileReplaced, file, file) { Detail = "deletes" });
                }

                changedLines += change.Before is null ? 0 : AddedLines.CountLines(FileEncoding.Decode(change.Before).Text);
                continue;
            }

            if (moved.Contains(change))
            {
                continue;
            }

            if (change.Before is not null && recreated.Contains(file) && FileKinds.IsSource(file))
            {
                findings.Add(new SafetyFinding(SafetyRules.WholeFileReplaced, file, file) { Detail = "recreates" });
            }

            var added = AddedLines.Of(change);
            changedLines += added.Indexes.Count + RemovedCount(change, added);
            int before = findings.Count;
            BinaryFindings(change, file, added, findings);
            ContentFindings(file, added, findings);
            if (findings.Count - before > MaxFindingsPerFile)
            {
                findings.RemoveRange(before + MaxFindingsPerFile, findings.Count - before - MaxFindingsPerFile);
            }
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

    // PB1003, from the one list (BuildConfigurationPaths), the content, and the repository's own git settings.
    private static string? CodeRunningReason(PlannedChange change, RepositoryCodePaths? repository)
    {
        if (BuildConfigurationPaths.IsBuildConfiguration(change.Path.Relative))
        {
            return change.Action;
        }

        if (change.After is not null && BuildConfigurationPaths.RunsCode(change.After) is { } content)
        {
            return $"{change.Action}: {content}";
        }

        return repository is not null && repository.Contains(change.Path.Relative) ? $"{change.Action}: git runs or reads it (core.hooksPath, include.path)" : null;
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
        catch (PatchException ex) when (ex.Error.Context.TryGetValue("rule", out var rule) && rule is "PB1002")
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

        foreach (int index in added.Indexes)
        {
            var line = added.LineSpan(index);
            int bad = line.IndexOfAnyInRange('\0', '\u001f');
            while (bad >= 0 && line[bad] is '\t' or '\f')
            {
                int next = line[(bad + 1)..].IndexOfAnyInRange('\0', '\u001f');
                bad = next < 0 ? -1 : bad + 1 + next;
            }

            if (bad < 0)
            {
                bad = line.IndexOf('\u007f');
            }

            if (bad >= 0)
            {
                findings.Add(new SafetyFinding(SafetyRules.BinaryContent, file, $"control character U+{(int)line[bad]:X4}") { Line = index + 1, LineText = line.ToString() });
                return;
            }
        }
    }

    private static void ContentFindings(string file, AddedLines added, List<SafetyFinding> findings)
    {
        var detectors = ContentDetectors.All;
        ulong applicable = 0;
        for (int d = 0; d < detectors.Count; d++)
        {
            if (detectors[d].AppliesTo(file))
            {
                applicable |= 1UL << d;
            }
        }

        if (applicable == 0)
        {
            return;
        }

        var runs = added.Runs().ToList();
        ulong[] runHits = KeywordHitsPerRun(added, runs, applicable);
        string? fileText = null;
        string FileText() => fileText ??= string.Join('\n', added.AllLines);
        var seen = new HashSet<(string, int)>();
        for (int r = 0; r < runs.Count; r++)
        {
            // Most added code holds no keyword at all: then no block string is made and no regex runs.
            ulong hits = runHits[r];
            if (hits == 0)
            {
                continue;
            }

            var (firstLine, count) = runs[r];

            string block = added.BlockText(firstLine, count, out int[] starts);
            for (int d = 0; d < detectors.Count; d++)
            {
                if ((hits & (1UL << d)) == 0)
                {
                    continue;
                }

                var detector = detectors[d];
                foreach (var match in detector.Matches(block))
                {
                    int lineInBlock = LineOf(starts, match.Index);
                    string lineText = added.Line(firstLine + lineInBlock);
                    var candidate = new DetectorMatch(match, block, lineText, FileText);
                    if (!detector.Confirm(candidate) || !seen.Add((detector.Rule.Id, firstLine + lineInBlock)))
                    {
                        continue;
                    }

                    string text = detector.Describe?.Invoke(candidate) ?? match.Value;
                    findings.Add(new SafetyFinding(detector.Rule, file, Shorten(detector.Rule, text))
                    {
                        Line = firstLine + lineInBlock + 1,
                        LineText = lineText,
                        Secret = detector.Rule == SafetyRules.Secret ? match.Value : null,
                    });
                }
            }
        }
    }

    /// <summary>
    /// Which detectors' keywords each run holds. Runs close to each other are searched as one stretch of text (a
    /// search has a fixed cost, and edits are often a few lines apart); a hit in the unchanged lines between them
    /// is dropped. Each gap searched is short, so the cost stays linear in the size of the patch.
    /// </summary>
    private static ulong[] KeywordHitsPerRun(AddedLines added, List<(int FirstLine, int Count)> runs, ulong applicable)
    {
        const int MaxGap = 512;
        var runHits = new ulong[runs.Count];
        var hits = new List<(int Offset, ulong Detectors)>();
        int r = 0;
        while (r < runs.Count)
        {
            int first = r;
            while (r + 1 < runs.Count && added.OffsetOf(runs[r + 1].FirstLine) - EndOffset(added, runs[r]) <= MaxGap)
            {
                r++;
            }

            int start = added.OffsetOf(runs[first].FirstLine);
            int lastLine = runs[r].FirstLine + runs[r].Count - 1;
            hits.Clear();
            ContentDetectors.Keywords.Hits(added.RawRange(runs[first].FirstLine, lastLine - runs[first].FirstLine + 1), applicable, hits);
            foreach (var (offset, detectors) in hits)
            {
                int line = added.LineAt(start + offset);
                int run = RunOf(runs, first, r, line);
                if (run >= 0)
                {
                    runHits[run] |= detectors;
                }
            }

            r++;
        }

        return runHits;
    }

    private static int EndOffset(AddedLines added, (int FirstLine, int Count) run)
    {
        int last = run.FirstLine + run.Count - 1;
        return added.OffsetOf(last) + added.LineSpan(last).Length;
    }

    // The run among runs[from..to] holding the line, or -1 when the line lies in a gap between them.
    private static int RunOf(List<(int FirstLine, int Count)> runs, int from, int to, int line)
    {
        int lo = from, hi = to;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (runs[mid].FirstLine <= line)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return runs[lo].FirstLine <= line && line < runs[lo].FirstLine + runs[lo].Count ? lo : -1;
    }

    private static int LineOf(int[] starts, int index)
    {
        int i = Array.BinarySearch(starts, index);
        return i >= 0 ? i : ~i - 1;
    }

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

    private static int RemovedCount(PlannedChange change, AddedLines added)
    {
        if (change.Before is null)
        {
            return 0;
        }

        // Lines before = kept + removed; lines after = kept + added.
        int kept = added.LineCount - added.Indexes.Count;
        return Math.Max(0, added.BeforeLineCount - kept);
    }

    // A file created with exactly the bytes of a file deleted in the same plan is a rename: nothing new is added.
    private static HashSet<PlannedChange> MovedFiles(IReadOnlyList<PlannedChange> changes)
    {
        var moved = new HashSet<PlannedChange>();
        var deleted = changes.Where(c => c.After is null && c.Before is not null).ToList();
        foreach (var created in changes.Where(c => c.Before is null && c.After is not null))
        {
            var source = deleted.FirstOrDefault(d => !moved.Contains(d) && d.Before!.AsSpan().SequenceEqual(created.After));
            if (source is not null)
            {
                moved.Add(source);
                moved.Add(created);
            }
        }

        return moved;
    }

    private static HashSet<string> RecreatedPaths(IReadOnlyList<PatchSet> patches)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in patches.SelectMany(p => p.Files).Where(f => f.Kind == FileChangeKind.Recreate))
        {
            try
            {
                paths.Add(PathGuard.Normalize(change.Path));
            }
            catch (PatchException)
            {
            }
        }

        return paths;
    }
}
