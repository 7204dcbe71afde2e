using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Authoring.Templates;

namespace PatchBuild.Core.Authoring.CodePlacement;

/// <summary>`patchbuild new --from-code FILE --into TARGET.cs`: places code with Roslyn and writes the proven ap patch.</summary>
public static class CodeAuthoring
{
    public static async Task<WrittenPatch> FromCodeAsync(string root, string code, string into, Placement placement,
        CSharpParseOptions? parseOptions = null, CancellationToken cancellationToken = default)
    {
        var target = AuthoringTarget.Read(root, into);
        if (!target.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"--into takes a C# file (.cs), not '{target.Path}'.",
                "Use --replace/--insert-after for other files.", target.Path);
        }

        var edit = CodePlacer.Plan(target.Text, code, placement, parseOptions);
        string where = placement.Kind switch
        {
            PlacementKind.After => $"after {placement.Symbol}",
            PlacementKind.EndOf => $"at the end of {placement.Symbol}",
            _ => "by the default rule",
        };
        return await AuthoredEdits.FinishAsync(target, [edit], [$"Places code into {target.Path} {where}."], cancellationToken).ConfigureAwait(false);
    }
}
