namespace PatchBuild.Core.State.Backups;

/// <summary>
/// The backups of one journal entry, wherever each content sits: in the entry's pack, or (<see cref="BlobRef.Linked"/>)
/// in the shared blob store. Reads are capped at the lengths the journal recorded.
/// </summary>
public sealed class EntryBackups
{
    private readonly BackupPack.Reader _pack;
    private readonly BlobStore _blobs;

    /// <param name="backupFolder">The configured backup folder: blobs are looked up there, wherever the journal says the pack is.</param>
    public EntryBackups(string backupFolder, string packPath, IReadOnlyList<JournalFile> files)
    {
        _pack = new BackupPack.Reader(packPath, BackupPack.ExpectedLength(files.SelectMany(f => new[] { f.Before, f.After }).Where(b => b?.Linked != true)));
        _blobs = new BlobStore(backupFolder);
    }

    public byte[]? Read(BlobRef? blob) => blob switch
    {
        null => null,
        { Linked: true } => _blobs.Read(blob),
        _ => _pack.Read(blob),
    };
}
