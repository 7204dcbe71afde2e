using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PatchBuild.Tasks.Engine;

/// <summary>
/// The engine compiled ahead of time for linux-x64 (tools/engine/linux-x64/patchbuild in the package). It starts in a
/// few milliseconds where `dotnet patchbuild.dll` spends a few hundred in the runtime and the JIT, which is most of
/// what the ApplyPatches task costs a build (docs/performance.md).
/// </summary>
internal static class NativeEngine
{
    private const int ExecutePermission = 1; // X_OK
    private const uint OwnerAllGroupAndOthersReadExecute = 0x1ED; // 0755

    /// <summary>The native engine beside <paramref name="managedEngine"/>, when this machine can run it; else null.</summary>
    public static string? Beside(string managedEngine)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return null;
        }

        string folder = Path.GetDirectoryName(managedEngine) ?? ".";
        string executable = Path.Combine(Path.Combine(folder, "linux-x64"), "patchbuild");
        return File.Exists(executable) && IsExecutable(executable) ? executable : null;
    }

    /// <summary>
    /// NuGet does not keep a file's execute permission when it extracts a package, so the first build after a
    /// restore sets it (the package folder belongs to the user who restored it). Where that is not allowed, the
    /// managed engine runs instead.
    /// </summary>
    private static bool IsExecutable(string path)
    {
        try
        {
            return access(path, ExecutePermission) == 0 || (chmod(path, OwnerAllGroupAndOthersReadExecute) == 0 && access(path, ExecutePermission) == 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int access(string path, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, uint mode);
}
