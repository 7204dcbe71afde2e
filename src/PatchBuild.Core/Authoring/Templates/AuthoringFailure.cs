using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>Builds the <see cref="PatchException"/>s authoring throws: a code, a sentence and a hint.</summary>
internal static class AuthoringFailure
{
    public static PatchException Of(string code, string message, string hint, string? file = null) =>
        new(new PatchError(code, message) { Hint = hint, File = file });
}
