using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// Issue 14 §1: a name a patch creates or renames to must be portable. The table holds the characters Windows forbids,
/// controls, and the injection names a hostile patch would write (a quote that closes an argument and opens options).
/// </summary>
public sealed class PortableNameTests
{
    private static readonly PatchEngine Engine = new();

    public static TheoryData<string> HostileNewNames =>
    [
        "afixA\" --test \"touch pwned\" --report \"r.ap",
        "quote\".txt",
        "less<than.txt",
        "greater>than.txt",
        "pipe|name.txt",
        "star*.txt",
        "question?.txt",
        "dir\"/inside.txt",
        "line\nbreak.txt",
        "carriage\rreturn.txt",
        "tab\tname.txt",
        "escape\u001b[31m.txt",
        "del\u007f.txt",
        "c1\u0085next-line.txt",
        "c1\u009bcsi.txt",
        "trailing-dot.",
        "trailing-space /x.txt",
        "folder./x.txt",
        "CON.txt",
        "com1",
        "stream.txt:evil",
    ];

    [Theory]
    [MemberData(nameof(HostileNewNames))]
    public async Task Create_refuses_a_name_no_portable_file_system_allows(string name)
    {
        using var folder = new TempFolder();
        folder.Write("keep.txt", "keep\n");
        var before = folder.Snapshot();

        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, [new FileChange(name, FileChangeKind.Create) { Content = "x\n" }])],
            new ApplyOptions { Root = folder.Path });

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Hint));
        Assert.Equal(before, folder.Snapshot());
    }

    [Theory]
    [MemberData(nameof(HostileNewNames))]
    public async Task Rename_refuses_a_destination_no_portable_file_system_allows(string name)
    {
        using var folder = new TempFolder();
        folder.Write("notes.txt", "notes\n");
        var before = folder.Snapshot();

        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, [new FileChange("notes.txt", FileChangeKind.Rename) { NewPath = name }])],
            new ApplyOptions { Root = folder.Path });

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Equal(before, folder.Snapshot());
    }

    [Theory]
    [MemberData(nameof(HostileNewNames))]
    public async Task Create_directory_refuses_a_name_no_portable_file_system_allows(string name)
    {
        using var folder = new TempFolder();
        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, [new FileChange(name, FileChangeKind.CreateDirectory)])],
            new ApplyOptions { Root = folder.Path });

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.DoesNotContain(Directory.EnumerateDirectories(folder.Path), d => Path.GetFileName(d) != ".patchbuild");
    }

    [Theory]
    [InlineData("with space.txt")]
    [InlineData("--test.txt")]
    [InlineData("@response.rsp.txt")]
    [InlineData("semi;colon.txt")]
    [InlineData("$(Property).txt")]
    [InlineData("percent%3B.txt")]
    [InlineData("ünïcode-名前.txt")]
    [InlineData("brackets[1](2){3}.txt")]
    public async Task Portable_names_with_unusual_characters_are_created(string name)
    {
        using var folder = new TempFolder();
        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, [new FileChange(name, FileChangeKind.Create) { Content = "x\n" }])],
            new ApplyOptions { Root = folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("x\n", folder.Read(name));
    }

    [Fact]
    public async Task An_existing_file_with_a_non_portable_name_can_still_be_edited()
    {
        using var folder = new TempFolder();
        folder.Write("what?.txt", "old\n");
        var result = await Engine.ApplyAsync([new PatchSet(PatchFormat.Ap, [new FileChange("what?.txt", FileChangeKind.Recreate) { Content = "new\n" }])],
            new ApplyOptions { Root = folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new\n", folder.Read("what?.txt"));
    }
}
