using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.NoTrace;

/// <summary>
/// A path the file system cannot hold is refused while planning (INVALID_FILE_PATH), before any backup or journal
/// entry; names up to the 255-byte limit, counted in UTF-8, are written.
/// </summary>
public sealed class PathLengthTests
{
    private static readonly PatchEngine Engine = new();

    private static PatchSet Create(string path) => new(PatchFormat.Ap, [new FileChange(path, FileChangeKind.Create) { Content = "made\n" }]);

    [Theory]
    [InlineData("a", 252)] // 256 bytes with ".txt": one over
    [InlineData("a", 296)] // 300 bytes
    [InlineData("語", 86)] // 90 characters but 262 bytes: '語' is 3 bytes in UTF-8
    public async Task A_name_over_255_bytes_in_utf8_is_refused_while_planning(string unit, int count)
    {
        string name = string.Concat(Enumerable.Repeat(unit, count)) + ".txt";
        using var folder = new TempFolder();
        folder.Write("keep.txt", "keep\n");
        var before = NoTraceTests.Listing(folder.Path);

        var result = await Engine.ApplyAsync([Create("docs/" + name)], new ApplyOptions { Root = folder.Path });

        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Contains("255", result.Error.Message);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Hint));
        Assert.Null(result.HistoryId);
        Assert.Equal(before, NoTraceTests.Listing(folder.Path));
    }

    [Theory]
    [InlineData(251, 'n')] // 255 bytes with ".txt"
    [InlineData(83, '語')] // 249 + 4 = 253 bytes, 87 characters: its temp file name must be cut by bytes too
    public async Task A_name_at_the_limit_is_written(int count, char c)
    {
        string name = new string(c, count) + ".txt";
        using var folder = new TempFolder();

        var result = await Engine.ApplyAsync([Create(name)], new ApplyOptions { Root = folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("made\n", folder.Read(name));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.pbtmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_whole_path_over_the_system_limit_is_refused_while_planning()
    {
        // 25 folders of 200 bytes: each name is fine, the path (over 5,000 bytes) is not.
        string path = string.Join('/', Enumerable.Range(0, 25).Select(i => new string((char)('a' + i), 200))) + "/deep.txt";
        using var folder = new TempFolder();
        var before = NoTraceTests.Listing(folder.Path);

        var result = await Engine.ApplyAsync([Create(path)], new ApplyOptions { Root = folder.Path });

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Contains("full path", result.Error.Message);
        Assert.Equal(before, NoTraceTests.Listing(folder.Path));
    }
}
