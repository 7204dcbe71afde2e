using System.Diagnostics;
using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>Issue 14 §2: every path that makes a build, a tool or git run code is PB1003, however it is spelled or reached.</summary>
public sealed class CodeRunningPathTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    public static TheoryData<string> CodeRunningPaths =>
    [
        "src/App/App.csproj", "App.VBPROJ", "lib/Lib.fsproj", "build/common.props", "build/Common.Targets",
        "src/App/App.csproj.user", "App.CSPROJ.USER", "src/Lib/Lib.fsproj.user",
        "Directory.Build.props", "src/Directory.Build.targets", "Directory.Build.rsp", "DIRECTORY.BUILD.RSP",
        "Directory.Packages.props", "NuGet.config", "nuget.config", "NUGET.CONFIG", "NuGet.Config", ".nuget/NuGet.Config", "global.json", "GLOBAL.JSON",
        "App.sln", "App.SLNX", "src/App.slnf",
        "csc.rsp", "build/MSBuild.rsp",
        "test.runsettings", "tests/CI.RunSettings",
        ".editorconfig", "src/.EditorConfig", ".globalconfig", "analyzers.globalconfig", "rules.ruleset",
        "dotnet-tools.json", ".config/dotnet-tools.json", "tools/Dotnet-Tools.json",
        "Properties/launchSettings.json", "src/App/Properties/LaunchSettings.json",
        ".gitattributes", "src/.gitattributes", ".gitmodules", ".gitconfig", "config/.GITCONFIG",
        ".githooks/pre-commit", ".husky/pre-commit", ".husky/task-runner.json", ".Husky/Task-Runner.json",
        ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
        ".vscode/tasks.json", ".vscode/launch.json", ".vscode/settings.json", ".VSCode/Tasks.json",
        ".devcontainer/devcontainer.json", ".devcontainer/Dockerfile", ".devcontainer.json",
        ".envrc",
        ".github/workflows/ci.yml", ".GitHub/Workflows/release.yaml", ".github/actions/setup/action.yml", ".gitlab-ci.yml",
        "azure-pipelines.yml", "Azure-Pipelines.release.yaml", "Jenkinsfile", "bitbucket-pipelines.yml", ".circleci/config.yml",
        "patchbuild.json", "sub/PatchBuild.json",
    ];

    [Theory]
    [MemberData(nameof(CodeRunningPaths))]
    public async Task Creating_a_code_running_path_is_PB1003(string path)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, "content\n"));
        var error = SafetyAssert.Blocked(result, "PB1003");
        Assert.Equal(ErrorCodes.UnsafePatch, error.Code);
        Assert.False(_tree.Exists(path));
    }

    [Theory]
    [MemberData(nameof(CodeRunningPaths))]
    public async Task Renaming_an_ordinary_file_onto_a_code_running_path_is_PB1003(string path)
    {
        _tree.Write("notes.txt", "content\n");
        var result = await _tree.ApplyAsync(new FileChange("notes.txt", FileChangeKind.Rename) { NewPath = path, PatchLine = 1 });
        SafetyAssert.Blocked(result, "PB1003");
        Assert.True(_tree.Exists("notes.txt"));
    }

    [Theory]
    [InlineData("src/Program.cs")]
    [InlineData("README.md")]
    [InlineData("appsettings.json")]
    [InlineData("docs/project.md")]
    [InlineData(".vscode/extensions.json")]
    [InlineData("src/Properties/AssemblyInfo.cs")]
    [InlineData("notes/solution.txt")]
    [InlineData("data/config.json")]
    [InlineData("docs/.husky")] // a file named like a hook folder is not in one
    [InlineData(".githooks")]
    [InlineData("notes/.devcontainer")]
    [InlineData("workflows/.github")]
    public async Task Ordinary_paths_are_not_PB1003(string path)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, "content\n"));
        SafetyAssert.NotBlockedBy(result, "PB1003");
    }

    [Fact]
    public void Every_entry_matches_its_own_example_and_is_documented_with_it()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "safety.md"));
        foreach (var entry in BuildConfigurationPaths.Entries)
        {
            Assert.Same(entry, BuildConfigurationPaths.EntryFor(entry.Example));
            Assert.Contains(entry.Pattern, docs, StringComparison.Ordinal);
            Assert.Contains(entry.Example, docs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("build/Custom.xml", "<Project>\n  <Target Name=\"Run\" BeforeTargets=\"Build\"><Exec Command=\"touch pwned\" /></Target>\n</Project>\n")]
    [InlineData("build/tasks.config", "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><UsingTask TaskName=\"X\" /></Project>\n")]
    [InlineData("eng/Versions.txt", "\n   <Project Sdk=\"Microsoft.Build.NoTargets\"></Project>\n")]
    [InlineData("scripts/pre-push", "#!/bin/sh\n# patchbuild-managed-hook v1\nexec something\n")]
    public async Task Content_that_runs_code_is_PB1003_whatever_the_name(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content));
        SafetyAssert.Blocked(result, "PB1003");
    }

    [Theory]
    [InlineData("docs/msbuild-notes.md", "Add a <Project> element to your csproj.\n")]
    [InlineData("src/Templates.cs", "class T { const string X = \"<Project Sdk=\\\"x\\\" />\"; }\n")]
    [InlineData("data/layout.xml", "<Layout><Item Name=\"Project\" /></Layout>\n")]
    public async Task Mentioning_a_project_outside_an_xml_document_is_not_PB1003(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content));
        SafetyAssert.NotBlockedBy(result, "PB1003");
    }

    [Fact]
    public async Task The_folder_core_hooksPath_names_is_PB1003()
    {
        Git("init", "-q");
        Git("config", "core.hooksPath", "tools/git-hooks");
        var result = await _tree.ApplyAsync(TempTree.Create("tools/git-hooks/pre-commit", "#!/bin/sh\ntouch pwned\n"));
        var error = SafetyAssert.Blocked(result, "PB1003");
        Assert.Contains("core.hooksPath", error.Message);
        SafetyAssert.NotBlockedBy(await _tree.ApplyAsync(TempTree.Create("tools/other/readme.txt", "x\n")), "PB1003");
    }

    [Fact]
    public async Task The_hooks_folder_is_judged_from_a_sub_folder_root_too()
    {
        Git("init", "-q");
        Git("config", "core.hooksPath", "hooks");
        Directory.CreateDirectory(_tree.Full("src"));
        var result = await _tree.ApplyAsync(new ApplyOptions { Root = _tree.Full("src") }, TempTree.Create("../hooks/pre-commit", "x\n"));
        Assert.False(result.Success);
        var inside = await _tree.ApplyAsync(new ApplyOptions { Root = _tree.Root }, TempTree.Create("hooks/post-checkout", "x\n"));
        SafetyAssert.Blocked(inside, "PB1003");
    }

    [Fact]
    public async Task A_file_git_includes_through_include_path_is_PB1003()
    {
        Git("init", "-q");
        Git("config", "include.path", "../config/team.cfg");
        Git("config", "includeIf.gitdir:/nowhere/.path", "../config/conditional.cfg");
        var included = await _tree.ApplyAsync(TempTree.Create("config/team.cfg", "[core]\n\tfsmonitor = touch pwned\n"));
        SafetyAssert.Blocked(included, "PB1003");
        var conditional = await _tree.ApplyAsync(TempTree.Create("config/conditional.cfg", "[alias]\n\tst = !touch pwned\n"));
        SafetyAssert.Blocked(conditional, "PB1003");
        SafetyAssert.NotBlockedBy(await _tree.ApplyAsync(TempTree.Create("config/unrelated.cfg", "x\n")), "PB1003");
    }

    [Fact]
    public async Task PB1003_can_still_be_allowed_for_one_path_with_a_reason()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1003": { "allow": [ { "path": ".editorconfig", "reason": "style only" } ] } } } }""");
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create(".editorconfig", "root = true\n")));
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _tree.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatchBuild.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PatchBuild.sln not found above the test assembly.");
    }
}
