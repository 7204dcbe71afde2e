using BenchmarkDotNet.Running;
using PatchBuild.Benchmarks;

// `generate-ap DIR LINES MODS` writes a corpus for the whole-process script; anything else runs BenchmarkDotNet.
if (args.Length == 4 && args[0] == "generate-ap")
{
    Directory.CreateDirectory(args[1]);
    int lines = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int mods = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    File.WriteAllText(Path.Combine(args[1], "Big.cs"), ApCorpus.GenerateSource(lines));
    File.WriteAllText(Path.Combine(args[1], "afix.ap"), ApCorpus.GeneratePatch(lines, mods));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ApCorpus).Assembly).Run(args);
return 0;
