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
    File.WriteAllText(Path.Combine(args[1], "patchbuild.json"), BenchmarkFolder.LargePatchConfig + "\n");
    return 0;
}

// `generate-ap-many DIR FILES LINES MODS` writes FILES C#-like files of LINES lines and one ap patch (afix.ap) making
// MODS modifications spread over all of them: the many-file target (issue 16 target 2).
if (args.Length == 5 && args[0] == "generate-ap-many")
{
    int files = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int lines = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    int mods = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
    for (int f = 0; f < files; f++)
    {
        string path = Path.Combine(args[1], ApCorpus.ManyFileName(f));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ApCorpus.GenerateSource(lines).Replace("namespace Generated;", $"namespace Generated.F{f};", StringComparison.Ordinal));
    }

    File.WriteAllText(Path.Combine(args[1], "afix.ap"), ApCorpus.GenerateManyFilePatch(files, lines, mods));
    File.WriteAllText(Path.Combine(args[1], "patchbuild.json"), BenchmarkFolder.LargePatchConfig + "\n");
    return 0;
}

// `generate-codex DIR LINES MODS` writes the same corpus with the same edits as a Codex patch (codex.patch) too.
if (args.Length == 4 && args[0] == "generate-codex")
{
    Directory.CreateDirectory(args[1]);
    int lines = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int mods = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    File.WriteAllText(Path.Combine(args[1], "Big.cs"), ApCorpus.GenerateSource(lines));
    File.WriteAllText(Path.Combine(args[1], "afix.ap"), ApCorpus.GeneratePatch(lines, mods));
    File.WriteAllText(Path.Combine(args[1], "codex.patch"), CodexCorpus.GeneratePatch(lines, mods));
    File.WriteAllText(Path.Combine(args[1], "patchbuild.json"), BenchmarkFolder.LargePatchConfig + "\n");
    return 0;
}

// `generate-aider DIR LINES BLOCKS` writes the same source, an Aider answer and the ap patch of the same edits.
if (args.Length == 4 && args[0] == "generate-aider")
{
    Directory.CreateDirectory(args[1]);
    int lines = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    int blocks = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    File.WriteAllText(Path.Combine(args[1], "Big.cs"), ApCorpus.GenerateSource(lines));
    File.WriteAllText(Path.Combine(args[1], "answer.md"), AiderCorpus.GenerateAnswer(lines, blocks));
    File.WriteAllText(Path.Combine(args[1], "afix.ap"), ApCorpus.GeneratePatch(lines, blocks));
    File.WriteAllText(Path.Combine(args[1], "patchbuild.json"), BenchmarkFolder.LargePatchConfig + "\n");
    return 0;
}

// `history-overhead ROUNDS` measures the cost of journal and backups with interleaved runs (see HistoryOverheadBenchmarks).
if (args.Length == 2 && args[0] == "history-overhead")
{
    HistoryOverheadBenchmarks.RunInterleaved(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

// `long-line MAXKB` times the safety scan of single-line files of doubling size (see LongLineSafety).
if (args.Length == 2 && args[0] == "long-line")
{
    LongLineSafety.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ApCorpus).Assembly).Run(args);
return 0;
