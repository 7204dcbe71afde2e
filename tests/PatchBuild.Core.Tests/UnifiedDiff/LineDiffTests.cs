using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Tests.UnifiedDiff;

public class LineDiffTests
{
    // Rebuilds the new side from the old one and the changes; unchanged lines must be equal on both sides.
    private static List<string> Replay(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, List<LineChange> changes)
    {
        var result = new List<string>();
        int oldPos = 0, newPos = 0;
        foreach (var change in changes)
        {
            Assert.True(change.DeleteStart >= oldPos && change.InsertStart >= newPos);
            Assert.Equal(change.DeleteStart - oldPos, change.InsertStart - newPos);
            for (; oldPos < change.DeleteStart; oldPos++, newPos++)
            {
                Assert.Equal(oldLines[oldPos], newLines[newPos]);
                result.Add(oldLines[oldPos]);
            }

            result.AddRange(newLines.Skip(change.InsertStart).Take(change.InsertCount));
            oldPos += change.DeleteCount;
            newPos += change.InsertCount;
        }

        Assert.Equal(oldLines.Count - oldPos, newLines.Count - newPos);
        result.AddRange(oldLines.Skip(oldPos));
        return result;
    }

    [Fact]
    public void Random_edits_replay_exactly()
    {
        var random = new Random(42);
        for (int round = 0; round < 300; round++)
        {
            var oldLines = Enumerable.Range(0, random.Next(60)).Select(_ => "l" + random.Next(12)).ToList();
            var newLines = new List<string>(oldLines);
            for (int e = random.Next(6); e > 0; e--)
            {
                int at = random.Next(newLines.Count + 1);
                if (random.Next(2) == 0 || newLines.Count == at)
                {
                    newLines.Insert(at, "n" + random.Next(12));
                }
                else
                {
                    newLines.RemoveAt(at);
                }
            }

            var changes = LineDiff.Compute(oldLines, newLines);
            Assert.Equal(newLines, Replay(oldLines, newLines, changes));
            Assert.Equal(oldLines.SequenceEqual(newLines), changes.Count == 0);
        }
    }

    [Fact]
    public void Single_changed_line_in_a_long_file_is_one_change()
    {
        var oldLines = Enumerable.Range(0, 1000).Select(i => $"line {i}").ToList();
        var newLines = oldLines.Select(l => l == "line 500" ? "LINE 500" : l).ToList();
        Assert.Equal([new LineChange(500, 1, 500, 1)], LineDiff.Compute(oldLines, newLines));
    }

    [Fact]
    public void Reversed_large_file_still_gives_a_correct_diff()
    {
        var oldLines = Enumerable.Range(0, 60_000).Select(i => $"line {i % 977}").ToList();
        var newLines = Enumerable.Reverse(oldLines).ToList();
        var changes = LineDiff.Compute(oldLines, newLines);
        Assert.Equal(newLines, Replay(oldLines, newLines, changes));
    }
}
