namespace PatchBuild.Benchmarks;

/// <summary>
/// A temp folder for a benchmark run. Its patchbuild.json raises the PB1008 size limits: benchmark patches are
/// deliberately far larger than the 500-line default that protects a real project.
/// </summary>
public static class BenchmarkFolder
{
    public const string LargePatchConfig = """{ "safety": { "limits": { "maxChangedLines": 10000000, "maxChangedFiles": 100000 } } }""";

    public static string Create(string prefix)
    {
        string folder = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(folder, "patchbuild.json"), LargePatchConfig + "\n");
        return folder;
    }
}
