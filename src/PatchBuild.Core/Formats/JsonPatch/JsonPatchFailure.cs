namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Why one operation could not apply, raised inside a target; the runner adds which entry, operation and file it
/// was and turns it into a <see cref="Model.PatchException"/>.
/// </summary>
internal sealed class JsonPatchFailure(string code, string message, string hint) : Exception(message)
{
    public string Code { get; } = code;

    public string Hint { get; } = hint;
}
