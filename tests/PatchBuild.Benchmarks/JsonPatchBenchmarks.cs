using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Benchmarks;

/// <summary>Issue target: 1,000 JSON Patch operations on a 10 MB JSON document ≤ 200 ms in-process.</summary>
[MemoryDiagnoser]
public class JsonPatchBenchmarks
{
    private PatchEngine _engine = null!;

    /// <summary>With the default validators (safety rules, JSON syntax check), or the planning engine alone.</summary>
    [Params(false, true)]
    public bool Validate { get; set; }
    private string _folder = "";
    private string _document = "";
    private PatchSet _patch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Validate ? new PatchEngine() : new PatchEngine(validators: []);
        _folder = BenchmarkFolder.Create("pb-bench-json-");
        _document = GenerateDocument(targetBytes: 10 * 1024 * 1024, out int members);
        File.WriteAllText(Path.Combine(_folder, "data.json"), _document);
        string patchPath = Path.Combine(_folder, "patch.json");
        File.WriteAllText(patchPath, GeneratePatch(members, 1_000));
        _patch = _engine.LoadAsync(patchPath).GetAwaiter().GetResult();
    }

    /// <summary>A settings-like document: one object of many members, each a small object with an array.</summary>
    internal static string GenerateDocument(int targetBytes, out int members)
    {
        var sb = new StringBuilder(targetBytes + 1024);
        sb.Append("{\n  // generated for the JSON Patch benchmark\n");
        members = 0;
        while (sb.Length < targetBytes)
        {
            if (members > 0)
            {
                sb.Append(",\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"  \"item{members}\": {{\n    \"name\": \"Item number {members}\",\n    \"enabled\": true,\n    \"weight\": {members % 97}.5,\n    \"tags\": [\"a\", \"b\", \"c\"],\n    \"nested\": {{ \"level\": {members % 7}, \"note\": \"kept byte for byte\" }}\n  }}");
            members++;
        }

        sb.Append("\n}\n");
        return sb.ToString();
    }

    internal static string GeneratePatch(int members, int operations)
    {
        int step = Math.Max(1, members / operations);
        var ops = new List<string>(operations);
        for (int i = 0; i < operations; i++)
        {
            int m = Math.Min(members - 1, i * step);
            ops.Add((i % 4) switch
            {
                0 => $"{{\"op\":\"replace\",\"path\":\"/item{m}/enabled\",\"value\":false}}",
                1 => $"{{\"op\":\"add\",\"path\":\"/item{m}/tags/-\",\"value\":\"d\"}}",
                2 => $"{{\"op\":\"test\",\"path\":\"/item{m}/nested/level\",\"value\":{m % 7}}}",
                _ => $"{{\"op\":\"add\",\"path\":\"/item{m}/owner\",\"value\":{{\"team\":\"core\",\"id\":{m}}}}}",
            });
        }

        return $"{{\"patches\":[{{\"file_path\":\"data.json\",\"operations\":[\n{string.Join(",\n", ops)}\n]}}]}}\n";
    }

    [IterationSetup]
    public void ResetTarget() => File.WriteAllText(Path.Combine(_folder, "data.json"), _document);

    [Benchmark]
    public ApplyStatus Apply1000OperationsOn10MB()
    {
        var result = _engine.ApplyAsync([_patch], new ApplyOptions { Root = _folder }).GetAwaiter().GetResult();
        return result.Success ? result.Status : throw new InvalidOperationException(result.Error?.Message);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
