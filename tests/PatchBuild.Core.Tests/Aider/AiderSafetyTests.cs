using System.Text;
using PatchBuild.Core.Formats.Aider;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Aider;

/// <summary>
/// What we do differently from Aider, on purpose: all blocks or none, no path out of the root or into .git, no
/// command ever run; and every byte a block does not address (line endings, byte order mark, a missing final
/// newline) keeps its value.
/// </summary>
public sealed class AiderSafetyTests : IDisposable
{
    private readonly AiderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task A_failing_block_leaves_every_file_as_it_was()
    {
        _kit.Folder.Write("a.txt", "one\ntwo\n");
        _kit.Folder.Write("b.txt", "three\nfour\n");
        var before = _kit.Folder.Snapshot();
        string answer =
            AiderTestKit.Block("a.txt", "one\n", "ONE\n") +
            AiderTestKit.Block("new.txt", "", "created\n") +
            AiderTestKit.Block("b.txt", "three\n", "THREE\n") +
            AiderTestKit.Block("b.txt", "not in the file\n", "x\n");

        var result = await _kit.ApplyAsync(answer);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Equal(4, result.Error.Modification);
        Assert.Equal(before, _kit.Folder.Snapshot());
        Assert.False(_kit.Folder.Exists("new.txt"));
        Assert.False(Directory.Exists(_kit.Folder.Combine(".patchbuild")));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("sub/../../outside.txt")]
    [InlineData(".git/hooks/pre-commit")]
    [InlineData(".git/config")]
    [InlineData("/tmp/pb-aider-absolute.txt")]
    public async Task Paths_outside_the_root_or_into_git_are_refused_and_nothing_is_written(string path)
    {
        Directory.CreateDirectory(_kit.Folder.Combine(".git/hooks"));
        _kit.Folder.Write(".git/config", "[core]\n");
        _kit.Folder.Write("a.txt", "one\n");
        var before = _kit.Folder.Snapshot();
        string answer = AiderTestKit.Block("a.txt", "one\n", "ONE\n") + AiderTestKit.Block(path, "", "#!/bin/sh\necho owned\n");

        var result = await _kit.ApplyAsync(answer);

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Equal(before, _kit.Folder.Snapshot());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_kit.Folder.Path)!, "outside.txt")));
    }

    [Fact]
    public async Task A_symlink_that_leads_out_of_the_root_is_refused()
    {
        string outside = Directory.CreateTempSubdirectory("pb-aider-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "target.txt"), "secret\n");
            Directory.CreateSymbolicLink(_kit.Folder.Combine("link"), outside);

            var result = await _kit.ApplyAsync(AiderTestKit.Block("link/target.txt", "secret\n", "changed\n"));

            Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
            Assert.Equal("secret\n", File.ReadAllText(Path.Combine(outside, "target.txt")));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Shell_blocks_are_never_run()
    {
        _kit.Folder.Write("a.txt", "one\n");
        string marker = _kit.Folder.Combine("ran.txt");
        string answer = AiderTestKit.Block("a.txt", "one\n", "ONE\n") + $"\nNow run:\n\n```bash\ntouch {marker}\n```\n\n```sh\necho x > {marker}\n```\n";

        var result = await _kit.ApplyAsync(answer);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("ONE\n", _kit.Folder.Read("a.txt"));
        Assert.False(File.Exists(marker));
        Assert.Equal(2, result.Warnings.Count(w => w.Code == AiderParser.ShellBlockIgnoredWarning));
    }

    [Fact]
    public async Task Crlf_files_keep_crlf_on_every_line_including_new_ones()
    {
        File.WriteAllBytes(_kit.Folder.Combine("w.cs"), Encoding.UTF8.GetBytes("class A\r\n{\r\n    int x;\r\n}\r\n"));

        var result = await _kit.ApplyAsync(AiderTestKit.Block("w.cs", "    int x;\n", "    int x;\n    int y;\n"));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class A\r\n{\r\n    int x;\r\n    int y;\r\n}\r\n", Encoding.UTF8.GetString(File.ReadAllBytes(_kit.Folder.Combine("w.cs"))));
    }

    [Fact]
    public async Task A_crlf_answer_edits_an_lf_file_without_bringing_its_endings()
    {
        _kit.Folder.Write("u.txt", "a\nb\nc\n");

        var result = await _kit.ApplyAsync("u.txt\r\n<<<<<<< SEARCH\r\nb\r\n=======\r\nB\r\n>>>>>>> REPLACE\r\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nB\nc\n", Encoding.UTF8.GetString(File.ReadAllBytes(_kit.Folder.Combine("u.txt"))));
    }

    [Fact]
    public async Task Mixed_endings_stay_line_by_line()
    {
        File.WriteAllBytes(_kit.Folder.Combine("m.txt"), Encoding.UTF8.GetBytes("one\r\ntwo\nthree\r\nfour\n"));
        string answer = AiderTestKit.Block("m.txt", "two\n", "TWO\n") + AiderTestKit.Block("m.txt", "three\n", "three\nthree-and-a-half\n");

        var result = await _kit.ApplyAsync(answer);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\r\nTWO\nthree\r\nthree-and-a-half\r\nfour\n", Encoding.UTF8.GetString(File.ReadAllBytes(_kit.Folder.Combine("m.txt"))));
    }

    [Fact]
    public async Task A_file_without_a_final_newline_keeps_it_that_way()
    {
        _kit.Folder.Write("n.txt", "a\nb");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("n.txt", "b\n", "B\nC\n"));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nB\nC", _kit.Folder.Read("n.txt"));
    }

    [Fact]
    public async Task Byte_order_mark_and_trailing_whitespace_elsewhere_are_kept()
    {
        File.WriteAllBytes(_kit.Folder.Combine("b.txt"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("keep   \nchange\n\tkeep too \n")]);

        var result = await _kit.ApplyAsync(AiderTestKit.Block("b.txt", "change\n", "changed\n"));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("keep   \nchanged\n\tkeep too \n")], File.ReadAllBytes(_kit.Folder.Combine("b.txt")));
    }

    [Fact]
    public async Task An_applied_answer_rolls_back_to_the_exact_bytes()
    {
        File.WriteAllBytes(_kit.Folder.Combine("r.txt"), Encoding.UTF8.GetBytes("x\r\ny\r\n"));
        var before = _kit.Folder.Snapshot();
        string answer = AiderTestKit.Block("r.txt", "y\n", "z\n") + AiderTestKit.Block("fresh.txt", "", "new\n");
        var applied = await _kit.ApplyAsync(answer);
        Assert.True(applied.Success, applied.Error?.Message);

        var rollback = await new PatchEngine().RollbackAsync(new PatchBuild.Core.History.Rollback.RollbackOptions { Root = _kit.Folder.Path });

        Assert.True(rollback.Success, string.Join("; ", rollback.Errors.Select(e => e.Message)));
        Assert.Equal(before, _kit.Folder.Snapshot());
    }
}
