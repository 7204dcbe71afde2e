namespace PatchBuild.Core.Workspace;

/// <summary>
/// The planned state of every file a <see cref="PatchWorkspace"/> has touched, kept so a failing file change can be
/// undone in memory (partial mode) without reading the disk again. Opaque outside the workspace that made it.
/// </summary>
public sealed class WorkspaceSnapshot
{
    internal WorkspaceSnapshot(IReadOnlyDictionary<string, Entry> entries) => Entries = entries;

    internal IReadOnlyDictionary<string, Entry> Entries { get; }

    internal sealed record Entry(bool Exists, bool IsDirectory, byte[]? Bytes);
}
