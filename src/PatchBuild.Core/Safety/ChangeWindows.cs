namespace PatchBuild.Core.Safety;

/// <summary>
/// The stretches of a changed file the content rules judge, with the matching stretch of the old file. A rule judges
/// statements, and an edit can change what a statement means without adding a line of it (deleting the WHERE under a
/// DELETE, the comment markers around a call), so a window covers every added line and every deletion point with
/// context around it. Small files are judged whole; in large ones the cost stays proportional to the patch.
/// </summary>
internal static class ChangeWindows
{
    /// <summary>Files up to this many characters are judged whole (a block comment can open far above an edit).</summary>
    public const int WholeFileLimit = 256 * 1024;

    /// <summary>Lines of context on each side of a change in larger files.</summary>
    public const int ContextLines = 40;

    /// <summary>A line range of the new text [NewStart, NewEnd) and the old text's matching range.</summary>
    public readonly record struct Window(int NewStart, int NewEnd, int OldStart, int OldEnd);

    public static List<Window> Of(AddedLines added, bool wholeFile)
    {
        int newCount = added.LineCount;
        int oldCount = added.OldMap?.Count ?? 0;
        if (added.OldText is null || wholeFile || (added.Text.Length <= WholeFileLimit && added.OldText.Length <= WholeFileLimit))
        {
            return added.Indexes.Count == 0 && added.RemovedIndexes.Count == 0 && !wholeFile ? [] : [new Window(0, newCount, 0, oldCount)];
        }

        var isAdded = new bool[newCount];
        foreach (int i in added.Indexes)
        {
            isAdded[i] = true;
        }

        var isRemoved = new bool[oldCount];
        foreach (int j in added.RemovedIndexes)
        {
            isRemoved[j] = true;
        }

        // Kept lines pair up in order: the k-th kept new line is the k-th kept old line (a moved line pairs approximately).
        var keptNew = new List<int>(newCount - added.Indexes.Count);
        var keptOrdinal = new int[newCount];
        for (int i = 0; i < newCount; i++)
        {
            keptOrdinal[i] = keptNew.Count;
            if (!isAdded[i])
            {
                keptNew.Add(i);
            }
        }

        var keptOld = new List<int>(oldCount);
        var anchors = new List<int>(added.Indexes);
        for (int j = 0; j < oldCount; j++)
        {
            if (!isRemoved[j])
            {
                keptOld.Add(j);
                continue;
            }

            // A deletion sits between the kept lines around it: both are touched.
            int k = keptOld.Count;
            if (k > 0 && k - 1 < keptNew.Count)
            {
                anchors.Add(keptNew[k - 1]);
            }

            anchors.Add(k < keptNew.Count ? keptNew[k] : Math.Max(0, newCount - 1));
        }

        anchors.Sort();
        var windows = new List<Window>();
        foreach (int anchor in anchors)
        {
            int start = Math.Max(0, anchor - ContextLines);
            int end = Math.Min(newCount, anchor + ContextLines + 1);

            // Window edges sit on kept lines, where the old and new texts agree, so both are lexed from the same point.
            while (start > 0 && isAdded[start])
            {
                start--;
            }

            while (end < newCount && end > 0 && isAdded[end - 1])
            {
                end++;
            }

            if (windows.Count > 0 && start <= windows[^1].NewEnd)
            {
                windows[^1] = windows[^1] with { NewEnd = Math.Max(windows[^1].NewEnd, end) };
            }
            else
            {
                windows.Add(new Window(start, end, 0, 0));
            }
        }

        for (int w = 0; w < windows.Count; w++)
        {
            var (start, end, _, _) = windows[w];
            int oldStart = start == 0 || keptOrdinal[start] >= keptOld.Count ? 0 : keptOld[keptOrdinal[start]];
            int oldEnd = end >= newCount || keptOrdinal[end - 1] >= keptOld.Count ? oldCount : keptOld[keptOrdinal[end - 1]] + 1;
            windows[w] = new Window(start, end, oldStart, Math.Max(oldStart, oldEnd));
        }

        return windows;
    }
}
