using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Benchmarks;

/// <summary>
/// What safety costs: applying a 300-file patch with the journal, backups and workspace lock (the default) against
/// the same apply with history off (atomic per-file writes only). Issue target: ratio ≤ 1.10.
/// Each iteration starts from the old files and an empty .patchbuild/, so the journal does not grow across runs.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class HistoryOverheadBenchmarks
{
    private const int Files = 300;
    private const int LinesPerFile = 120;

    private readonly PatchEngine _engine = new();
    private string _folder = "";
    private PatchSet _patch = null!;
    private string[] _old = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkFolder.Create("pb-bench-history-");
        _old = Enumerable.Range(0, Files).Select(i => Source(i, "Old")).ToArray();
        var changes = Enumerable.Range(0, Files)
            .Select(i => new FileChange(PathOf(i), FileChangeKind.Recreate) { Content = Source(i, "New") })
            .ToList();
        _patch = new PatchSet(PatchFormat.Ap, changes) { Summary = "rewrite 300 files" };
    }

    [IterationSetup]
    public void Reset()
    {
        string state = Path.Combine(_folder, ".patchbuild");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        for (int i = 0; i < Files; i++)
        {
            string full = Path.Combine(_folder, PathOf(i));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, _old[i]);
        }
    }

    [Benchmark(Baseline = true)]
    public ApplyStatus WithoutHistory() => Apply(recordHistory: false);

    [Benchmark]
    public ApplyStatus WithJournalAndBackups() => Apply(recordHistory: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// `history-overhead ROUNDS`: the two applies alternate round by round (order swapped each round), so load from
    /// other processes on a shared machine hits both alike; prints both medians and their ratio.
    /// </summary>
    public static void RunInterleaved(int rounds, TextWriter output)
    {
        var bench = new HistoryOverheadBenchmarks();
        bench.Setup();
        try
        {
            var without = new List<double>();
            var with = new List<double>();
            for (int round = -2; round < rounds; round++)
            {
                foreach (bool history in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    bench.Reset();
                    long start = System.Diagnostics.Stopwatch.GetTimestamp();
                    bench.Apply(history);
                    double ms = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (round >= 0)
                    {
                        (history ? with : without).Add(ms);
                    }
                }
            }

            double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            var ratios = with.Zip(without, (w, o) => w / o).ToList();
            output.WriteLine($"300-file apply, {rounds} interleaved rounds (after 2 warm-up rounds)");
            output.WriteLine($"  without history: median {Median(without):0.0} ms");
            output.WriteLine($"  journal+backups: median {Median(with):0.0} ms");
            output.WriteLine($"  ratio of medians: {Median(with) / Median(without):0.000}; median of per-round ratios: {Median(ratios):0.000}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private ApplyStatus Apply(bool recordHistory)
    {
        var result = _engine.ApplyAsync([_patch], new ApplyOptions { Root = _folder, RecordHistory = recordHistory }).GetAwaiter().GetResult();
        if (!result.Success || result.Changes.Count != Files)
        {
            throw new InvalidOperationException(result.Error?.Message ?? "unexpected result");
        }

        return result.Status;
    }

    private static string PathOf(int i) => $"src/Module{i / 30:00}/File{i:000}.cs";

    private static string Source(int i, string variant)
    {
        var sb = new StringBuilder();
        sb.Append("namespace Bench.Module").Append(i / 30).Append(";\n\npublic static class File").Append(i).Append("\n{\n");
        for (int line = 0; line < LinesPerFile; line++)
        {
            sb.Append("    public static int M").Append(line).Append("() => ").Append(line * i).Append(line % 10 == 0 ? $"; // {variant}\n" : ";\n");
        }

        return sb.Append("}\n").ToString();
    }
}
