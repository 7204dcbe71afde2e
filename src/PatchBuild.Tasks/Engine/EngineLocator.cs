using System;
using System.IO;

namespace PatchBuild.Tasks.Engine;

/// <summary>Finds the engine shipped beside the task and the dotnet host that runs it.</summary>
internal static class EngineLocator
{
    /// <summary>
    /// The command for an engine assembly: the native engine beside it when this machine runs it and
    /// <paramref name="allowNative"/> (PatchBuildNativeEngine is not false), else `dotnet` with the assembly.
    /// </summary>
    public static EngineCommand Resolve(string engineAssembly, string? dotnetHost, bool allowNative)
    {
        string? native = allowNative && string.IsNullOrEmpty(dotnetHost) ? NativeEngine.Beside(engineAssembly) : null;
        return native is not null
            ? EngineCommand.Native(native)
            : EngineCommand.Managed(string.IsNullOrEmpty(dotnetHost) ? DefaultDotnetHost() : dotnetHost!, engineAssembly);
    }

    /// <summary>In the package the task sits in tasks/netstandard2.0/ and the engine in tools/engine/.</summary>
    public static string DefaultEnginePath()
    {
        var taskDirectory = Path.GetDirectoryName(typeof(EngineLocator).Assembly.Location) ?? ".";
        return Path.GetFullPath(Path.Combine(taskDirectory, "..", "..", "tools", "engine", "patchbuild.dll"));
    }

    /// <summary>
    /// `dotnet build` tells its tasks which host runs it (DOTNET_HOST_PATH); Visual Studio's MSBuild does not,
    /// and there the dotnet on PATH is the one a user's command line would use too.
    /// </summary>
    public static string DefaultDotnetHost()
    {
        var fromBuild = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return string.IsNullOrEmpty(fromBuild) || !File.Exists(fromBuild) ? "dotnet" : fromBuild!;
    }
}
