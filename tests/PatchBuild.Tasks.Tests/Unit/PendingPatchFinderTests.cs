using PatchBuild.Tasks.Discovery;

namespace PatchBuild.Tasks.Tests.Unit;

public sealed class PendingPatchFinderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pb-finder-" + Guid.NewGuid().ToString("N")[..8]);

    public PendingPatchFinderTests()
    {
        foreach (var file in new[]
                 {
                     "App.csproj", "afix.ap", "b/afix-2.ap", "a/patch.json", "obj/afix.ap", "bin/Debug/patch.json",
                     ".patchbuild/applied/afix.ap", "node_modules/x/patch.json", "Nested/Nested.csproj", "Nested/afix.ap",
                     "Nested/deep/patch.json", "notes/afix.txt",
                 })
        {
            var path = Path.Combine(_root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
        }
    }

    [Fact]
    public void Discover_finds_the_projects_own_patches_in_ordinal_path_order()
    {
        var found = new PendingPatchFinder(_root).Discover(["**/afix*.ap", "**/patch.json"]);

        Assert.Equal(["a/patch.json", "afix.ap", "b/afix-2.ap"], found.Select(f => Rel(f)).ToArray());
    }

    [Fact]
    public void Filter_drops_build_output_the_store_and_nested_projects_and_orders_the_rest()
    {
        var candidates = new[] { "b/afix-2.ap", "Nested/afix.ap", "obj/afix.ap", "afix.ap", "Nested/deep/patch.json", ".patchbuild/applied/afix.ap", "missing/afix.ap" }
            .Select(f => Path.Combine(_root, f));

        var kept = new PendingPatchFinder(_root).Filter(candidates);

        Assert.Equal(["afix.ap", "b/afix-2.ap"], kept.Select(f => Rel(f)).ToArray());
    }

    [Theory]
    [InlineData("afix.ap", "afix*.ap", true)]
    [InlineData("afix-login.ap", "afix*.ap", true)]
    [InlineData("AFIX.AP", "afix*.ap", true)]
    [InlineData("fix.ap", "afix*.ap", false)]
    [InlineData("afix.ap.bak", "afix*.ap", false)]
    [InlineData("patch.json", "patch.json", true)]
    [InlineData("patch.jsonc", "patch.json", false)]
    public void Wildcards_match_whole_file_names(string name, string pattern, bool expected) =>
        Assert.Equal(expected, PendingPatchFinder.WildcardMatch(name, pattern));

    [Fact]
    public void Wildcard_matching_stays_linear_on_adversarial_names()
    {
        var name = new string('a', 20_000) + "b";
        Assert.False(PendingPatchFinder.WildcardMatch(name, "*a*a*a*a*a*a*a*a*a*a*c"));
    }

    private string Rel(string path) => Path.GetRelativePath(_root, path).Replace('\\', '/');

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
