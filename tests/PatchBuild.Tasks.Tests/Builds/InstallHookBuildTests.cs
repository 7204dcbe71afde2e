using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>PatchBuildInstallHook=true installs the pre-commit hook from a real build, as Husky.Net does at restore.</summary>
[Collection(PackageCollection.Name)]
public sealed class InstallHookBuildTests(PackageFixture fixture)
{
    [Fact]
    public void A_build_with_PatchBuildInstallHook_installs_the_pre_commit_hook_into_the_repository()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        Git(project.Directory, "init", "-q");

        var result = project.Build("-p:PatchBuildInstallHook=true");

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            string hook = Path.Combine(project.Directory, ".git", "hooks", "pre-commit");
            Assert.True(File.Exists(hook), "the build should have installed .git/hooks/pre-commit");
            Assert.Contains("patchbuild", File.ReadAllText(hook), StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Without_the_property_no_hook_is_installed()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        Git(project.Directory, "init", "-q");

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.False(File.Exists(Path.Combine(project.Directory, ".git", "hooks", "pre-commit")));
        });
    }

    private static void Git(string folder, params string[] args) => GitProcess.Require(folder, args);
}
