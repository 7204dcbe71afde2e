using System.Diagnostics;
using System.Text;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// The tool package must build on a machine whose NuGet cache has never seen the native (ahead-of-time) compiler: the README's
/// `dotnet pack` is run on a copy of this checkout with an empty private NUGET_PACKAGES folder. The copy keeps the
/// real checkout's obj/ folders (and their restore results) out of the test's reach.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void Packing_the_solution_with_an_empty_package_cache_produces_the_tool_packages()
    {
        using var work = new TempFolder();
        string checkout = Path.Combine(work.Path, "checkout");
        string feed = Path.Combine(work.Path, "feed");
        string packages = Path.Combine(work.Path, "nuget-packages");
        Directory.CreateDirectory(packages);
        CopyCheckout(RepositoryRoot(), checkout);

        var (exitCode, output) = Dotnet(checkout, packages, "pack", "PatchBuild.sln", "-c", "Release", "-o", feed, "-nodeReuse:false", "-v:m");

        Assert.True(exitCode == 0, $"dotnet pack failed (exit code {exitCode}):\n{output}");
        Assert.DoesNotContain("NETSDK1094", output, StringComparison.Ordinal);
        var produced = Directory.GetFiles(feed, "PatchBuild.Tool*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["PatchBuild.Tool.0.1.0.nupkg", "PatchBuild.Tool.any.0.1.0.nupkg", "PatchBuild.Tool.linux-x64.0.1.0.nupkg"], produced);
        string linuxPackage = Path.Combine(feed, "PatchBuild.Tool.linux-x64.0.1.0.nupkg");
        if (NativeToolchain)
        {
            // The linux-x64 package was compiled ahead of time by the ILCompiler pack that restore fetched into the
            // empty cache: it holds one native executable, no IL assemblies and no symbols.
            Assert.NotEmpty(Directory.GetDirectories(packages, "runtime.linux-x64.microsoft.dotnet.ilcompiler"));
            Assert.DoesNotContain(Entries(linuxPackage), entry => entry.EndsWith(".dll", StringComparison.Ordinal) || entry.EndsWith(".dbg", StringComparison.Ordinal) || entry.EndsWith(".pdb", StringComparison.Ordinal));
            Assert.Equal("\u007fELF"u8.ToArray(), EntryStart(linuxPackage, "tools/any/linux-x64/patchbuild", 4));
        }
        else
        {
            // Without a C toolchain the linux-x64 package is ReadyToRun, compiled by the Crossgen2 pack restore fetched.
            Assert.NotEmpty(Directory.GetDirectories(packages, "microsoft.netcore.app.crossgen2.*"));
        }

        // The engine is not a package of its own: it travels inside the tool and inside the MSBuild package.
        Assert.Empty(Directory.GetFiles(feed, "PatchBuild.Core*.nupkg"));
        Assert.Contains("tools/net10.0/any/PatchBuild.Core.dll", Entries(Path.Combine(feed, "PatchBuild.Tool.any.0.1.0.nupkg")));
        Assert.Contains("tools/engine/PatchBuild.Core.dll", Entries(Path.Combine(feed, "PatchBuild.0.1.0.nupkg")));

        // Packed on linux-x64, the MSBuild package carries the native engine too, and a real `dotnet build` of the
        // quickstart sample, restored from this feed, applies its patches through it.
        string msbuildPackage = Path.Combine(feed, "PatchBuild.0.1.0.nupkg");
        if (NativeToolchain)
        {
            Assert.Equal("\u007fELF"u8.ToArray(), EntryStart(msbuildPackage, "tools/engine/linux-x64/patchbuild", 4));
        }

        string app = Path.Combine(work.Path, "app");
        CopyFolder(Path.Combine(checkout, "samples", "Quickstart"), app);
        File.WriteAllText(Path.Combine(work.Path, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="patchbuild-local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="patchbuild-local"><package pattern="PatchBuild" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        var (buildExit, buildOutput) = Dotnet(app, packages, "build", "-c", "Release", "-nodeReuse:false", "-v:detailed", "-p:PatchBuildMode=Apply");

        Assert.True(buildExit == 0, $"dotnet build of the quickstart failed (exit code {buildExit}):\n{buildOutput}");
        Assert.Equal(NativeToolchain, buildOutput.Contains("linux-x64/patchbuild apply", StringComparison.Ordinal));
        Assert.DoesNotContain("could not start here", buildOutput, StringComparison.Ordinal);
        Assert.Contains("settings version", File.ReadAllText(Path.Combine(app, "Program.cs")), StringComparison.Ordinal);
    }

    // The same test as Directory.Build.props makes (PatchBuildNativeToolchain): Linux x64 with clang or gcc.
    private static bool NativeToolchain =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64
        && new[] { "/usr/bin/clang", "/usr/bin/gcc", "/usr/local/bin/clang", "/usr/local/bin/gcc" }.Any(File.Exists);

    private static void CopyFolder(string source, string destination)
    {
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static List<string> Entries(string package)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        return zip.Entries.Select(entry => entry.FullName).ToList();
    }

    private static byte[] EntryStart(string package, string entryName, int count)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is not in {Path.GetFileName(package)}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        byte[] start = new byte[count];
        stream.ReadExactly(start);
        return start;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatchBuild.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PatchBuild.sln not found above {AppContext.BaseDirectory}.");
    }

    // What a fresh clone of the working tree holds: tracked and untracked files that git does not ignore (so no bin/,
    // obj/ or artifacts/), with their current content.
    private static void CopyCheckout(string root, string destination)
    {
        var (exitCode, output) = Run("git", root, null, "ls-files", "--cached", "--others", "--exclude-standard", "-z");
        Assert.True(exitCode == 0, "git ls-files failed:\n" + output);
        foreach (string relative in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string source = Path.Combine(root, relative);
            if (!File.Exists(source))
            {
                continue;
            }

            string target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, string packagesFolder, params string[] arguments) =>
        Run("dotnet", workingDirectory, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = packagesFolder,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        }, arguments);

    private static (int ExitCode, string Output) Run(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A parent `dotnet test` points MSBuild at its own SDK pieces; the pack must find them as a person's shell does.
        foreach (string name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILDNOINPROCNODE", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not end within 20 minutes:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
