namespace PatchBuild.Core.Model;

/// <summary>The six RFC 6902 operations.</summary>
public enum JsonPatchOperationKind
{
    Add,
    Remove,
    Replace,
    Move,
    Copy,
    Test,
}

/// <summary>
/// One RFC 6902 operation as written in a patch.json entry. Pointers are kept as written (RFC 6901 text) and were
/// checked for syntax when the patch was parsed; the value is kept as its JSON text so the record stays immutable.
/// </summary>
public sealed record JsonPatchOperation(JsonPatchOperationKind Kind, string Path)
{
    /// <summary>0-based position of the operation inside its entry's "operations" array.</summary>
    public int Index { get; init; }

    /// <summary>1-based line in the patch file where the operation starts, when known.</summary>
    public int? Line { get; init; }

    /// <summary>Source pointer of move and copy.</summary>
    public string? From { get; init; }

    /// <summary>The "value" member as JSON text (add, replace, test); null when absent.</summary>
    public string? ValueJson { get; init; }

    /// <summary>The operation's name as RFC 6902 spells it ("add", "remove", ...).</summary>
    public string Name => Kind.ToString().ToLowerInvariant();
}
