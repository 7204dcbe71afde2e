using System;
using System.IO;

namespace PatchBuild.Tasks.Engine;

/// <summary>Finds the engine shipped beside the task and the dotnet host that runs it.</summary>
internal static class EngineLocator
{
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
