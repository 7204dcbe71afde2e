using System.Diagnostics;
using System.Net.Sockets;
using PatchBuild.Core.Checks;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.NoTrace;

/// <summary>
/// Named pipes, sockets and devices are refused before anything opens them: opening a FIFO for reading waits for a
/// writer that never comes. The tests make real ones (mkfifo, a bound Unix socket).
/// </summary>
public sealed class SpecialFileTests
{
    private static readonly PatchEngine Engine = new();

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path }, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static Socket BindSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    // If a regression opened the pipe, the run would block forever: after a generous wait the pipe is opened for
    // reading and writing (which never blocks on Linux) and closed, so the blocked reader gets end-of-file and the test
    // fails on its assertions instead of hanging the suite.
    private static async Task<ApplyResult> RunUnblocked(string fifo, Func<Task<ApplyResult>> run)
    {
        var task = Task.Run(run);
        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))) != task)
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }

        return await task;
    }

    [Fact]
    public void Pipes_sockets_and_devices_are_told_from_files_and_folders()
    {
        using var folder = new TempFolder();
        string fifo = folder.Combine("pipe");
        MakeFifo(fifo);
        using var socket = BindSocket(folder.Combine("sock"));
        folder.Write("file.txt", "x\n");
        File.CreateSymbolicLink(folder.Combine("link-to-pipe"), "pipe");

        Assert.Equal("a named pipe (FIFO)", SpecialFiles.Describe(fifo));
        Assert.Equal("a named pipe (FIFO)", SpecialFiles.Describe(folder.Combine("link-to-pipe")));
        Assert.Equal("a socket", SpecialFiles.Describe(folder.Combine("sock")));
        Assert.Equal("a character device", SpecialFiles.Describe("/dev/null"));
        Assert.Null(SpecialFiles.Describe(folder.Combine("file.txt")));
        Assert.Null(SpecialFiles.Describe(folder.Path));
        Assert.Null(SpecialFiles.Describe(folder.Combine("absent")));
    }

    [Theory]
    [InlineData("REPLACE\ne4a2f1b8 snippet\nx\ne4a2f1b8 content\ny")]
    [InlineData("RECREATE\ne4a2f1b8 content\ny")]
    [InlineData("DELETE")]
    public async Task A_fifo_as_target_is_refused_without_hanging(string action)
    {
        using var folder = new TempFolder();
        string fifo = folder.Combine("settings.txt");
        MakeFifo(fifo);
        string patch = folder.Write("afix.ap", $"e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nsettings.txt\ne4a2f1b8 {action}\ne4a2f1b8 END\n");
        var before = NoTraceTests.Listing(folder.Path);

        var result = await RunUnblocked(fifo, () => Engine.ApplyFilesAsync([patch], new ApplyOptions()));

        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Contains("named pipe", result.Error.Message);
        Assert.Equal("settings.txt", result.Error.File);
        Assert.Equal(before, NoTraceTests.Listing(folder.Path));
    }

    [Fact]
    public async Task A_fifo_as_rename_source_or_inside_a_deleted_folder_is_refused()
    {
        using var folder = new TempFolder();
        string fifo = folder.Combine("old/pipe");
        Directory.CreateDirectory(folder.Combine("old"));
        MakeFifo(fifo);
        folder.Write("old/a.txt", "a\n");
        string rename = folder.Write("rename/afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 RENAME\n../old/pipe\nnew-pipe\ne4a2f1b8 END\n");
        string delete = folder.Write("delete/afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nold\ne4a2f1b8 DELETE\ne4a2f1b8 END\n");
        var before = NoTraceTests.Listing(folder.Path);

        var renamed = await RunUnblocked(fifo, () => Engine.ApplyFilesAsync([rename], new ApplyOptions { Root = folder.Combine("old") }));
        var deleted = await RunUnblocked(fifo, () => Engine.ApplyFilesAsync([delete], new ApplyOptions { Root = folder.Path }));

        Assert.False(renamed.Success);
        Assert.False(deleted.Success);
        Assert.Equal(ErrorCodes.InvalidFilePath, deleted.Error!.Code);
        Assert.Contains("named pipe", deleted.Error.Message);
        Assert.Equal(before, NoTraceTests.Listing(folder.Path));
    }

    [Fact]
    public async Task A_socket_as_target_is_refused()
    {
        using var folder = new TempFolder();
        using var socket = BindSocket(folder.Combine("app.sock"));
        string patch = folder.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\napp.sock\ne4a2f1b8 RECREATE\ne4a2f1b8 content\nx\ne4a2f1b8 END\n");

        var result = await Engine.ApplyFilesAsync([patch], new ApplyOptions());

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Contains("a socket", result.Error.Message);
        Assert.False(Directory.Exists(folder.Combine(".patchbuild")));
    }

    [Fact]
    public async Task Check_of_a_tree_holding_a_fifo_named_like_a_patch_ends()
    {
        using var repo = PatchBuild.Core.Tests.Checks.GitTestRepository.Create();
        repo.Write("a.txt", "a\n");
        repo.Stage(".");
        repo.Commit("initial");
        string fifo = Path.Combine(repo.Root, "afix.ap");
        MakeFifo(fifo);
        using var outside = new TempFolder();
        MakeFifo(outside.Combine("afix.ap"));

        var checks = Task.WhenAll(
            Task.Run(() => RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.WorkingTree))),
            Task.Run(() => RepositoryChecker.RunAsync(new CheckRequest(outside.Path, CheckScope.WorkingTree))));
        if (await Task.WhenAny(checks, Task.Delay(TimeSpan.FromSeconds(60))) != checks)
        {
            // Unblock a reader a regression left waiting, so the test fails below instead of hanging the suite.
            using var first = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            using var second = new FileStream(outside.Combine("afix.ap"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            Assert.Fail("The check opened a named pipe.");
        }

        Assert.Equal(2, (await checks).Length);
        Assert.Equal("a named pipe (FIFO)", SpecialFiles.Describe(fifo));
    }

    [Fact]
    public async Task A_fifo_as_the_patch_file_is_refused_without_hanging()
    {
        using var folder = new TempFolder();
        string fifo = folder.Combine("afix.ap");
        MakeFifo(fifo);

        var result = await RunUnblocked(fifo, () => Engine.ApplyFilesAsync([fifo], new ApplyOptions()));

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error!.Code);
        Assert.Equal(fifo, result.Error.PatchFile);
        Assert.Contains("named pipe", result.Error.Message);
    }
}
