using System.Reflection;

namespace PatchBuild.Core.State;

/// <summary>The engine's informational version, recorded with every journal entry so old entries can be explained.</summary>
public static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
