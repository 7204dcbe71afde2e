using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PatchBuild.Core.Authoring.CodePlacement;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "add-property": a property on a class, struct or interface ({ get; set; }); on a record, by the record's own idiom:
/// a positional record (one with a parameter list) gains a parameter at the end of the list, a nominal record an
/// init-only property ({ get; init; }). positional=false gives a positional record a body property instead. The
/// property goes after the type's last property, else at the end of its body.
/// </summary>
public sealed class AddPropertyOperation : ITemplateOperation
{
    public string Name => "add-property";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        TemplateOperations.Require(template, "name", VariableKind.Identifier);
        TemplateOperations.Require(template, "propertyType", VariableKind.CSharpType);
        TemplateOperations.Require(template, "type", VariableKind.Symbol);
        TemplateOperations.Require(template, "positional", VariableKind.Bool);
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string name = run.Value("name");
        string propertyType = run.Value("propertyType");
        var root = CSharpSyntaxTree.ParseText(run.Text, run.ParseOptions).GetRoot();
        var index = new DeclarationIndex(root);
        var declaration = run.Optional("type") is { } typeName ? index.FindType(typeName, "add the property to") : index.OnlyType("add the property to");
        if (declaration.Node is not TypeDeclarationSyntax type)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"{declaration.Describe()} cannot hold a property.", "Name a class, struct, record or interface.");
        }

        string bare = name.TrimStart('@');
        bool taken = type.Members.Any(m => MemberNames(m).Contains(bare))
            || (type.ParameterList?.Parameters.Any(p => p.Identifier.ValueText == bare) ?? false);
        if (taken)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.AlreadyPresent, $"{declaration.Describe()} already has a member named '{bare}'.",
                "Choose another name, or change the existing member by hand.");
        }

        var text = new StyledText(run.Text);
        if (type is RecordDeclarationSyntax { ParameterList: { } parameters } && run.Flag("positional", true))
        {
            return TemplateOutput.Of(AddParameter(text, parameters, $"{propertyType} {name}"));
        }

        string accessors = type is RecordDeclarationSyntax ? "{ get; init; }" : "{ get; set; }";
        string modifier = type is InterfaceDeclarationSyntax ? "" : "public ";
        string code = $"{modifier}{propertyType} {name} {accessors}";
        var lastProperty = type.Members.OfType<PropertyDeclarationSyntax>().LastOrDefault();
        return TemplateOutput.Of(lastProperty is not null && !SharesLine(text, lastProperty)
            ? CodePlacer.After(text, lastProperty, code)
            : CodePlacer.EndOf(text, type, code));
    }

    /// <summary>", string Phone" before ")"; on a list written one parameter a line, on a line of its own.</summary>
    private static TextEdit AddParameter(StyledText text, ParameterListSyntax list, string parameter)
    {
        if (list.Parameters.Count == 0)
        {
            return TextEdit.Insert(list.CloseParenToken.SpanStart, parameter);
        }

        var last = list.Parameters[^1];
        int lastLine = CodePlacer.LineOf(last.GetFirstToken());
        int openLine = CodePlacer.LineOf(list.OpenParenToken);
        if (lastLine == openLine)
        {
            return TextEdit.Insert(last.Span.End, ", " + parameter);
        }

        string indent = StyledText.Indentation(text.Line(lastLine));
        return TextEdit.Insert(last.Span.End, "," + text.Newline + indent + parameter);
    }

    private static bool SharesLine(StyledText text, SyntaxNode node)
    {
        int line = CodePlacer.LineOf(node.GetLastToken());
        return text.Line(line)[(node.GetLastToken().Span.End - text.StartOf(line))..].Trim().Length > 0;
    }

    private static IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        PropertyDeclarationSyntax p => [p.Identifier.ValueText],
        MethodDeclarationSyntax m => [m.Identifier.ValueText],
        BaseFieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
        EventDeclarationSyntax e => [e.Identifier.ValueText],
        BaseTypeDeclarationSyntax t => [t.Identifier.ValueText],
        _ => [],
    };
}
