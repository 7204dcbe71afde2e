using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// Real `dotnet patchbuild.dll` processes for the crash and concurrency tests, and a workspace of N files whose
/// state is judged as a whole: every file old, every file new, or a mix (the failure the commit protocol forbids).
/// </summary>
public sealed class HistoryProcessKit : IDisposable
{
    public const string PatchId = "c0ffee42";

    /// <param name="paddingLines">Lines after the two the patch changes, the same before and after: with enough of
    /// them each file is large enough to be backed up by hard link rather than in the pack.</param>
    public HistoryProcessKit(int files, int paddingLines = 0)
    {
        FileCount = files;
        _padding = string.Concat(Enumerable.Range(1, paddingLines).Select(n => $"unchanged padding line {n}, long enough to make the file large\n"));
        Root = Directory.CreateTempSubdirectory("pb-history-cli-").FullName;
        // More files than the default size policy allows (PB1008, 50): lifted, as for any large generated patch.
        File.WriteAllText(Path.Combine(Root, "patchbuild.json"),
            files > 50 ? """{ "safety": { "limits": { "maxChangedLines": 100000, "maxChangedFiles": 100000 } } }""" : "{}");
        for (int i = 0; i < files; i++)
        {
            Write(FileName(i), OldText(i) + _padding);
        }

        var patch = new StringBuilder($"# Summary: rewrite {files} files\n\n{PatchId} AP 3.2\n");
        for (int i = 0; i < files; i++)
        {
            patch.Append(paddingLines == 0
                ? $"\n{PatchId} FILE\n{FileName(i)}\n{PatchId} RECREATE\n{PatchId} content\n{NewText(i).TrimEnd('\n')}\n"
                : $"\n{PatchId} FILE\n{FileName(i)}\n{PatchId} REPLACE\n{PatchId} snippet\n{OldText(i).TrimEnd('\n')}\n{PatchId} content\n{NewText(i).TrimEnd('\n')}\n");
        }

        PatchFile = Path.Combine(Root, "afix.ap");
        File.WriteAllText(PatchFile, patch.ToString());
    }

    private readonly string _padding;

    public string Root { get; }

    public int FileCount { get; }

    public string PatchFile { get; }

    public static string FileName(int i) => $"src/file{i:00}.txt";

    public static string OldText(int i) => $"old content of file {i}\nsecond line\n";

    public static string NewText(int i) => $"new content of file {i}\nsecond line changed\n";

    public enum TreeState
    {
        AllOld,
        AllNew,
        Mixed,
    }

    public TreeState State()
    {
        int old = 0, fresh = 0;
        for (int i = 0; i < FileCount; i++)
        {
            string text = File.ReadAllText(Path.Combine(Root, FileName(i))).ReplaceLineEndings("\n").TrimEnd('\n');
            if (text == (OldText(i) + _padding).TrimEnd('\n'))
            {
                old++;
            }
            else if (text == (NewText(i) + _padding).TrimEnd('\n'))
            {
                fresh++;
            }
        }

        return old == FileCount ? TreeState.AllOld : fresh == FileCount ? TreeState.AllNew : TreeState.Mixed;
    }

    public IReadOnlyList<string> StrayTempFiles() =>
        Directory.EnumerateFiles(Root, "*.pbtmp", SearchOption.AllDirectories).ToList();

    public sealed record Run(int ExitCode, string Out, string Error);

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = Support.CliRunner.ToolStart(workingDirectory, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        start.Environment.Remove("PATCHBUILD_FAULT_AFTER_WRITES");
        start.Environment.Remove("PATCHBUILD_TEST_WRITE_DELAY_MS");
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["DOTNET_EnableCrashReport"] = "0";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public async Task<Run> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(Root, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    public Task<Run> ApplyAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] extra) =>
        RunAsync(environment, ["apply", PatchFile, "--root", Root, .. extra]);

    /// <summary>
    /// Recovers (as the next apply or rollback would; `history` itself only reads), then returns the `history --json`
    /// of the workspace.
    /// </summary>
    public async Task<JsonElement[]> HistoryAsync()
    {
        var recover = await RunAsync(null, "recover", "--root", Root);
        Assert.True(recover.ExitCode == 0, recover.Out + recover.Error);
        var run = await RunAsync(null, "history", "--root", Root, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public bool JournalHasUnfinishedBegin()
    {
        string journal = Path.Combine(Root, ".patchbuild", "history.jsonl");
        if (!File.Exists(journal))
        {
            return false;
        }

        string text;
        using (var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        var begun = new HashSet<string>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var record = JsonDocument.Parse(line);
                string id = record.RootElement.GetProperty("id").GetString()!;
                switch (record.RootElement.GetProperty("type").GetString())
                {
                    case "begin":
                        begun.Add(id);
                        break;
                    case "done" or "aborted":
                        begun.Remove(id);
                        break;
                }
            }
            catch (JsonException)
            {
            }
        }

        return begun.Count > 0;
    }

    public void Write(string relative, string text)
    {
        string full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
