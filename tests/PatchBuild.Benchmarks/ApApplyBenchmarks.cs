using BenchmarkDotNet.Attributes;
using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Benchmarks;

/// <summary>In-process apply of a generated ap patch; issue target: 100k lines × 1,000 modifications ≤ 150 ms.</summary>
[MemoryDiagnoser]
public class ApApplyBenchmarks
{
    private string _folder = "";
    private string _source = "";
    private PatchSet _patch = null!;
    private PatchEngine _engine = null!;

    [Params(10_000, 100_000)]
    public int Lines { get; set; }

    [Params(100, 1_000)]
    public int Modifications { get; set; }

    /// <summary>With the default validators (safety rules, Roslyn syntax check), or the planning engine alone.</summary>
    [Params(false, true)]
    public bool Validate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = Validate ? new PatchEngine() : new PatchEngine(validators: []);
        _folder = BenchmarkFolder.Create("pb-bench-");
        _source = ApCorpus.GenerateSource(Lines);
        string patchPath = Path.Combine(_folder, "afix.ap");
        File.WriteAllText(patchPath, ApCorpus.GeneratePatch(Lines, Modifications));
        _patch = _engine.LoadAsync(patchPath).GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void ResetTarget() => File.WriteAllText(Path.Combine(_folder, "Big.cs"), _source);

    [Benchmark]
    public ApplyStatus Apply()
    {
        var result = _engine.ApplyAsync([_patch], new ApplyOptions { Root = _folder }).GetAwaiter().GetResult();
        if (!result.Success)
        {
            throw new InvalidOperationException(result.Error?.Message);
        }

        return result.Status;
    }

    [Benchmark]
    public PatchSet Parse() => _engine.Parse(_patch.Text, Path.Combine(_folder, "afix.ap"));

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
