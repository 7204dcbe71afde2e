namespace PatchBuild.Tasks.Tests.Support;

/// <summary>A temporary copy of a sample (or a hand-made project) under the fixture's folder, built with real dotnet.</summary>
internal sealed class SampleProject
{
    private readonly PackageFixture _fixture;
    private int _builds;

    private SampleProject(PackageFixture fixture, string directory, string name)
    {
        _fixture = fixture;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }
    public string Name { get; }

    public static SampleProject CopyOf(PackageFixture fixture, string sample)
    {
        Assert.Null(fixture.PackError);
        var target = NewFolder(fixture, sample);
        CopyTree(Path.Combine(RepoPaths.Samples, sample), target);
        return new SampleProject(fixture, target, sample);
    }

    public static SampleProject Empty(PackageFixture fixture, string name)
    {
        Assert.Null(fixture.PackError);
        return new SampleProject(fixture, NewFolder(fixture, name), name);
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    /// <summary>Every file outside bin/ and obj/ with its content: to prove a failed build changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => f, f => File.ReadAllText(PathOf(f)));

    /// <summary>Every file under .patchbuild/applied, by file name.</summary>
    public IReadOnlyList<string> ArchivedPatches(string? under = null)
    {
        var applied = Path.Combine(under is null ? Directory : PathOf(under), ".patchbuild", "applied");
        return System.IO.Directory.Exists(applied)
            ? System.IO.Directory.EnumerateFiles(applied, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
    }

    public ProcessResult Build(params string[] extraArguments) => Build(null, extraArguments);

    public ProcessResult Build(IReadOnlyDictionary<string, string>? environment, params string[] extraArguments)
    {
        var binaryLog = Path.Combine(_fixture.WorkRoot, $"{Path.GetFileName(Directory)}-{++_builds}.binlog");
        var env = new Dictionary<string, string>(_fixture.BuildEnvironment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) env[name] = value;
        return DotnetProcess.Run(Directory, ["build", "-nodeReuse:false", "-v:n", "-bl:" + binaryLog, .. extraArguments], env, binaryLog);
    }

    public ProcessResult Run(string relativeDll) =>
        DotnetProcess.Run(Directory, [PathOf(relativeDll)], _fixture.BuildEnvironment);

    /// <summary>Runs the assertions; if they fail, the build's binary log is kept beside the test assembly.</summary>
    public static void Check(ProcessResult result, Action assertions)
    {
        try
        {
            assertions();
        }
        catch
        {
            if (result.BinaryLog is { } log && File.Exists(log))
            {
                System.IO.Directory.CreateDirectory(PackageFixture.FailedLogsFolder);
                File.Copy(log, Path.Combine(PackageFixture.FailedLogsFolder, Path.GetFileName(log)), overwrite: true);
            }

            throw;
        }
    }

    private static string NewFolder(PackageFixture fixture, string name)
    {
        var path = Path.Combine(fixture.WorkRoot, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, dir);
            if (relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj" or ".patchbuild")) continue;
            System.IO.Directory.CreateDirectory(Path.Combine(target, relative));
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj" or ".patchbuild")) continue;
            File.Copy(file, Path.Combine(target, relative));
        }
    }
}
