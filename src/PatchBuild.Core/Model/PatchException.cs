namespace PatchBuild.Core.Model;

/// <summary>Carries a <see cref="PatchError"/> out of deep parsing or matching code to the engine, which turns it back into a value.</summary>
public sealed class PatchException(PatchError error) : Exception(error.Message)
{
    public PatchError Error { get; } = error;

    public PatchException(string code, string message, string? hint = null)
        : this(new PatchError(code, message) { Hint = hint })
    {
    }
}
