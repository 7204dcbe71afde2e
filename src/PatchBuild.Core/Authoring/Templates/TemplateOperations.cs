using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Authoring.Templates.Operations;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>What a template operation gets: the template, the checked values, and the target file's text.</summary>
public sealed record TemplateRun(TemplateDefinition Template, IReadOnlyDictionary<string, string> Values, string? TargetPath, string? StyledText)
{
    public CSharpParseOptions ParseOptions { get; init; } = CSharpParseOptions.Default;

    public string Value(string name) => Values.TryGetValue(name, out string? v) ? v : "";

    public string? Optional(string name) => Values.TryGetValue(name, out string? v) && v.Length > 0 ? v : null;

    public bool Flag(string name, bool fallback) => Values.TryGetValue(name, out string? v) && v.Length > 0 ? v == "true" : fallback;

    /// <summary>A front-matter setting with its placeholders filled; null when absent or empty.</summary>
    public string? Setting(string key)
    {
        if (!Template.Settings.TryGetValue(key, out string? raw))
        {
            return null;
        }

        string filled = TemplateParser.Fill(raw, Values).Trim();
        return filled.Length == 0 ? null : filled;
    }

    public string Text => StyledText ?? throw new InvalidOperationException("The operation needs a target file.");
}

/// <summary>An operation's result: edits of the target file, or a whole patch text (ap or patch.json) it wrote itself.</summary>
public sealed record TemplateOutput(IReadOnlyList<TextEdit>? Edits, string? PatchText = null, PatchFormat Format = PatchFormat.Ap)
{
    public static TemplateOutput Of(params TextEdit[] edits) => new(edits);
}

/// <summary>One kind of change a template can ask for.</summary>
public interface ITemplateOperation
{
    string Name { get; }

    /// <summary>Whether the operation edits the --file target (all but some ap bodies do).</summary>
    bool NeedsTarget(TemplateDefinition template);

    /// <summary>Refuses a template that lacks what the operation reads (variables, settings, body).</summary>
    void CheckDefinition(TemplateDefinition template);

    TemplateOutput Run(TemplateRun run);
}

/// <summary>The operations by name.</summary>
public static class TemplateOperations
{
    private static readonly ITemplateOperation[] All =
    [
        new ApBodyOperation(),
        new PlaceCodeOperation(),
        new AddPropertyOperation(),
        new AddUsingOperation(),
        new RenameSymbolOperation(),
        new AddPackageReferenceOperation(),
        new JsonSetOperation(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(o => o.Name).ToList();

    public static ITemplateOperation Get(string name) => All.First(o => o.Name == name);

    /// <summary>For CheckDefinition: the variables an operation reads must be declared with the right kind.</summary>
    internal static void Require(TemplateDefinition template, string variable, params VariableKind[] kinds)
    {
        var declared = template.Variable(variable);
        if (declared is null || (kinds.Length > 0 && !kinds.Contains(declared.Kind)))
        {
            string kindNames = string.Join(" or ", kinds.Select(k => TemplateVariable.KindNames.First(p => p.Value == k).Key));
            throw TemplateParser.Invalid(template.Name, $"operation '{template.Operation}' reads the variable '{variable}' ({kindNames}); declare it");
        }
    }
}
