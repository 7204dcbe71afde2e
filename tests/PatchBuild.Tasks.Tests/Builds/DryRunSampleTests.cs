using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

[Collection(PackageCollection.Name)]
public sealed class DryRunSampleTests(PackageFixture fixture)
{
    [Fact]
    public void ApplyPatches_task_in_the_projects_own_target_previews_and_leaves_the_patch_pending()
    {
        var project = SampleProject.CopyOf(fixture, "DryRun");
        var before = project.Snapshot();

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("PatchBuild (dry run): would apply afix.ap: Program.cs", result.Output);
            Assert.Contains("+public static string Greet(string name) => $\"Hello, {name}, nice to see you!\";", result.Output.Replace("+    ", "+", StringComparison.Ordinal));
            Assert.Equal(before, project.Snapshot());
            Assert.Empty(project.ArchivedPatches());
        });
    }
}
