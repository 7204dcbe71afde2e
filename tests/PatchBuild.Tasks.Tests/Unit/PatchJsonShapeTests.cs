using PatchBuild.Tasks.Discovery;

namespace PatchBuild.Tasks.Tests.Unit;

public sealed class PatchJsonShapeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pb-shape-").FullName;

    [Theory]
    [InlineData("""{"patches":[]}""", false)]
    [InlineData("""{"patches":[{"file_path":"a.json","operations":[]}]}""", false)]
    [InlineData("""{"name":"x","version":"1.0.0"}""", true)]
    [InlineData("""{"patches":{"a":1}}""", true)]
    [InlineData("""[1,2]""", true)]
    [InlineData("""{"patches":[ broken""", false)]
    public void Only_valid_json_without_a_patches_array_is_foreign(string json, bool foreign)
    {
        var path = Path.Combine(_dir, "patch.json");
        File.WriteAllText(path, json);
        Assert.Equal(foreign, PatchJsonShape.IsForeign(path));
    }

    [Fact]
    public void A_fifo_named_patch_json_is_left_to_the_engine_without_being_opened()
    {
        var path = Path.Combine(_dir, "patch.json");
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo") { ArgumentList = { path } })!)
        {
            mkfifo.WaitForExit();
        }

        // Opening it for reading would block until a writer came; the answer comes at once instead.
        Assert.False(PatchJsonShape.IsForeign(path));
    }

    [Fact]
    public void Ap_files_are_never_judged_by_their_json_shape()
    {
        var path = Path.Combine(_dir, "afix.ap");
        File.WriteAllText(path, "{}");
        Assert.False(PatchJsonShape.IsForeign(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
