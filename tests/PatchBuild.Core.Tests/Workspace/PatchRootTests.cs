using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Checks;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>The one rule every front end uses for what a patch's relative paths resolve against, on real folders.</summary>
public sealed class PatchRootTests : IDisposable
{
    private const string QueuedFix = """
        7e1f2a3b AP 3.2
        7e1f2a3b FILE
        src/Foo.cs
        7e1f2a3b REPLACE
        7e1f2a3b snippet
        return 1;
        7e1f2a3b content
        return 2;
        7e1f2a3b END
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_patch_queued_below_a_project_resolves_against_the_project_folder()
    {
        _folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        string patch = _folder.Write("App/queued/afix.ap", QueuedFix);

        Assert.Equal(_folder.Combine("App"), PatchRoot.For(patch));
    }

    [Fact]
    public void Without_a_project_a_patchbuild_json_or_git_the_patch_folder_is_the_root()
    {
        string patch = _folder.Write("loose/afix.ap", QueuedFix);

        Assert.Equal(_folder.Combine("loose"), PatchRoot.For(patch));
    }

    [Fact]
    public void In_a_repository_without_a_project_the_top_level_is_the_root()
    {
        using var repo = GitTestRepository.Create(_folder.Combine("repo"));
        string patch = _folder.Write("repo/queued/deep/afix.ap", QueuedFix);

        Assert.Equal(repo.Root, PatchRoot.For(patch));
    }

    [Fact]
    public void The_nearest_marker_wins_and_never_one_above_the_repository()
    {
        _folder.Write("outer.csproj", "<Project />\n");
        using var repo = GitTestRepository.Create(_folder.Combine("repo"));
        _folder.Write("repo/tools/patchbuild.json", "{}\n");
        string inTools = _folder.Write("repo/tools/queued/afix.ap", QueuedFix);
        string atTop = _folder.Write("repo/queued/afix.ap", QueuedFix);

        Assert.Equal(_folder.Combine("repo/tools"), PatchRoot.For(inTools));
        Assert.Equal(repo.Root, PatchRoot.For(atTop));
    }

    [Fact]
    public async Task Apply_of_a_queued_patch_edits_the_projects_file_and_the_hint_names_the_root()
    {
        _folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _folder.Write("App/src/Foo.cs", "class Foo\n{\n    int F()\n    {\n        return 1;\n    }\n}\n");
        string patch = _folder.Write("App/queued/afix.ap", QueuedFix);

        var result = await new PatchEngine().ApplyFilesAsync([patch], new ApplyOptions());

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(_folder.Combine("App"), result.Root);
        Assert.Contains("return 2;", _folder.Read("App/src/Foo.cs"), StringComparison.Ordinal);
        Assert.False(_folder.Exists("App/queued/src/Foo.cs"));
    }

    [Fact]
    public async Task A_missing_target_says_which_root_it_was_looked_for_in()
    {
        _folder.Write("App/App.csproj", "<Project />\n");
        string patch = _folder.Write("App/queued/afix.ap", QueuedFix);

        var result = await new PatchEngine().DryRunFilesAsync([patch], new ApplyOptions());

        Assert.Equal(ErrorCodes.FileNotFound, result.Error?.Code);
        Assert.Contains(_folder.Combine("App"), result.Error!.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patches_of_one_run_with_different_roots_are_refused_unless_a_root_is_given()
    {
        _folder.Write("A/A.csproj", "<Project />\n");
        _folder.Write("B/B.csproj", "<Project />\n");
        _folder.Write("A/src/Foo.cs", "return 1;\n");
        _folder.Write("B/src/Foo.cs", "return 1;\n");
        string first = _folder.Write("A/afix.ap", QueuedFix);
        string second = _folder.Write("B/afix.ap", QueuedFix);
        var before = _folder.Snapshot();

        var result = await new PatchEngine().ApplyFilesAsync([first, second], new ApplyOptions());

        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error?.Code);
        Assert.Contains(_folder.Combine("A"), result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(_folder.Combine("B"), result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());

        var explicitRoot = await new PatchEngine().DryRunFilesAsync([first], new ApplyOptions { Root = _folder.Combine("B") });
        Assert.True(explicitRoot.Success, explicitRoot.Error?.Message);
        Assert.Equal(_folder.Combine("B"), explicitRoot.Root);
    }

    [Fact]
    public async Task The_hook_checks_a_queued_patch_against_the_project_and_names_the_repository_in_its_hint()
    {
        using var repo = GitTestRepository.Create(_folder.Combine("repo"));
        repo.Write("App/App.csproj", "<Project />\n");
        repo.Write("App/queued/afix.ap", QueuedFix);
        repo.Stage("App");

        var report = await PatchBuild.Core.Checks.RepositoryChecker.RunAsync(new PatchBuild.Core.Checks.CheckRequest(repo.Root, PatchBuild.Core.Checks.CheckScope.StagedChanges));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(ErrorCodes.FileNotFound, finding.ErrorCode);
        Assert.Contains("'src/Foo.cs'", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"resolved against {Path.Combine(repo.Root, "App")}", finding.Hint, StringComparison.Ordinal);
    }
}
