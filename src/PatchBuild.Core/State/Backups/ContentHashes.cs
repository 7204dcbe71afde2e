using PatchBuild.Core.Model;

namespace PatchBuild.Core.State.Backups;

/// <summary>
/// The hashes of a commit's contents, worked out once and on all cores before the journal's "begin" needs them: a
/// commit of hundreds of files hashes a thousand contents (each file's before and after), which was a third of
/// "begin" on one core. Contents are told apart by reference, as the plan holds each one once.
/// </summary>
internal sealed class ContentHashes
{
    /// <summary>Below this many contents the threads cost more than they save.</summary>
    private const int ConcurrentFrom = 32;

    private readonly Dictionary<byte[], string> _known = new(ReferenceEqualityComparer.Instance);

    public ContentHashes(IEnumerable<byte[]?> contents)
    {
        var distinct = contents.OfType<byte[]>().Distinct<byte[]>(ReferenceEqualityComparer.Instance).ToArray();
        var hashes = new string[distinct.Length];
        if (distinct.Length >= ConcurrentFrom && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, distinct.Length, i => hashes[i] = ContentHash.Of(distinct[i]));
        }
        else
        {
            for (int i = 0; i < distinct.Length; i++)
            {
                hashes[i] = ContentHash.Of(distinct[i]);
            }
        }

        for (int i = 0; i < distinct.Length; i++)
        {
            _known[distinct[i]] = hashes[i];
        }
    }

    /// <summary>The hash of <paramref name="content"/>: looked up when it was given up front, worked out otherwise.</summary>
    public string Of(byte[] content) => _known.TryGetValue(content, out string? hash) ? hash : ContentHash.Of(content);
}
