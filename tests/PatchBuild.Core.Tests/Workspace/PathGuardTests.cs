using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

public sealed class PathGuardTests
{
    [Theory]
    [InlineData("../outside.cs")]
    [InlineData("src/../../outside.cs")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("\\\\server\\share\\x.cs")]
    [InlineData(".git/hooks/pre-commit")]
    [InlineData("sub/.git/config")]
    [InlineData(".GIT/config")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("a\0b")]
    [InlineData(".patchbuild/history.jsonl")]
    [InlineData("sub/.PatchBuild/backups/x.pack")]
    [InlineData(".git./hooks/pre-commit")]
    [InlineData(".git /config")]
    [InlineData("GIT~1/config")]
    [InlineData("src/file.cs:stream")]
    [InlineData("src/NUL.cs")]
    [InlineData("CON")]
    public void Refuses_paths_that_leave_the_root_or_touch_git(string path)
    {
        using var folder = new TempFolder();
        var guard = new PathGuard(folder.Path);
        var ex = Assert.Throws<PatchException>(() => guard.Resolve(path));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Error.Hint));
    }

    [Theory]
    [InlineData("src/Program.cs", "src/Program.cs")]
    [InlineData("./src//Program.cs", "src/Program.cs")]
    [InlineData("src\\Models\\User.cs", "src/Models/User.cs")]
    [InlineData(".github/workflows/ci.yml", ".github/workflows/ci.yml")]
    [InlineData(".gitignore", ".gitignore")]
    public void Accepts_and_normalizes_relative_paths(string path, string expected)
    {
        using var folder = new TempFolder();
        var resolved = new PathGuard(folder.Path).Resolve(path);
        Assert.Equal(expected, resolved.Relative);
        Assert.StartsWith(folder.Path, resolved.Full, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_symlinked_folder_that_points_outside_the_root()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        Directory.CreateSymbolicLink(root.Combine("escape"), outside.Path);
        var ex = Assert.Throws<PatchException>(() => new PathGuard(root.Path).Resolve("escape/file.cs"));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
        Assert.Contains("symbolic link", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_dangling_file_symlink_that_would_create_a_file_outside()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        File.CreateSymbolicLink(root.Combine("config.json"), Path.Combine(outside.Path, "not-yet.json"));
        var ex = Assert.Throws<PatchException>(() => new PathGuard(root.Path).Resolve("config.json"));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
    }

    [Fact]
    public void Refuses_a_symlink_that_leads_into_git()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine(".git/hooks"));
        Directory.CreateSymbolicLink(root.Combine("hooks"), root.Combine(".git/hooks"));
        var ex = Assert.Throws<PatchException>(() => new PathGuard(root.Path).Resolve("hooks/pre-commit"));
        Assert.Contains(".git", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_symlink_that_stays_inside_the_root()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(root.Combine("real"));
        Directory.CreateSymbolicLink(root.Combine("alias"), root.Combine("real"));
        var resolved = new PathGuard(root.Path).Resolve("alias/x.cs");
        Assert.Equal("alias/x.cs", resolved.Relative);
    }

    [Fact]
    public void A_root_that_is_itself_a_symlink_still_works()
    {
        using var real = new TempFolder();
        using var holder = new TempFolder();
        string link = holder.Combine("root-link");
        Directory.CreateSymbolicLink(link, real.Path);
        var resolved = new PathGuard(link).Resolve("a/b.cs");
        Assert.Equal("a/b.cs", resolved.Relative);
    }

    [Fact]
    public void A_symlink_loop_is_an_error_not_a_hang()
    {
        using var root = new TempFolder();
        File.CreateSymbolicLink(root.Combine("a"), root.Combine("b"));
        File.CreateSymbolicLink(root.Combine("b"), root.Combine("a"));
        var ex = Assert.Throws<PatchException>(() => new PathGuard(root.Path).Resolve("a"));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
    }

    [Fact]
    public void Verify_sees_a_folder_swapped_for_a_link_after_planning()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        Directory.CreateDirectory(root.Combine("src"));
        var guard = new PathGuard(root.Path);
        guard.Resolve("src/a.cs");

        Directory.Delete(root.Combine("src"));
        Directory.CreateSymbolicLink(root.Combine("src"), outside.Path);

        var ex = Assert.Throws<PatchException>(() => guard.Verify("src/a.cs"));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
    }

    [Fact]
    public void A_leaf_link_is_seen_even_when_its_folder_was_resolved_before()
    {
        using var root = new TempFolder();
        using var outside = new TempFolder();
        var guard = new PathGuard(root.Path);
        guard.Resolve("plain.cs");
        File.CreateSymbolicLink(root.Combine("link.cs"), Path.Combine(outside.Path, "target.cs"));

        var ex = Assert.Throws<PatchException>(() => guard.Resolve("link.cs"));
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
    }

    // What may lie below the root when a commit judges its paths again (VerifyBelowRoot, after VerifyRoot): planted
    // after planning by a hostile process or present in a hostile clone. Each must be judged as a full walk judges it.
    public static TheoryData<string, string, bool> SwappedBelowRoot => new()
    {
        { "folder -> outside (absolute)", "outside-abs", false },
        { "folder -> outside (relative, ../..)", "outside-rel", false },
        { "folder -> .git", "git", false },
        { "folder -> .patchbuild", "state", false },
        { "folder -> another folder inside (absolute)", "inside-abs", true },
        { "folder -> another folder inside (relative)", "inside-rel", true },
        { "folder -> a link chain that ends outside", "chain-out", false },
        { "folder -> a link chain that stays inside", "chain-in", true },
        { "folder -> itself (a loop)", "loop", false },
        { "folder -> root/.. then back in by name", "up-and-back", true },
    };

    [Theory]
    [MemberData(nameof(SwappedBelowRoot))]
    public void The_root_relative_recheck_judges_links_below_the_root_as_a_whole_walk_does(string why, string kind, bool allowed)
    {
        using var holder = new TempFolder();
        using var outside = new TempFolder();
        string rootPath = holder.Combine("root");
        Directory.CreateDirectory(Path.Combine(rootPath, "src"));
        Directory.CreateDirectory(Path.Combine(rootPath, "other"));
        Directory.CreateDirectory(Path.Combine(rootPath, ".git"));
        Directory.CreateDirectory(Path.Combine(rootPath, ".patchbuild"));
        var guard = new PathGuard(rootPath);
        guard.Resolve("src/a.cs");

        string src = Path.Combine(rootPath, "src");
        Directory.Delete(src);
        switch (kind)
        {
            case "outside-abs": Directory.CreateSymbolicLink(src, outside.Path); break;
            case "outside-rel": Directory.CreateSymbolicLink(src, Path.GetRelativePath(rootPath, outside.Path)); break;
            case "git": Directory.CreateSymbolicLink(src, ".git"); break;
            case "state": Directory.CreateSymbolicLink(src, Path.Combine(rootPath, ".patchbuild")); break;
            case "inside-abs": Directory.CreateSymbolicLink(src, Path.Combine(rootPath, "other")); break;
            case "inside-rel": Directory.CreateSymbolicLink(src, "other"); break;
            case "chain-out":
                Directory.CreateSymbolicLink(Path.Combine(rootPath, "hop"), outside.Path);
                Directory.CreateSymbolicLink(src, "hop");
                break;
            case "chain-in":
                Directory.CreateSymbolicLink(Path.Combine(rootPath, "hop"), "other");
                Directory.CreateSymbolicLink(src, "hop");
                break;
            case "loop": Directory.CreateSymbolicLink(src, "src"); break;
            case "up-and-back": Directory.CreateSymbolicLink(src, "../root/other"); break;
        }

        guard.VerifyRoot();
        if (allowed)
        {
            Assert.Equal(guard.Verify("src/a.cs"), guard.VerifyBelowRoot("src/a.cs"));
        }
        else
        {
            var whole = Assert.Throws<PatchException>(() => guard.Verify("src/a.cs"));
            var below = Assert.Throws<PatchException>(() => guard.VerifyBelowRoot("src/a.cs"));
            Assert.True(whole.Error.Code == below.Error.Code && whole.Error.Rule == below.Error.Rule, $"{why}: {whole.Error.Message} / {below.Error.Message}");
        }
    }

    [Theory]
    [InlineData("the root's parent replaced by a link elsewhere")]
    [InlineData("the root replaced by a link to a copy")]
    [InlineData("the root moved away")]
    public void A_root_that_leads_elsewhere_since_planning_stops_every_write(string how)
    {
        using var holder = new TempFolder();
        using var elsewhere = new TempFolder();
        string parent = holder.Combine("parent");
        string rootPath = Path.Combine(parent, "root");
        Directory.CreateDirectory(Path.Combine(rootPath, "src"));
        Directory.CreateDirectory(Path.Combine(elsewhere.Path, "root", "src"));
        var guard = new PathGuard(rootPath);
        guard.VerifyRoot();

        switch (how)
        {
            case "the root's parent replaced by a link elsewhere":
                Directory.Move(parent, parent + ".old");
                Directory.CreateSymbolicLink(parent, elsewhere.Path);
                break;
            case "the root replaced by a link to a copy":
                Directory.Move(rootPath, rootPath + ".old");
                Directory.CreateSymbolicLink(rootPath, Path.Combine(elsewhere.Path, "root"));
                break;
            default:
                Directory.Move(rootPath, rootPath + ".old");
                break;
        }

        var ex = Assert.Throws<PatchException>(guard.VerifyRoot);
        Assert.Equal(ErrorCodes.InvalidFilePath, ex.Error.Code);
        Assert.Equal("PB1001", ex.Error.Rule);
        Assert.Contains("planned", ex.Error.Message);
    }
}
