namespace PatchBuild.Core.Git.Hooks;

/// <summary>
/// How the hook can start the PatchBuild that installed it, recorded at install time as the last resort after the
/// local tool manifest: an executable (a global tool's shim, an apphost), or an assembly run by `dotnet`.
/// </summary>
public sealed record ToolCommand(string? ExecutablePath, string? AssemblyPath, string? DotnetPath)
{
    /// <summary>
    /// What the running process is: started through an apphost named patchbuild, record that executable; otherwise
    /// (`dotnet patchbuild.dll`, `dotnet tool run`, a test host) record the assembly, to be run by dotnet.
    /// </summary>
    public static ToolCommand FromRunningProcess(string toolAssemblyPath, string? processPath)
    {
        string processName = processPath is null ? "" : Path.GetFileNameWithoutExtension(processPath);
        if (processName.Equals("patchbuild", StringComparison.OrdinalIgnoreCase))
        {
            return new ToolCommand(Path.GetFullPath(processPath!), null, null);
        }

        string? dotnet = processName.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? Path.GetFullPath(processPath!) : null;
        return new ToolCommand(null, Path.GetFullPath(toolAssemblyPath), dotnet);
    }

    public override string ToString() => ExecutablePath ?? $"{DotnetPath ?? "dotnet"} {AssemblyPath}";
}
