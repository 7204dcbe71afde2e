using PatchBuild.Core.Authoring.CodePlacement;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "place": the body is C# (members or types) the Roslyn placer puts into the target: after the member or type the
/// "after:" setting names, at the end of the "into:" type, else by the default rule (the file's only type).
/// </summary>
public sealed class PlaceCodeOperation : ITemplateOperation
{
    public string Name => "place";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        if (template.Body.Trim().Length == 0)
        {
            throw TemplateParser.Invalid(template.Name, "a 'place' template needs the code to place as its body");
        }
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string code = TemplateParser.Fill(run.Template.Body, run.Values);
        var placement = run.Setting("after") is { } after ? new Placement(PlacementKind.After, after)
            : run.Setting("into") is { } into ? new Placement(PlacementKind.EndOf, into)
            : Placement.Default;
        return TemplateOutput.Of(CodePlacer.Plan(run.Text, code, placement, run.ParseOptions));
    }
}
