using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// Real git as the oracle for bytes: an original tree is committed, edited and diffed by git (the diff kept as raw
/// bytes), then applied by `git apply` to one copy of the original and by PatchBuild to another; the two trees must
/// be equal byte for byte. Files are UTF-8, UTF-8 with a byte order mark or Latin-1, with LF, CRLF or mixed endings.
/// </summary>
public sealed partial class GitApplyBytesTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>A file as lines, each with its own ending (the last one's is dropped when the file has no final newline).</summary>
    public sealed record FileShape(string Encoding, IReadOnlyList<(string Text, string Ending)> Lines, bool FinalNewline)
    {
        public byte[] Bytes()
        {
            var encoding = Encoding == "latin1" ? Latin1 : new UTF8Encoding(false);
            var bytes = new List<byte>();
            if (Encoding == "utf8bom")
            {
                bytes.AddRange([0xEF, 0xBB, 0xBF]);
            }

            for (int i = 0; i < Lines.Count; i++)
            {
                bytes.AddRange(encoding.GetBytes(Lines[i].Text));
                if (i < Lines.Count - 1 || FinalNewline)
                {
                    bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(Lines[i].Ending));
                }
            }

            return [.. bytes];
        }

        public override string ToString() =>
            $"{Encoding} final={FinalNewline}: " + string.Concat(Lines.Select(l => l.Text + l.Ending)).Replace("\r", "\\r").Replace("\n", "\\n");
    }

    public sealed record Scenario(Dictionary<string, byte[]> Original, Dictionary<string, byte[]?> Edited, string Description)
    {
        public override string ToString() => Description;
    }

    private static readonly string[] Pool =
    [
        "using System;", "int x = 1;", "}", "", "{", "return caf\u00e9;", "  // na\u00efve cr\u00e8me", "\tx\ty", "   ", "a = b;", "// \u00e0 la carte",
    ];

    private static string LineText(int spec, int index) => spec % 3 == 0 ? Pool[spec % Pool.Length] : $"{Pool[spec % Pool.Length]} /*{index}:{spec}*/";

    private static string Ending(string mode, int spec) => mode switch
    {
        "crlf" => "\r\n",
        "lf" => "\n",
        _ => spec % 2 == 0 ? "\r\n" : "\n",
    };

    private static FileShape Shape(int[] specs, string encoding, string endings, bool final, int salt) =>
        new(encoding, specs.Select((s, i) => (LineText(s, i + salt), Ending(endings, s / 7))).ToList(), final);

    private static Scenario Build(int[] lineSpecs, int[] editSpecs, string encoding, string endings, bool final, int extras)
    {
        var original = Shape(lineSpecs, encoding, endings, final, 0);
        string editedEncoding = extras % 5 == 0 && encoding != "latin1" ? (encoding == "utf8" ? "utf8bom" : "utf8") : encoding;
        var edited = Edited(original, editSpecs, endings, toggleFinal: extras % 3 == 0, salt: 10_000) with { Encoding = editedEncoding };
        var originals = new Dictionary<string, byte[]> { ["src/f.txt"] = original.Bytes() };
        var results = new Dictionary<string, byte[]?> { ["src/f.txt"] = edited.Bytes() };
        string description = $"f.txt: {original}\n  => {edited}";
        if (extras % 2 == 1)
        {
            var created = Shape(editSpecs, extras % 4 == 1 ? "utf8bom" : encoding, endings, final, 500);
            results["new/created.txt"] = created.Bytes();
            description += $"\ncreated: {created}";
        }

        if (extras >= 4)
        {
            var deleted = Shape(lineSpecs.Reverse().ToArray(), extras % 2 == 0 ? "utf8bom" : encoding, endings, final, 900);
            originals["old/deleted.txt"] = deleted.Bytes();
            results["old/deleted.txt"] = null;
            description += $"\ndeleted: {deleted}";
        }

        return new Scenario(originals, results, description);
    }

    private static readonly Gen<Scenario> Scenarios =
        from lineSpecs in Gen.ListOf(Gen.Choose(0, 9999))
        from editSpecs in Gen.NonEmptyListOf(Gen.Choose(0, 9999))
        from encoding in Gen.Elements("utf8", "utf8bom", "latin1")
        from endings in Gen.Elements("lf", "crlf", "mixed")
        from final in Gen.Elements(true, false)
        from extras in Gen.Choose(0, 7)
        select Build([.. lineSpecs.Take(40)], [.. editSpecs.Take(8)], encoding, endings, final, extras);

    [Fact]
    public void Generated_crlf_bom_latin1_and_mixed_files_come_out_of_our_apply_as_out_of_git_apply()
    {
        int differing = 0;
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            if (AssertSameAsGitApply(scenario))
            {
                differing++;
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
        // The generator must produce real changes, not only diffs that change nothing.
        Assert.True(differing > 30, $"only {differing} scenarios changed something");
    }

    [Fact]
    public void Hunk_at_line_1_of_a_bom_file_matches_when_the_diff_line_carries_the_bom() =>
        AssertSameAsGitApply(new(
            new() { ["a.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass A {}\r\n")] },
            new() { ["a.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System.IO;\r\nclass A {}\r\n")] },
            "bom line 1"));

    [Fact]
    public void Deleting_a_bom_crlf_file_works() =>
        AssertSameAsGitApply(new(
            new() { ["a.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using System;\r\nclass A {}\r\n")] },
            new() { ["a.cs"] = null },
            "delete bom file"));

    [Fact]
    public void A_new_file_from_crlf_diff_lines_is_written_with_crlf_and_its_bom() =>
        AssertSameAsGitApply(new(
            [],
            new() { ["n.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("namespace N;\r\nclass C {}\r\n")] },
            "new crlf file"));

    [Fact]
    public void A_diff_may_remove_or_add_the_bom() =>
        AssertSameAsGitApply(new(
            new() { ["a.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x\ny\n")], ["b.cs"] = Encoding.UTF8.GetBytes("x\ny\n") },
            new() { ["a.cs"] = Encoding.UTF8.GetBytes("x\ny\n"), ["b.cs"] = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x\ny\n")] },
            "bom toggled"));

    [Fact]
    public void A_latin1_diff_edits_a_latin1_file_byte_for_byte() =>
        AssertSameAsGitApply(new(
            new() { ["l.txt"] = Latin1.GetBytes("caf\u00e9\nb\nc\n") },
            new() { ["l.txt"] = Latin1.GetBytes("caf\u00e9\nb\nC cr\u00e8me\n") },
            "latin1"));

    [Fact]
    public void Changing_only_a_lines_ending_is_a_change_of_its_content() =>
        AssertSameAsGitApply(new(
            new() { ["m.txt"] = Encoding.ASCII.GetBytes("a\r\nb\nc\r\n") },
            new() { ["m.txt"] = Encoding.ASCII.GetBytes("a\nb\r\nc\r\nd\n") },
            "ending only"));

    [Fact]
    public void A_lone_cr_inside_a_line_is_content_as_to_git() =>
        AssertSameAsGitApply(new(
            new() { ["r.txt"] = Encoding.ASCII.GetBytes("a\rb\nc\r\nd\n") },
            new() { ["r.txt"] = Encoding.ASCII.GetBytes("a\rb\nC\r\nd\re\n") },
            "lone cr"));

    /// <summary>Applies git's diff of the scenario with git apply and with PatchBuild; true when the diff changed something.</summary>
    private static bool AssertSameAsGitApply(Scenario scenario)
    {
        using var repo = new TempTree("oracle-");
        using var byGit = new TempTree("gitapply-");
        using var byUs = new TempTree("ours-");
        foreach (var (path, bytes) in scenario.Original)
        {
            repo.WriteBytes(path, bytes);
            byGit.WriteBytes(path, bytes);
            byUs.WriteBytes(path, bytes);
        }

        Git.Run(repo.Root, "init", "-q");
        Git.Run(repo.Root, "add", "-A");
        Git.Run(repo.Root, "commit", "-q", "--allow-empty", "-m", "original");
        foreach (var (path, bytes) in scenario.Edited)
        {
            if (bytes is null)
            {
                File.Delete(repo.PathOf(path));
            }
            else
            {
                repo.WriteBytes(path, bytes);
            }
        }

        Git.Run(repo.Root, "add", "-A");
        string diffFile = Path.Combine(repo.Root, ".git", "change.patch");
        Git.Run(repo.Root, "diff", "--cached", "--no-color", "--no-ext-diff", "--output=" + diffFile);
        if (new FileInfo(diffFile).Length == 0)
        {
            return false;
        }

        Git.Run(byGit.Root, "init", "-q");
        Git.Run(byGit.Root, "apply", diffFile);
        string patchCopy = Path.Combine(Path.GetTempPath(), $"pb-bytes-{Guid.NewGuid():N}.patch");
        File.Copy(diffFile, patchCopy);
        try
        {
            var result = Engine.Create().ApplyFilesAsync([patchCopy], new ApplyOptions { Root = byUs.Root }).GetAwaiter().GetResult();
            string diffText = Latin1.GetString(File.ReadAllBytes(diffFile)).Replace("\r", "\\r");
            Assert.True(result.Success, $"{scenario}\n{result.Error?.Code}: {result.Error?.Message}\n{diffText}");
            var expected = byGit.Snapshot();
            AssertSameTree(expected, byUs.Snapshot(), scenario, "we wrote", diffText);

            // The dry run's diff is a real patch: git apply of it to the original writes the same bytes.
            using var byDryRun = new TempTree("dryrun-");
            foreach (var (path, bytes) in scenario.Original)
            {
                byDryRun.WriteBytes(path, bytes);
            }

            var dry = Engine.Create().ApplyFilesAsync([patchCopy], new ApplyOptions { Root = byDryRun.Root, DryRun = true }).GetAwaiter().GetResult();
            Assert.True(dry.Success, dry.Error?.Message);
            string dryDiff = Path.Combine(repo.Root, ".git", "dry-run.patch");
            File.WriteAllBytes(dryDiff, PatchBuild.Core.Workspace.FileEncoding.Utf8.GetBytes(dry.Diff));
            Git.Run(byDryRun.Root, "init", "-q");
            Git.Run(byDryRun.Root, "apply", dryDiff);
            AssertSameTree(expected, byDryRun.Snapshot(), scenario, "git apply of our dry run wrote", Latin1.GetString(File.ReadAllBytes(dryDiff)).Replace("\r", "\\r"));
        }
        finally
        {
            File.Delete(patchCopy);
        }

        return true;
    }

    private static void AssertSameTree(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual, Scenario scenario, string who, string diffText)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]),
                $"{scenario}\n{path}: git apply wrote [{Show(bytes)}], {who} [{Show(actual[path])}]\n{diffText}");
        }
    }

    private static string Show(byte[] bytes) => Latin1.GetString(bytes).Replace("\r", "\\r").Replace("\n", "\\n");
}
