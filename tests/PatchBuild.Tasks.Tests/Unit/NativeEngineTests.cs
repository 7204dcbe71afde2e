using System.Runtime.InteropServices;
using PatchBuild.Tasks.Engine;

namespace PatchBuild.Tasks.Tests.Unit;

/// <summary>
/// Which engine the task starts: the native one the package carries for linux-x64 (tools/engine/linux-x64/patchbuild,
/// beside the managed patchbuild.dll) when this machine can run it, else `dotnet patchbuild.dll`; and the fallback
/// when the native file cannot be started. Real files and real processes in a temp folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeEngineTests : IDisposable
{
    private readonly string _package = Directory.CreateTempSubdirectory("pb-native-engine-").FullName;

    public void Dispose() => Directory.Delete(_package, recursive: true);

    private static bool LinuxX64 => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64;

    private string ManagedEngine => Path.Combine(_package, "patchbuild.dll");

    private string NativePath => Path.Combine(_package, "linux-x64", "patchbuild");

    private void WriteNative(string text, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(NativePath)!);
        File.WriteAllText(NativePath, text);
        File.SetUnixFileMode(NativePath, mode);
    }

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode NotExecutable = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void The_native_engine_beside_the_managed_one_is_chosen_on_linux_x64()
    {
        WriteNative("#!/bin/sh\nexit 0\n", Executable);

        var engine = EngineLocator.Resolve(ManagedEngine, dotnetHost: null, allowNative: true);

        Assert.Equal(LinuxX64, engine.IsNative);
        Assert.Equal(LinuxX64 ? NativePath : "dotnet", LinuxX64 ? engine.FileName : Path.GetFileNameWithoutExtension(engine.FileName));
    }

    [Fact]
    public void A_native_engine_that_lost_its_execute_bit_in_extraction_gets_it_back()
    {
        if (!LinuxX64)
        {
            return; // the package carries a native engine for linux-x64 only; elsewhere there is nothing to repair
        }

        WriteNative("#!/bin/sh\nexit 0\n", NotExecutable);

        var engine = EngineLocator.Resolve(ManagedEngine, dotnetHost: null, allowNative: true);

        Assert.True(engine.IsNative);
        Assert.True(File.GetUnixFileMode(NativePath).HasFlag(UnixFileMode.UserExecute));
    }

    [Theory]
    [InlineData("no native file")]
    [InlineData("native engine switched off")]
    [InlineData("a dotnet host named by the project")]
    [InlineData("a folder where the file belongs")]
    public void Otherwise_the_managed_engine_runs(string situation)
    {
        string? host = null;
        bool allowNative = true;
        switch (situation)
        {
            case "no native file":
                break;
            case "native engine switched off":
                WriteNative("#!/bin/sh\nexit 0\n", Executable);
                allowNative = false;
                break;
            case "a dotnet host named by the project":
                WriteNative("#!/bin/sh\nexit 0\n", Executable);
                host = "/opt/custom/dotnet";
                break;
            case "a folder where the file belongs":
                Directory.CreateDirectory(NativePath);
                break;
        }

        var engine = EngineLocator.Resolve(ManagedEngine, host, allowNative);

        Assert.False(engine.IsNative);
        Assert.Equal(ManagedEngine, engine.Assembly);
        if (host is not null)
        {
            Assert.Equal(host, engine.FileName);
        }
    }

    // A native file this machine cannot execute (here: bytes that are no program, as a glibc build is on musl) must
    // not fail the build: the task starts the managed engine instead and says so.
    [Fact]
    public void A_native_engine_that_cannot_start_falls_back_to_dotnet()
    {
        WriteNative("\u0001\u0002 not a program", Executable);
        string root = Directory.CreateTempSubdirectory("pb-native-root-").FullName;
        try
        {
            var managed = EngineCommand.Managed("dotnet", Path.Combine(AppContext.BaseDirectory, "patchbuild.dll"));
            var process = new EngineProcess(EngineCommand.Native(NativePath), managed);

            var run = process.Run("history", ["--root", root, "--json"], root, CancellationToken.None);

            Assert.Same(managed, process.Started);
            Assert.True(run.ExitCode == 0, run.StandardError);
            Assert.Contains("\"entries\"", run.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
