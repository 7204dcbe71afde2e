using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>Whole-file changes through the real engine on real temp folders.</summary>
public sealed class FileChangePlanningTests
{
    private static readonly PatchEngine Engine = new();

    private static PatchSet Patch(params FileChange[] files) => new(PatchFormat.Ap, files);

    private static Task<ApplyResult> Apply(TempFolder folder, params FileChange[] files) =>
        Engine.ApplyAsync([Patch(files)], new ApplyOptions { Root = folder.Path });

    [Fact]
    public async Task Create_writes_a_new_file_and_its_folders_then_skips_when_repeated()
    {
        using var folder = new TempFolder();
        var change = new FileChange("src/New/Thing.cs", FileChangeKind.Create) { Content = "class Thing {}\n" };

        var first = await Apply(folder, change);
        Assert.True(first.Success);
        Assert.Equal("class Thing {}\n", folder.Read("src/New/Thing.cs"));
        Assert.Equal(FileStatus.Applied, first.Files[0].Status);

        var second = await Apply(folder, change);
        Assert.True(second.Success);
        Assert.Equal(FileStatus.Skipped, second.Files[0].Status);
        Assert.Empty(second.Changes);
    }

    [Fact]
    public async Task Create_over_a_different_file_fails_with_FILE_EXISTS_and_keeps_it()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// old\n");
        var result = await Apply(folder, new FileChange("a.cs", FileChangeKind.Create) { Content = "// new\n" });
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.FileExists, result.Error!.Code);
        Assert.NotNull(result.Error.Hint);
        Assert.Equal("// old\n", folder.Read("a.cs"));
    }

    [Fact]
    public async Task Create_with_a_newline_mode_writes_those_endings()
    {
        using var folder = new TempFolder();
        await Apply(folder, new FileChange("w.txt", FileChangeKind.Create) { Content = "a\nb\n", Newline = NewlineMode.CrLf });
        Assert.Equal("a\r\nb\r\n", folder.Read("w.txt"));
    }

    [Fact]
    public async Task Recreate_replaces_content_keeping_crlf_and_skips_when_repeated()
    {
        using var folder = new TempFolder();
        folder.Write("r.txt", "one\r\ntwo\r\n");
        var change = new FileChange("r.txt", FileChangeKind.Recreate) { Content = "three\nfour\n" };
        Assert.True((await Apply(folder, change)).Success);
        Assert.Equal("three\r\nfour\r\n", folder.Read("r.txt"));
        Assert.Equal(FileStatus.Skipped, (await Apply(folder, change)).Files[0].Status);
    }

    [Fact]
    public async Task Delete_removes_a_file_then_is_already_applied()
    {
        using var folder = new TempFolder();
        folder.Write("gone.cs", "// x\n");
        var change = new FileChange("gone.cs", FileChangeKind.Delete);
        Assert.True((await Apply(folder, change)).Success);
        Assert.False(folder.Exists("gone.cs"));
        var again = await Apply(folder, change);
        Assert.True(again.Success);
        Assert.Equal(FileStatus.Skipped, again.Files[0].Status);
    }

    [Fact]
    public async Task Delete_of_a_folder_removes_everything_below_it()
    {
        using var folder = new TempFolder();
        folder.Write("old/a.cs", "// a\n");
        folder.Write("old/deep/b.cs", "// b\n");
        folder.Write("keep.cs", "// k\n");
        Assert.True((await Apply(folder, new FileChange("old", FileChangeKind.Delete))).Success);
        Assert.False(Directory.Exists(folder.Combine("old")));
        Assert.True(folder.Exists("keep.cs"));
    }

    [Fact]
    public async Task Rename_moves_a_file_creating_parents_and_is_idempotent()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// content\n");
        var change = new FileChange("a.cs", FileChangeKind.Rename) { NewPath = "moved/deeper/b.cs" };
        Assert.True((await Apply(folder, change)).Success);
        Assert.False(folder.Exists("a.cs"));
        Assert.Equal("// content\n", folder.Read("moved/deeper/b.cs"));

        var again = await Apply(folder, change);
        Assert.True(again.Success);
        Assert.Equal(FileStatus.Skipped, again.Files[0].Status);
    }

    [Fact]
    public async Task Rename_of_a_folder_moves_its_files()
    {
        using var folder = new TempFolder();
        folder.Write("lib/a.cs", "// a\n");
        folder.Write("lib/sub/b.cs", "// b\n");
        Assert.True((await Apply(folder, new FileChange("lib", FileChangeKind.Rename) { NewPath = "src/lib" })).Success);
        Assert.Equal("// a\n", folder.Read("src/lib/a.cs"));
        Assert.Equal("// b\n", folder.Read("src/lib/sub/b.cs"));
        Assert.False(Directory.Exists(folder.Combine("lib")));
    }

    [Fact]
    public async Task Rename_with_neither_side_present_is_FILE_NOT_FOUND()
    {
        using var folder = new TempFolder();
        var result = await Apply(folder, new FileChange("x.cs", FileChangeKind.Rename) { NewPath = "y.cs" });
        Assert.Equal(ErrorCodes.FileNotFound, result.Error!.Code);
    }

    [Fact]
    public async Task Rename_onto_an_existing_file_is_FILE_EXISTS_and_changes_nothing()
    {
        using var folder = new TempFolder();
        folder.Write("x.cs", "// x\n");
        folder.Write("y.cs", "// y\n");
        var before = folder.Snapshot();
        var result = await Apply(folder, new FileChange("x.cs", FileChangeKind.Rename) { NewPath = "y.cs" });
        Assert.Equal(ErrorCodes.FileExists, result.Error!.Code);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task CreateDirectory_creates_and_then_skips()
    {
        using var folder = new TempFolder();
        var change = new FileChange("assets/img", FileChangeKind.CreateDirectory);
        Assert.True((await Apply(folder, change)).Success);
        Assert.True(Directory.Exists(folder.Combine("assets/img")));
        Assert.Equal(FileStatus.Skipped, (await Apply(folder, change)).Files[0].Status);
    }

    [Fact]
    public async Task A_failure_in_a_later_file_leaves_every_file_untouched()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// a\n");
        var before = folder.Snapshot();
        var result = await Apply(folder,
            new FileChange("a.cs", FileChangeKind.Recreate) { Content = "// changed\n" },
            new FileChange("b.cs", FileChangeKind.Create) { Content = "// new\n" },
            new FileChange("missing.cs", FileChangeKind.Rename) { NewPath = "other.cs" });
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task A_write_that_fails_on_disk_undoes_the_files_already_written()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// a\n");
        folder.Write("blocker", "a file where the plan needs a folder\n");
        var before = folder.Snapshot();

        // Planning cannot see that 'blocker' must become a folder; the disk refuses at commit time.
        var result = await Apply(folder,
            new FileChange("a.cs", FileChangeKind.Recreate) { Content = "// changed\n" },
            new FileChange("blocker/inner.cs", FileChangeKind.Create) { Content = "// x\n" });
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.FileWriteError, result.Error!.Code);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task Dry_run_reports_the_diff_and_writes_nothing()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// one\n// two\n// three\n");
        var before = folder.Snapshot();
        var result = await Engine.DryRunAsync([Patch(new FileChange("a.cs", FileChangeKind.Recreate) { Content = "// one\n// 2\n// three\n" })], new ApplyOptions { Root = folder.Path });
        Assert.True(result.Success);
        Assert.Contains("-// two", result.Diff, StringComparison.Ordinal);
        Assert.Contains("+// 2", result.Diff, StringComparison.Ordinal);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task Paths_outside_the_root_are_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "// a\n");
        var before = folder.Snapshot();
        var result = await Apply(folder,
            new FileChange("a.cs", FileChangeKind.Recreate) { Content = "// changed\n" },
            new FileChange("../evil.cs", FileChangeKind.Create) { Content = "// x\n" });
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Equal(before, folder.Snapshot());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(folder.Path)!, "evil.cs")));
    }

    [Fact]
    public async Task Deleting_a_folder_that_holds_a_nested_repository_is_refused()
    {
        using var folder = new TempFolder();
        folder.Write("vendor/lib/a.cs", "// a\n");
        folder.Write("vendor/lib/.git/HEAD", "ref: refs/heads/main\n");
        var before = folder.Snapshot();

        var result = await Apply(folder, new FileChange("vendor", FileChangeKind.Delete));

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Equal(before, folder.Snapshot());
        Assert.True(File.Exists(folder.Combine("vendor/lib/.git/HEAD")));
    }
}
