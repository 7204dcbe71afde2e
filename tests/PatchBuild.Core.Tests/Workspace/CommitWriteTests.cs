using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>How a commit writes its files: temp files beside the targets, flushed, then renamed; none left behind.</summary>
public sealed class CommitWriteTests
{
    private static readonly PatchEngine Engine = new();

    private static IEnumerable<string> TempFiles(TempFolder folder) =>
        Directory.EnumerateFiles(folder.Path, "*.pbtmp", SearchOption.AllDirectories);

    [Theory]
    [InlineData(1)] // written on its own
    [InlineData(12)] // staged and flushed together with the others
    [InlineData(300)] // one file-system barrier (syncfs) where the file system takes it, in two batches of open files
    public async Task Files_with_names_near_the_file_system_limit_are_written_and_no_temp_file_remains(int files)
    {
        using var folder = new TempFolder();
        string longName = new string('n', 240) + ".txt"; // 244 bytes: a temp name built from all of it would pass 255
        var changes = Enumerable.Range(0, files)
            .Select(i => new FileChange(i == 0 ? longName : $"dir{i % 3}/f{i}.txt", FileChangeKind.Recreate) { Content = $"new {i}\n" })
            .ToArray();
        folder.Write(longName, "old\n");
        if (files > 50)
        {
            // Past the default size policy (PB1008): lifted, as a user applying a large generated patch would.
            folder.Write("patchbuild.json", """{ "safety": { "limits": { "maxChangedLines": 100000, "maxChangedFiles": 100000 } } }""");
        }

        for (int i = 1; i < files; i++)
        {
            folder.Write($"dir{i % 3}/f{i}.txt", "old\n");
        }

        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, changes)], new ApplyOptions { Root = folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new 0\n", folder.Read(longName));
        for (int i = 1; i < files; i++)
        {
            Assert.Equal($"new {i}\n", folder.Read($"dir{i % 3}/f{i}.txt"));
        }

        Assert.Empty(TempFiles(folder));
    }

    [Fact]
    public async Task A_many_file_commit_that_deletes_a_folder_and_writes_elsewhere_keeps_the_order_and_leaves_no_temp_file()
    {
        using var folder = new TempFolder();
        folder.Write("gone/a.txt", "a\n");
        var changes = new List<FileChange> { new("gone/a.txt", FileChangeKind.Delete) };
        for (int i = 0; i < 8; i++)
        {
            folder.Write($"keep/k{i}.txt", "old\n");
            changes.Add(new FileChange($"keep/k{i}.txt", FileChangeKind.Recreate) { Content = "new\n" });
        }

        changes.Add(new FileChange("fresh/sub/made.txt", FileChangeKind.Create) { Content = "made\n" });
        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, changes)], new ApplyOptions { Root = folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.False(folder.Exists("gone/a.txt"));
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal("new\n", folder.Read($"keep/k{i}.txt")));
        Assert.Equal("made\n", folder.Read("fresh/sub/made.txt"));
        Assert.Empty(TempFiles(folder));
    }
}
