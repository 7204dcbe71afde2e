using System.Text;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// Random real edits of real source files in a git repository, diffed by real git, applied by our engine to a copy
/// of the original tree: the result must equal git's edited tree byte for byte — as is, shifted by lines inserted
/// at the top of every file (offset search), and with every file converted to CRLF.
/// </summary>
public class GitDiffDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<(string Path, string Text)>> Sources = new(LoadSources);

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 30).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Git_diff_applies_byte_for_byte(int seed)
    {
        using var scenario = Scenario.Create(seed, Sources.Value);
        using var target = scenario.Original(_ => "", crlf: false);
        await AssertApplies(scenario, target, scenario.Expected(_ => "", crlf: false), "plain");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Git_diff_applies_at_an_offset(int seed)
    {
        using var scenario = Scenario.Create(seed, Sources.Value);
        var random = new Random(seed * 7919);
        var prefixes = scenario.OriginalPaths.ToDictionary(p => p, p => string.Concat(Enumerable.Range(0, 1 + random.Next(6)).Select(i => $"// shifted {i} of {p}\n")));
        using var target = scenario.Original(p => scenario.IsShiftable(p) ? prefixes[p] : "", crlf: false);
        await AssertApplies(scenario, target, scenario.Expected(p => scenario.IsShiftable(p) ? prefixes[p] : "", crlf: false), "offset");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Git_diff_applies_to_crlf_files_and_keeps_crlf(int seed)
    {
        using var scenario = Scenario.Create(seed, Sources.Value);
        using var target = scenario.Original(_ => "", crlf: true);
        await AssertApplies(scenario, target, scenario.Expected(_ => "", crlf: true), "crlf");
    }

    [Fact]
    public void Generated_diffs_cover_every_kind_of_change()
    {
        var diffs = Seeds.Select(s => (int)s[0]).Select(seed =>
        {
            using var scenario = Scenario.Create(seed, Sources.Value);
            return scenario.Diff;
        }).ToList();
        foreach (string mark in new[] { "rename from ", "deleted file mode ", "new file mode ", "\\ No newline at end of file", "\n@@ -" })
        {
            Assert.Contains(diffs, d => d.Contains(mark, StringComparison.Ordinal));
        }

        Assert.Contains(diffs, d => d.Split("\n@@ -").Length > 4);
    }

    private static async Task AssertApplies(Scenario scenario, TempTree target, SortedDictionary<string, byte[]> expected, string variant)
    {
        var result = await Engine.ApplyAsync(target, scenario.Diff);
        Assert.True(result.Success, $"{variant} seed {scenario.Seed}: {result.Error?.Code} {result.Error?.Message}\n{scenario.Diff}");
        var actual = target.Snapshot();
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]),
                $"{variant} seed {scenario.Seed}: {path} differs\n--- expected\n{Encoding.UTF8.GetString(bytes)}\n--- actual\n{Encoding.UTF8.GetString(actual[path])}\n--- diff\n{scenario.Diff}");
        }
    }

    private static IReadOnlyList<(string Path, string Text)> LoadSources()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatchBuild.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        string src = Path.Combine(dir!.FullName, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: Path.GetRelativePath(src, f).Replace('\\', '/'), Bytes: File.ReadAllBytes(f)))
            .Where(f => f.Bytes.Length is > 200 and < 40_000 && f.Bytes[0] != 0xEF && !f.Bytes.Contains((byte)'\r'))
            .Select(f => (f.Path, Encoding.UTF8.GetString(f.Bytes)))
            .ToList();
    }

    /// <summary>One seed's original tree, its edited tree (made in a git repository) and git's diff between them.</summary>
    private sealed class Scenario : IDisposable
    {
        private readonly TempTree _repo;
        private readonly Dictionary<string, string> _original = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _edited = new(StringComparer.Ordinal);
        private readonly HashSet<string> _created = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _renamedTo = new(StringComparer.Ordinal);
        private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

        private Scenario(int seed)
        {
            Seed = seed;
            _repo = new TempTree($"diff{seed}-");
        }

        public int Seed { get; }

        public string Diff { get; private set; } = "";

        public IEnumerable<string> OriginalPaths => _original.Keys;

        /// <summary>
        /// Files whose diff hunks can be searched for at an offset. A deleted file is compared whole, and a rename
        /// git did not detect is a delete, so those keep their exact content.
        /// </summary>
        public bool IsShiftable(string path) =>
            !_deleted.Contains(path) && (!_renamedTo.ContainsKey(path) || Diff.Contains($"rename from {path}\n", StringComparison.Ordinal));

        public static Scenario Create(int seed, IReadOnlyList<(string Path, string Text)> sources)
        {
            var random = new Random(seed);
            var scenario = new Scenario(seed);
            var picked = sources.OrderBy(_ => random.Next()).Take(3 + random.Next(5)).ToList();
            foreach (var (path, text) in picked)
            {
                string content = random.Next(6) == 0 ? text.TrimEnd('\n') : text;
                scenario._original[path] = content;
                scenario._repo.Write(path, content);
            }

            Git.Run(scenario._repo.Root, "init", "-q");
            Git.Run(scenario._repo.Root, "add", "-A");
            Git.Run(scenario._repo.Root, "commit", "-q", "-m", "original");

            var pool = sources.SelectMany(s => s.Text.Split('\n')).Where(l => l.Length > 0).Take(5000).ToList();
            foreach (var (path, text) in scenario._original)
            {
                int roll = random.Next(20);
                if (roll < 2)
                {
                    File.Delete(scenario._repo.PathOf(path));
                    scenario._deleted.Add(path);
                    continue;
                }

                string edited = roll < 17 ? Edit(text, random, pool) : text;
                string newPath = path;
                if (roll is 4 or 5)
                {
                    newPath = "moved/" + path.Replace('/', '_');
                    File.Delete(scenario._repo.PathOf(path));
                    scenario._renamedTo[path] = newPath;
                }

                scenario._repo.Write(newPath, edited);
                scenario._edited[newPath] = edited;
            }

            for (int i = random.Next(3); i > 0; i--)
            {
                string path = $"new/file{i}.cs";
                string content = string.Concat(Enumerable.Range(0, 1 + random.Next(30)).Select(_ => pool[random.Next(pool.Count)] + "\n"));
                content = random.Next(4) == 0 ? content.TrimEnd('\n') : content;
                scenario._repo.Write(path, content);
                scenario._edited[path] = content;
                scenario._created.Add(path);
            }

            Git.Run(scenario._repo.Root, "add", "-A");
            scenario.Diff = Git.Run(scenario._repo.Root, "diff", "--cached", "-M", "--no-color", "--no-ext-diff");
            return scenario;
        }

        /// <summary>The original files in a fresh folder, each with a prefix and optionally converted to CRLF.</summary>
        public TempTree Original(Func<string, string> prefix, bool crlf)
        {
            var tree = new TempTree($"target{Seed}-");
            foreach (var (path, text) in _original)
            {
                tree.Write(path, Convert(prefix(path) + text, crlf));
            }

            return tree;
        }

        /// <summary>What the target must hold afterwards. Created files come from the diff itself, so they keep LF.</summary>
        public SortedDictionary<string, byte[]> Expected(Func<string, string> prefix, bool crlf)
        {
            var expected = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            var renamedFrom = _renamedTo.ToDictionary(kv => kv.Value, kv => kv.Key);
            foreach (var (path, text) in _edited)
            {
                string origin = renamedFrom.TryGetValue(path, out string? from) ? from : path;
                bool gitSawRename = origin != path && Diff.Contains($"rename from {origin}\n", StringComparison.Ordinal);
                bool created = _created.Contains(path) || (origin != path && !gitSawRename);
                expected[path] = Encoding.UTF8.GetBytes(created ? text : Convert(prefix(origin) + text, crlf));
            }

            return expected;
        }

        private static string Convert(string text, bool crlf) => crlf ? text.Replace("\n", "\r\n") : text;

        private static string Edit(string text, Random random, List<string> pool)
        {
            bool endsWithNewline = text.EndsWith('\n');
            var lines = (endsWithNewline ? text[..^1] : text).Split('\n').ToList();
            for (int edits = 1 + random.Next(4); edits > 0; edits--)
            {
                int at = random.Next(lines.Count + 1);
                int count = Math.Min(1 + random.Next(4), lines.Count - Math.Min(at, lines.Count));
                switch (random.Next(3))
                {
                    case 0:
                        lines.InsertRange(at, Enumerable.Range(0, 1 + random.Next(4)).Select(_ => pool[random.Next(pool.Count)]));
                        break;
                    case 1 when count > 0 && lines.Count > count:
                        lines.RemoveRange(at, count);
                        break;
                    default:
                        if (count > 0)
                        {
                            lines.RemoveRange(at, count);
                        }

                        lines.InsertRange(at, Enumerable.Range(0, random.Next(4)).Select(i => $"    // replaced {i} at {at}"));
                        break;
                }
            }

            if (random.Next(7) == 0)
            {
                endsWithNewline = !endsWithNewline;
            }

            string result = string.Join('\n', lines);
            return endsWithNewline ? result + "\n" : result;
        }

        public void Dispose() => _repo.Dispose();
    }
}
