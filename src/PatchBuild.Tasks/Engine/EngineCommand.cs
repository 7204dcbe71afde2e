namespace PatchBuild.Tasks.Engine;

/// <summary>
/// How the engine is started: the native executable the package ships for linux-x64, or `dotnet patchbuild.dll`
/// (every other platform, and the fallback). The engine's arguments follow either one.
/// </summary>
internal sealed class EngineCommand
{
    private EngineCommand(string fileName, string? assembly)
    {
        FileName = fileName;
        Assembly = assembly;
    }

    /// <summary>The program the process starts.</summary>
    public string FileName { get; }

    /// <summary>The engine assembly `dotnet` runs; null for the native engine.</summary>
    public string? Assembly { get; }

    public bool IsNative => Assembly is null;

    public static EngineCommand Native(string executable) => new(executable, null);

    public static EngineCommand Managed(string dotnetHost, string assembly) => new(dotnetHost, assembly);

    public override string ToString() => Assembly is null ? FileName : FileName + " " + Assembly;
}
