using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "add-using": one using directive, in order among its kind. Global usings stay with the global ones at the top of
/// the file (the language requires them first); ordinary ones go where the file keeps its usings — at the top,
/// after a file-scoped namespace line, or inside a namespace block — System namespaces first, then ordinal order,
/// static usings after plain ones. A using the file already has (globally or not) is refused, never repeated.
/// </summary>
public sealed class AddUsingOperation : ITemplateOperation
{
    public string Name => "add-using";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        TemplateOperations.Require(template, "namespace", VariableKind.Namespace);
        TemplateOperations.Require(template, "static", VariableKind.Bool);
        TemplateOperations.Require(template, "global", VariableKind.Bool);
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string ns = run.Value("namespace");
        bool isStatic = run.Flag("static", false);
        bool isGlobal = run.Flag("global", false);
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(run.Text, run.ParseOptions).GetRoot();
        var all = unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().ToList();
        if (all.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) == isStatic && NameOf(u) == ns))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.AlreadyPresent, $"The file already has 'using {(isStatic ? "static " : "")}{ns};'.",
                "Nothing to add.");
        }

        string directive = $"{(isGlobal ? "global " : "")}using {(isStatic ? "static " : "")}{ns};";
        var text = new StyledText(run.Text);

        // The list the directive joins: the global ones, or the ordinary ones where the file keeps them.
        SyntaxList<UsingDirectiveSyntax> list = isGlobal ? unit.Usings : Container(unit).Usings();
        var group = list.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) == isGlobal).ToList();
        if (group.Count > 0)
        {
            var next = group.FirstOrDefault(u => Compare(Key(u), (isStatic, ns)) > 0 && u.Alias is null);
            var neighbour = next ?? group[^1];
            string indent = StyledText.Indentation(text.Line(Line(neighbour)));
            return next is not null
                ? TemplateOutput.Of(TextEdit.Insert(text.StartOf(Line(next)), indent + directive + text.Newline))
                : TemplateOutput.Of(TextEdit.Insert(text.EndOf(Line(neighbour)), indent + directive + text.Newline));
        }

        // The first of its kind: global ones before any ordinary using, ordinary ones after the global ones.
        if (isGlobal && unit.Usings.Count > 0)
        {
            return TemplateOutput.Of(TextEdit.Insert(text.StartOf(Line(unit.Usings[0])), directive + text.Newline + text.Newline));
        }

        if (!isGlobal && list.Count > 0)
        {
            return TemplateOutput.Of(TextEdit.Insert(text.EndOf(Line(list[^1])), text.Newline + directive + text.Newline));
        }

        // No using at all: before the first declaration (after any header comment), followed by a blank line.
        var first = unit.Members.FirstOrDefault()?.GetFirstToken() ?? unit.EndOfFileToken;
        int line = Line(first);
        if (first.IsKind(SyntaxKind.EndOfFileToken))
        {
            line = text.Count;
        }

        return TemplateOutput.Of(TextEdit.Insert(text.StartOf(line), directive + text.Newline + text.Newline));
    }

    /// <summary>Where the file keeps its ordinary usings: the only namespace that holds some, else the file.</summary>
    private static SyntaxNode Container(CompilationUnitSyntax unit)
    {
        if (unit.Usings.Any(u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
        {
            return unit;
        }

        var namespaces = unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseNamespaceDeclarationSyntax>().Where(n => n.Usings.Count > 0).ToList();
        return namespaces.Count == 1 ? namespaces[0] : unit;
    }

    private static string NameOf(UsingDirectiveSyntax u) => (u.NamespaceOrType?.ToString() ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("global::", "", StringComparison.Ordinal);

    private static (bool Static, string Name) Key(UsingDirectiveSyntax u) => (u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword), NameOf(u));

    private static int Compare((bool Static, string Name) a, (bool Static, string Name) b)
    {
        if (a.Static != b.Static)
        {
            return a.Static ? 1 : -1;
        }

        bool aSystem = IsSystem(a.Name);
        bool bSystem = IsSystem(b.Name);
        if (aSystem != bSystem)
        {
            return aSystem ? -1 : 1;
        }

        int order = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
    }

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line;

    private static int Line(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line;
}

internal static class SyntaxListExtensions
{
    public static SyntaxList<UsingDirectiveSyntax> Usings(this SyntaxNode node) => node switch
    {
        CompilationUnitSyntax unit => unit.Usings,
        BaseNamespaceDeclarationSyntax ns => ns.Usings,
        _ => default,
    };
}
