namespace PatchBuild.Core.Safety;

/// <summary>One kind of file that makes a build, a tool or git run code (PB1003), with what it is for in docs/safety.md.</summary>
public sealed record CodeRunningPath(string Pattern, string Example, string Threat)
{
    public required Func<string, string, bool> MatchesPath { get; init; }
}

/// <summary>
/// PB1003: the one list of paths that make a build, a tool or git run code, or that loosen PatchBuild's own judge.
/// Matched on the path a patch writes (created, edited, deleted, or renamed onto), case-insensitively, because a
/// case-insensitive checkout finds "NUGET.CONFIG" as surely as "NuGet.config". What only the content or the
/// repository's own settings reveal (an XML file holding a &lt;Project&gt;, a file carrying the hook marker, the
/// folder core.hooksPath names, files git includes) is judged by <see cref="RunsCode"/> and <see cref="RepositoryCodePaths"/>.
/// </summary>
public static class BuildConfigurationPaths
{
    private const StringComparison Ignore = StringComparison.OrdinalIgnoreCase;

    /// <summary>The catalogue, in the order docs/safety.md lists it.</summary>
    public static IReadOnlyList<CodeRunningPath> Entries { get; } =
    [
        new("*.csproj, *.vbproj, *.fsproj, *.*proj, *.props, *.targets", "src/App/App.csproj",
            "MSBuild runs <Exec> and inline <UsingTask> code from any project, props or targets file it imports.")
            { MatchesPath = (path, _) => FileKinds.IsMsBuild(path) },
        new("*.csproj.user (any *proj.user)", "src/App/App.csproj.user",
            "MSBuild imports the project's .user file on every build, so it can carry targets like the project itself.")
            { MatchesPath = (_, name) => name.EndsWith("proj.user", Ignore) },
        new("Directory.Build.* (props, targets, rsp)", "Directory.Build.rsp",
            "Imported by every project below it; Directory.Build.rsp adds command-line switches to every MSBuild run.")
            { MatchesPath = (_, name) => name.StartsWith("Directory.Build.", Ignore) },
        new("Directory.Packages.props, NuGet.config (any case), global.json", "nuget.config",
            "Decide which packages, feeds and SDK a restore downloads and runs (package build scripts and analyzers run code).")
            { MatchesPath = (_, name) => NameIs(name, "Directory.Packages.props", "NuGet.config", "global.json") },
        new("*.sln, *.slnx, *.slnf", "App.sln",
            "A solution names the projects a build loads, and a project entry may point at an MSBuild file with any extension.")
            { MatchesPath = (_, name) => ExtensionIs(name, ".sln", ".slnx", ".slnf") },
        new("*.rsp", "csc.rsp",
            "Response files add switches to MSBuild and the compilers (an analyzer or a logger is code that then runs).")
            { MatchesPath = (_, name) => ExtensionIs(name, ".rsp") },
        new("*.runsettings", "test.runsettings",
            "Chooses test adapters, data collectors and environment variables for dotnet test.")
            { MatchesPath = (_, name) => ExtensionIs(name, ".runsettings") },
        new(".editorconfig, *.globalconfig, *.ruleset", ".editorconfig",
            "Sets analyzer severities: one line turns a security analyzer off for the whole tree.")
            { MatchesPath = (_, name) => NameIs(name, ".editorconfig", ".globalconfig") || ExtensionIs(name, ".globalconfig", ".ruleset") },
        new("dotnet-tools.json (root or .config/)", "dotnet-tools.json",
            "Chooses the local tools dotnet tool restore installs and dotnet tool run starts.")
            { MatchesPath = (_, name) => NameIs(name, "dotnet-tools.json") },
        new("Properties/launchSettings.json (any launchSettings.json)", "src/App/Properties/launchSettings.json",
            "dotnet run and IDEs start the commands and executables a launch profile names.")
            { MatchesPath = (_, name) => NameIs(name, "launchSettings.json") },
        new(".gitattributes, .gitmodules, .gitconfig", ".gitattributes",
            "A filter or diff driver named in .gitattributes runs a configured command on checkout and diff; .gitmodules fetches other code; a .gitconfig reached by include.path configures git itself.")
            { MatchesPath = (_, name) => NameIs(name, ".gitattributes", ".gitmodules", ".gitconfig") },
        new(".githooks/, .husky/ (task-runner.json too)", ".husky/task-runner.json",
            "Hook folders and Husky.Net's task runner run commands on every commit.")
            { MatchesPath = (path, _) => UnderFolder(path, ".githooks", ".husky") },
        new(".pre-commit-config.yaml, .pre-commit-hooks.yaml", ".pre-commit-config.yaml",
            "pre-commit installs and runs the hooks this file names on every commit.")
            { MatchesPath = (_, name) => NameIs(name, ".pre-commit-config.yaml", ".pre-commit-hooks.yaml") },
        new(".vscode/tasks.json, .vscode/launch.json, .vscode/settings.json", ".vscode/tasks.json",
            "VS Code runs tasks (some on folder open), launches programs, and reads tool paths from settings.")
            { MatchesPath = (path, name) => UnderFolder(path, ".vscode") && NameIs(name, "tasks.json", "launch.json", "settings.json") },
        new(".devcontainer/, .devcontainer.json", ".devcontainer/devcontainer.json",
            "A dev container definition runs its lifecycle commands (postCreateCommand, …) and picks the image.")
            { MatchesPath = (path, name) => UnderFolder(path, ".devcontainer") || NameIs(name, ".devcontainer.json") },
        new(".envrc", ".envrc", "direnv runs it as a shell script when a shell enters the folder.")
            { MatchesPath = (_, name) => NameIs(name, ".envrc") },
        new(".github/workflows/, .github/actions/, .gitlab-ci.yml, azure-pipelines*.yml, Jenkinsfile, bitbucket-pipelines.yml, .circleci/",
            ".github/workflows/ci.yml", "CI definitions run with the pipeline's secrets and publish rights.")
            { MatchesPath = IsPipeline },
        new("patchbuild.json", "patchbuild.json", "PatchBuild's own rules: a patch must not loosen the judge that judges it.")
            { MatchesPath = (_, name) => NameIs(name, "patchbuild.json") },
    ];

    /// <summary>True when the path is on the list (<see cref="Entries"/>).</summary>
    public static bool IsBuildConfiguration(string relativePath) => EntryFor(relativePath) is not null;

    public static CodeRunningPath? EntryFor(string relativePath)
    {
        string path = relativePath.Replace('\\', '/');
        string name = Path.GetFileName(path);
        foreach (var entry in Entries)
        {
            if (entry.MatchesPath(path, name))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Content that makes any file code-running, whatever its name: an MSBuild project, or PatchBuild's hook.</summary>
    public static string? RunsCode(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf("<Project"u8) >= 0 && LooksLikeXml(content))
        {
            return "an MSBuild project (<Project>) under another name";
        }

        return content.IndexOf(HookMarker) >= 0 ? "a file carrying PatchBuild's hook marker" : null;
    }

    private static ReadOnlySpan<byte> HookMarker => "# patchbuild-managed-hook"u8;

    // "<Project" in a C# string or in prose is not a project: the file must start as XML does (after a BOM and blanks).
    private static bool LooksLikeXml(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        int first = content.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && content[first] == (byte)'<';
    }

    // Asked for every file of every plan, against every entry: loops over spans, so a 1,000-file patch makes no
    // closures, arrays or path parts here.
    private static bool NameIs(string name, params ReadOnlySpan<string> names)
    {
        foreach (string n in names)
        {
            if (name.Equals(n, Ignore))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExtensionIs(string name, params ReadOnlySpan<string> extensions)
    {
        foreach (string e in extensions)
        {
            if (name.Length > e.Length && name.EndsWith(e, Ignore))
            {
                return true;
            }
        }

        return false;
    }

    // A folder part of the path (not its last part, the file's own name) is one of the folders.
    private static bool UnderFolder(string path, params ReadOnlySpan<string> folders)
    {
        var rest = path.AsSpan();
        for (int slash = rest.IndexOf('/'); slash >= 0; slash = rest.IndexOf('/'))
        {
            var part = rest[..slash];
            foreach (string f in folders)
            {
                if (part.Equals(f, Ignore))
                {
                    return true;
                }
            }

            rest = rest[(slash + 1)..];
        }

        return false;
    }

    private static bool IsPipeline(string path, string name)
    {
        string withSlash = "/" + path;
        foreach (string folder in (ReadOnlySpan<string>)["/.github/workflows/", "/.github/actions/", "/.circleci/"])
        {
            if (withSlash.Contains(folder, Ignore))
            {
                return true;
            }
        }

        return NameIs(name, ".gitlab-ci.yml", "Jenkinsfile", "bitbucket-pipelines.yml") ||
               (name.StartsWith("azure-pipelines", Ignore) && ExtensionIs(name, ".yml", ".yaml"));
    }
}
