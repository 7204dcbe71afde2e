using PatchBuild.Core.Checks;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Checks;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.NoTrace;

/// <summary>
/// A run that writes nothing leaves the tree exactly as it was, PatchBuild's own state folder included: .patchbuild/
/// (lock, .gitignore, journal) appears only when a first commit begins.
/// </summary>
public sealed class NoTraceTests
{
    private const string Greeter = "class Greeter\n{\n    string Hello() => \"hello\";\n}\n";

    private static readonly PatchEngine Engine = new();

    [Theory]
    [InlineData("snippet not found", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nGreeter.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nstring Missing()\ne4a2f1b8 content\nstring Found() => \"\";\ne4a2f1b8 END\n", ErrorCodes.SnippetNotFound)]
    [InlineData("syntax validation", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nGreeter.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nstring Hello() => \"hello\";\ne4a2f1b8 content\nstring Hello( => \"hello\";\ne4a2f1b8 END\n", ErrorCodes.ValidationFailed)]
    [InlineData("unparsable patch", "Please change Greeter.cs.\n", ErrorCodes.InvalidPatchFile)]
    [InlineData("refused path", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\n../outside.cs\ne4a2f1b8 CREATE\ne4a2f1b8 content\nx\ne4a2f1b8 END\n", ErrorCodes.InvalidFilePath)]
    public async Task A_failed_first_run_leaves_no_state_folder(string why, string patch, string code)
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        string patchFile = folder.Write("afix.ap", patch);
        var before = Listing(folder.Path);

        var result = await Engine.ApplyFilesAsync([patchFile], new ApplyOptions());

        Assert.False(result.Success, why);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(before, Listing(folder.Path));
    }

    [Fact]
    public async Task A_dry_run_and_an_already_applied_patch_leave_no_state_folder()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        string patchFile = folder.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nGreeter.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nstring Hello() => \"hello\";\ne4a2f1b8 content\nstring Hello() => \"hello\";\ne4a2f1b8 END\n");
        var before = Listing(folder.Path);

        var dryRun = await Engine.DryRunFilesAsync([patchFile], new ApplyOptions());
        var noChange = await Engine.ApplyFilesAsync([patchFile], new ApplyOptions());

        Assert.True(dryRun.Success, dryRun.Error?.Message);
        Assert.True(noChange.Success, noChange.Error?.Message);
        Assert.Empty(noChange.Changes);
        Assert.Equal(before, Listing(folder.Path));
    }

    [Fact]
    public async Task History_recovery_and_rollback_on_a_fresh_tree_create_nothing()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        var before = Listing(folder.Path);

        var history = await Engine.GetHistoryAsync(folder.Path);
        var recovered = await Engine.RecoverAsync(folder.Path);
        var rollback = await Engine.RollbackAsync(new PatchBuild.Core.History.Rollback.RollbackOptions { Root = folder.Path });

        Assert.Empty(history.Entries);
        Assert.Empty(recovered);
        Assert.False(rollback.Success);
        Assert.Equal(before, Listing(folder.Path));
    }

    [Fact]
    public async Task The_check_of_a_failing_staged_patch_creates_nothing()
    {
        using var repo = GitTestRepository.Create();
        repo.Write("Greeter.cs", Greeter);
        repo.Stage(".");
        repo.Commit("initial");
        repo.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nGreeter.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nstring Missing()\ne4a2f1b8 content\nstring Found() => \"\";\ne4a2f1b8 END\n");
        repo.Stage(".");
        var before = Listing(repo.Root);

        var report = await RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.StagedChanges) { RequireApplied = true });
        await RepositoryChecker.RunAsync(new CheckRequest(repo.Root, CheckScope.WorkingTree));

        Assert.True(report.HasErrors);
        Assert.Equal(before, Listing(repo.Root));
    }

    [Fact]
    public async Task The_first_commit_creates_the_state_folder_and_a_later_failure_keeps_it_as_it_was()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        string good = folder.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nGreeter.cs\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nstring Hello() => \"hello\";\ne4a2f1b8 content\nstring Hello() => \"hi\";\ne4a2f1b8 END\n");
        string bad = folder.Write("bad/afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\n../Greeter.cs\ne4a2f1b8 DELETE\ne4a2f1b8 snippet\nstring Missing()\ne4a2f1b8 END\n");

        var applied = await Engine.ApplyFilesAsync([good], new ApplyOptions { Root = folder.Path });
        var afterFirst = Listing(folder.Path);
        var failed = await Engine.ApplyFilesAsync([bad], new ApplyOptions { Root = folder.Path });

        Assert.True(applied.Success, applied.Error?.Message);
        Assert.NotNull(applied.HistoryId);
        Assert.True(File.Exists(folder.Combine(".patchbuild/history.jsonl")));
        Assert.True(File.Exists(folder.Combine(".patchbuild/.gitignore")));
        Assert.False(failed.Success);
        Assert.Equal(afterFirst, Listing(folder.Path));
        Assert.Single((await Engine.GetHistoryAsync(folder.Path)).Entries);
    }

    [Fact]
    public async Task Two_first_commits_at_once_both_land_because_the_later_one_plans_again_under_the_lock()
    {
        for (int round = 0; round < 10; round++)
        {
            using var folder = new TempFolder();
            folder.Write("letters.txt", "a\nb\n");
            string upperA = folder.Write("one/afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nletters.txt\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\na\ne4a2f1b8 content\nA\ne4a2f1b8 END\n");
            string upperB = folder.Write("two/afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nletters.txt\ne4a2f1b8 REPLACE\ne4a2f1b8 snippet\nb\ne4a2f1b8 content\nB\ne4a2f1b8 END\n");
            var options = new ApplyOptions { Root = folder.Path };

            var results = await Task.WhenAll(
                Task.Run(() => Engine.ApplyFilesAsync([upperA], options)),
                Task.Run(() => Engine.ApplyFilesAsync([upperB], options)));

            Assert.All(results, r => Assert.True(r.Success, r.Error?.Message));
            Assert.Equal("A\nB\n", folder.Read("letters.txt"));
            Assert.Equal(2, (await Engine.GetHistoryAsync(folder.Path)).Entries.Count);
        }
    }

    /// <summary>Every file and folder below the root with a hash of the file's bytes, .patchbuild/ and all.</summary>
    internal static IReadOnlyList<string> Listing(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => !Path.GetRelativePath(root, p).Replace('\\', '/').Split('/').Contains(".git"))
            .Order(StringComparer.Ordinal)
            .Select(p => Path.GetRelativePath(root, p) + Describe(p))
            .ToList();

    // A pipe or socket is listed by its kind: reading it would block.
    private static string Describe(string path) =>
        Directory.Exists(path) ? "/"
        : SpecialFiles.Describe(path) is { } kind ? " " + kind
        : " " + Convert.ToBase64String(Hash(path));

    private static byte[] Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return System.Security.Cryptography.SHA256.HashData(stream);
    }
}
