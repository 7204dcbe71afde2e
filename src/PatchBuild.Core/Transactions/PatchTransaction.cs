using PatchBuild.Core.Model;

namespace PatchBuild.Core.Transactions;

/// <summary>
/// Patches applied together, all or none: <c>await using var tx = engine.BeginTransaction(root);
/// await tx.ApplyAsync(p1); await tx.ApplyAsync(p2); await tx.CommitAsync();</c>.
/// ApplyAsync plans in memory only (each patch on top of the ones before) and throws <see cref="PatchException"/>
/// at once if a patch does not apply; nothing touches the disk until <see cref="CommitAsync"/>, which re-plans every
/// patch under the workspace lock and writes them as one journaled commit. Disposing without a commit (an exception
/// escaped) discards the plan, so there is never anything on disk to undo.
/// </summary>
public sealed class PatchTransaction : IAsyncDisposable, IDisposable
{
    private readonly PatchEngine _engine;
    private readonly ApplyOptions _options;
    private readonly List<PatchSet> _patches = [];
    private State _state = State.Open;

    private enum State
    {
        Open,
        Committed,
        Discarded,
    }

    internal PatchTransaction(PatchEngine engine, ApplyOptions options)
    {
        _engine = engine;
        _options = options with { DryRun = false, Partial = false };
    }

    public IReadOnlyList<PatchSet> Patches => _patches;

    public bool IsCommitted => _state == State.Committed;

    /// <summary>Plans the patch on top of the ones before; returns the preview (diff and planned changes) of all so far.</summary>
    public async Task<ApplyResult> ApplyAsync(PatchSet patch, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var preview = await _engine.DryRunAsync([.. _patches, patch], _options, cancellationToken).ConfigureAwait(false);
        if (!preview.Success)
        {
            throw new PatchException(preview.Error ?? new PatchError(ErrorCodes.InvalidModification, "The patch does not apply."));
        }

        _patches.Add(patch);
        return preview;
    }

    /// <summary>Writes every planned patch as one commit. Throws <see cref="PatchException"/> (nothing written) on failure.</summary>
    public async Task<ApplyResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var result = await _engine.ApplyAsync(_patches, _options, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            _state = State.Discarded;
            throw new PatchException(result.Error ?? new PatchError(ErrorCodes.FileWriteError, "The transaction could not be committed."));
        }

        _state = State.Committed;
        return result;
    }

    /// <summary>Discards the plan (nothing was written).</summary>
    public void Rollback()
    {
        if (_state == State.Open)
        {
            _state = State.Discarded;
        }
    }

    public ValueTask DisposeAsync()
    {
        Rollback();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => Rollback();

    private void EnsureOpen()
    {
        if (_state != State.Open)
        {
            throw new InvalidOperationException($"The transaction is {(_state == State.Committed ? "committed" : "rolled back")}; begin a new one.");
        }
    }
}
