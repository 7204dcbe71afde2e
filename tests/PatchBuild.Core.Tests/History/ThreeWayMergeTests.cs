using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.History;

public class ThreeWayMergeTests
{
    private static readonly string[] Base = ["a", "b", "c", "d", "e", "f", "g"];

    private static ConflictResolver.Outcome Merge(string[] ours, string[] theirs, MergeStrategy? strategy = null, IReadOnlyDictionary<int, MergeStrategy>? answers = null) =>
        ConflictResolver.Resolve(ThreeWayMerge.Merge(Base, ours, theirs), "f.txt", 0, strategy, answers, "theirs");

    [Fact]
    public void Edits_to_different_lines_both_survive()
    {
        var result = Merge(["A", "b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "F", "g"]);
        Assert.Empty(result.Conflicts);
        Assert.Equal(["A", "b", "c", "d", "e", "F", "g"], result.Lines);
    }

    [Fact]
    public void Edits_to_adjacent_lines_do_not_conflict()
    {
        var result = Merge(["a", "B", "c", "d", "e", "f", "g"], ["a", "b", "C", "d", "e", "f", "g"]);
        Assert.Empty(result.Conflicts);
        Assert.Equal(["a", "B", "C", "d", "e", "f", "g"], result.Lines);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_taken_once()
    {
        string[] both = ["a", "b", "X", "Y", "d", "e", "f", "g"];
        var result = Merge(both, both);
        Assert.Empty(result.Conflicts);
        Assert.Equal(both, result.Lines);
    }

    [Fact]
    public void Overlapping_changes_conflict_with_line_and_reason()
    {
        var result = Merge(["a", "b", "c", "OURS", "e", "f", "g"], ["a", "b", "c", "THEIRS", "e", "f", "g"]);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(4, conflict.Line);
        Assert.Null(conflict.Resolution);
        Assert.True(result.HasUnresolved);
        Assert.Equal(["d"], conflict.Base);
        Assert.Equal(["OURS"], conflict.Ours);
        Assert.Equal(["THEIRS"], conflict.Theirs);
        Assert.Contains("same line", conflict.Reason);
    }

    [Fact]
    public void Insertions_at_the_same_place_conflict()
    {
        var result = Merge(["a", "b", "x", "c", "d", "e", "f", "g"], ["a", "b", "y", "c", "d", "e", "f", "g"]);
        Assert.Single(result.Conflicts);
    }

    [Theory]
    [InlineData(MergeStrategy.Ours, new[] { "a", "OURS", "c", "d", "e", "f", "g" })]
    [InlineData(MergeStrategy.Theirs, new[] { "a", "THEIRS", "c", "d", "e", "f", "g" })]
    [InlineData(MergeStrategy.Union, new[] { "a", "OURS", "THEIRS", "c", "d", "e", "f", "g" })]
    [InlineData(MergeStrategy.Manual, new[] { "a", "<<<<<<< ours", "OURS", "=======", "THEIRS", ">>>>>>> theirs", "c", "d", "e", "f", "g" })]
    public void Strategies_settle_conflicts(MergeStrategy strategy, string[] expected)
    {
        var result = Merge(["a", "OURS", "c", "d", "e", "f", "g"], ["a", "THEIRS", "c", "d", "e", "f", "g"], strategy);
        Assert.Equal(expected, result.Lines);
        Assert.Equal(strategy, Assert.Single(result.Conflicts).Resolution);
        Assert.False(result.HasUnresolved);
    }

    [Fact]
    public void Each_conflict_can_be_answered_by_its_index()
    {
        var result = Merge(
            ["O1", "b", "c", "d", "e", "f", "O2"],
            ["T1", "b", "c", "d", "e", "f", "T2"],
            answers: new Dictionary<int, MergeStrategy> { [0] = MergeStrategy.Theirs, [1] = MergeStrategy.Ours });
        Assert.Equal(["T1", "b", "c", "d", "e", "f", "O2"], result.Lines);
        Assert.Equal([0, 1], result.Conflicts.Select(c => c.Index));
    }

    [Fact]
    public void Deleting_lines_the_other_side_edited_conflicts()
    {
        var result = Merge(["a", "b", "c", "d", "e", "f", "g"], ["a", "b", "e", "f", "g"]);
        Assert.Empty(result.Conflicts);
        var conflicting = Merge(["a", "b", "C", "d", "e", "f", "g"], ["a", "b", "e", "f", "g"]);
        Assert.Contains("removes", Assert.Single(conflicting.Conflicts).Reason);
    }

    [Fact]
    public void Text_merge_keeps_crlf_and_bom_of_the_current_file()
    {
        byte[] Bytes(string s, bool bom = false) => PatchBuild.Core.Workspace.FileEncoding.Encode(s, bom);
        var result = TextMerge.Merge(Bytes("a\nb\nc\n"), Bytes("A\r\nb\r\nc\r\n", bom: true), Bytes("a\nb\nC\n"), "f", 0, null, null, "theirs");
        Assert.Empty(result.Conflicts);
        Assert.Equal(Bytes("A\r\nb\r\nC\r\n", bom: true), result.Bytes);
    }
}
