using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>Every diff is untrusted input: mangled ones end in a PatchException with a code, never another exception.</summary>
public class UntrustedDiffTests
{
    private const string Valid =
        "diff --git a/src/a.txt b/src/a.txt\nindex 1..2 100644\n--- a/src/a.txt\n+++ b/src/a.txt\n@@ -1,4 +1,4 @@\n one\n-two\n+TWO\n three\n four\n" +
        "diff --git \"a/b c.txt\" \"b/b c.txt\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/b c.txt\"\n@@ -0,0 +1,2 @@\n+x\n+y\n\\ No newline at end of file\n" +
        "diff --git a/old.txt b/new.txt\nsimilarity index 90%\nrename from old.txt\nrename to new.txt\n";

    [Fact]
    public async Task Mangled_diffs_fail_only_with_patch_errors()
    {
        var random = new Random(7);
        using var tree = new TempTree("untrusted");
        for (int round = 0; round < 400; round++)
        {
            tree.Write("src/a.txt", "one\ntwo\nthree\nfour\n");
            tree.Write("old.txt", "o\n");
            foreach (string leftover in new[] { "b c.txt", "new.txt" }.Where(tree.Exists))
            {
                File.Delete(tree.PathOf(leftover));
            }

            string diff = Mangle(Valid, random);
            PatchSet patch;
            try
            {
                patch = Engine.Parse(diff);
            }
            catch (PatchException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Error.Code));
                Assert.False(string.IsNullOrEmpty(ex.Error.Hint), $"no hint for: {ex.Error.Message}");
                continue;
            }

            var result = await Engine.Create().ApplyAsync([patch], new ApplyOptions { Root = tree.Root, Fuzz = random.Next(3) });
            Assert.True(result.Success || result.Error is not null);
        }
    }

    [Fact]
    public void Header_line_with_many_spaces_and_quotes_parses_in_linear_time()
    {
        string name = string.Concat(Enumerable.Repeat("x \"", 200_000));
        var patch = Engine.Parse($"diff --git a/{name} b/{name}\nold mode 100644\nnew mode 100755\ndiff --git {name}\n");
        Assert.Empty(patch.Files);
        Assert.Equal(name, Assert.Single(patch.Warnings).File);
    }

    [Fact]
    public void Huge_counts_in_a_short_diff_are_invalid_not_allocated()
    {
        var error = Engine.ParseError("--- a/f\n+++ b/f\n@@ -1,2000000000 +1,2000000000 @@\n a\n", strict: true);
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        // Without --strict the body decides: one context line, whatever the header claims.
        var hunk = Assert.Single(((PatchBuild.Core.Model.HunkModification)Engine.Parse("--- a/f\n+++ b/f\n@@ -1,2000000000 +1,2000000000 @@\n a\n").Files[0].Modifications[0]).Hunks);
        Assert.Equal((1, 1), (hunk.OldCount, hunk.NewCount));
    }

    private static string Mangle(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (int edits = 1 + random.Next(3); edits > 0; edits--)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(5))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[random.Next(lines.Count)]);
                    break;
                case 2 when lines[at].Length > 0:
                    lines[at] = lines[at].Remove(random.Next(lines[at].Length), 1);
                    break;
                case 3:
                    lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), ((char)random.Next(32, 127)).ToString());
                    break;
                default:
                    lines[at] = "+" + lines[at];
                    break;
            }
        }

        return string.Join('\n', lines);
    }
}
