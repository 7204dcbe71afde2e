using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// The direct readlink behind every path check answers exactly as <see cref="FileInfo.LinkTarget"/> does, or leaves
/// the question to it: a table of what a hostile patch, clone or local user can put at a path component.
/// </summary>
public class LinkReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pb-link-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Entries => new()
    {
        "file", "folder", "missing", "link-to-file", "link-to-folder", "dangling", "relative-up", "absolute-outside",
        "link-to-link", "loop", "non-ascii-target", "longest-target", "under-a-file", "under-a-missing-folder",
        "name-with-nul", "link-into-git", "space and ünïcode name",
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Answers_as_FileInfo_or_defers_to_it(string entry)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the reader is used on Linux only; elsewhere FileInfo answers
        }

        string path = Make(entry);
        bool decided = LinkReader.TryRead(path, out string? target);
        string? expected = null;
        Exception? error = null;
        try
        {
            expected = new FileInfo(path).LinkTarget;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        if (decided)
        {
            Assert.Null(error);
            Assert.Equal(expected, target);
        }
        else
        {
            // Undecided only where .NET itself has something else to say (or a name the C call cannot carry).
            Assert.True(error is not null || entry == "name-with-nul", $"{entry}: deferred although FileInfo answered '{expected}'");
        }

        bool mustDecide = entry != "name-with-nul";
        Assert.Equal(mustDecide, decided);
    }

    private string Make(string entry)
    {
        string path = Path.Combine(_root, entry);
        switch (entry)
        {
            case "file":
            case "space and ünïcode name":
                File.WriteAllText(path, "x");
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "link-to-file":
                File.WriteAllText(path + ".target", "x");
                File.CreateSymbolicLink(path, path + ".target");
                break;
            case "link-to-folder":
                Directory.CreateDirectory(path + ".target");
                Directory.CreateSymbolicLink(path, path + ".target");
                break;
            case "dangling":
                File.CreateSymbolicLink(path, "nowhere/at/all");
                break;
            case "relative-up":
                File.CreateSymbolicLink(path, "../../etc/passwd");
                break;
            case "absolute-outside":
                File.CreateSymbolicLink(path, "/etc");
                break;
            case "link-to-link":
                File.CreateSymbolicLink(path + ".inner", "/tmp");
                File.CreateSymbolicLink(path, path + ".inner");
                break;
            case "loop":
                File.CreateSymbolicLink(path, entry);
                break;
            case "non-ascii-target":
                File.CreateSymbolicLink(path, "dössier/ファイル.cs");
                break;
            case "longest-target":
                File.CreateSymbolicLink(path, string.Join("/", Enumerable.Repeat(new string('d', 99), 40)) + "/" + new string('f', 95));
                break;
            case "under-a-file":
                File.WriteAllText(path, "x");
                return Path.Combine(path, "child");
            case "under-a-missing-folder":
                return Path.Combine(path, "child");
            case "name-with-nul":
                return path + "\0/../file";
            case "link-into-git":
                Directory.CreateDirectory(Path.Combine(_root, ".git"));
                Directory.CreateSymbolicLink(path, ".git");
                break;
        }

        return path;
    }
}
