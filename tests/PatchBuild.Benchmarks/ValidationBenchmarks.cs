using BenchmarkDotNet.Attributes;
using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Benchmarks;

/// <summary>
/// Issue targets: syntax validation of a patched 10,000-line C# file ≤ 50 ms; all safety rules over a
/// 1,000-modification patch ≤ 20 ms. The plans are made once by the real engine (dry run) and then judged.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly SyntaxValidator _syntax = new();
    private readonly SafetyValidator _safety = new();
    private string _folder = "";
    private PlanValidationContext _syntaxContext = null!;
    private PlanValidationContext _safetyContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = BenchmarkFolder.Create("pb-bench-validation-");
        _syntaxContext = Plan(10_000, 100);
        _safetyContext = Plan(100_000, 1_000);
    }

    private PlanValidationContext Plan(int lines, int modifications)
    {
        string folder = Path.Combine(_folder, $"{lines}-{modifications}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Big.cs"), ApCorpus.GenerateSource(lines));
        string patchPath = Path.Combine(folder, "afix.ap");
        File.WriteAllText(patchPath, ApCorpus.GeneratePatch(lines, modifications));

        // No validators here: the benchmark judges the planned change itself.
        var engine = new PatchEngine(validators: []);
        var patch = engine.LoadAsync(patchPath).GetAwaiter().GetResult();
        var options = new ApplyOptions { Root = folder, DryRun = true };
        var result = engine.ApplyAsync([patch], options).GetAwaiter().GetResult();
        if (!result.Success || result.Changes.Count != 1)
        {
            throw new InvalidOperationException("The benchmark patch did not plan: " + result.Error?.Message);
        }

        return new PlanValidationContext(result.Changes, [patch], options, folder);
    }

    [Benchmark]
    public int SyntaxOfPatched10kLineFile()
    {
        var context = new PlanValidationContext(_syntaxContext.Changes, _syntaxContext.Patches, _syntaxContext.Options, _syntaxContext.Root);
        _syntax.Validate(context);
        return Check(context);
    }

    [Benchmark]
    public int SafetyRulesOver1000Modifications()
    {
        var context = new PlanValidationContext(_safetyContext.Changes, _safetyContext.Patches, _safetyContext.Options, _safetyContext.Root);
        _safety.Validate(context);
        return Check(context);
    }

    private static int Check(PlanValidationContext context) =>
        context.Errors.Count == 0 ? context.Warnings.Count : throw new InvalidOperationException(context.Errors[0].Message);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
