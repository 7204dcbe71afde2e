using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PatchBuild.Core.Authoring.Templates;

namespace PatchBuild.Core.Authoring.CodePlacement;

public enum PlacementKind
{
    /// <summary>Members at the end of the file's only top-level type; types after it.</summary>
    Default,

    /// <summary>After a named type or member, as its sibling.</summary>
    After,

    /// <summary>At the end of a named type's body.</summary>
    EndOf,
}

/// <summary>Where code goes: <see cref="PlacementKind.Default"/>, or after / at the end of <see cref="Symbol"/>.</summary>
public sealed record Placement(PlacementKind Kind, string? Symbol = null)
{
    public static Placement Default { get; } = new(PlacementKind.Default);
}

/// <summary>
/// Places members or types into a C# file with Roslyn: finds the declaration by name, then writes the code with the
/// target's indentation and newline, separated from its neighbours by one blank line. Only the text edit is decided
/// here; the patch and its proof (the planned file parses) come after.
/// </summary>
public static class CodePlacer
{
    public static TextEdit Plan(string target, string code, Placement placement, CSharpParseOptions? options = null)
    {
        options ??= CSharpParseOptions.Default;
        var members = ParseMembers(code, options);
        bool typesOnly = members.All(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
        var root = CSharpSyntaxTree.ParseText(target, options).GetRoot();
        var index = new DeclarationIndex(root);
        var text = new StyledText(target);
        return placement.Kind switch
        {
            PlacementKind.After => After(text, index.FindAny(placement.Symbol!, "place the code after").Node, code),
            PlacementKind.EndOf => EndOf(text, Body(index.FindType(placement.Symbol!, "add the code to")), code),
            _ when typesOnly => After(text, index.OnlyType("place the type after").Node, code),
            _ => EndOf(text, Body(index.OnlyType("add the code to")), code),
        };
    }

    /// <summary>The code as members of a type; anything else (statements, a namespace, broken code) is refused.</summary>
    public static IReadOnlyList<MemberDeclarationSyntax> ParseMembers(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText("class __PatchBuild__ {\n" + code + "\n}", options);
        var error = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        var holder = tree.GetRoot().ChildNodes().OfType<ClassDeclarationSyntax>().ToList();
        if (error is null && holder.Count == 1 && holder[0].Members.Count > 0 && holder[0].Members.All(m => m is not BaseNamespaceDeclarationSyntax))
        {
            return holder[0].Members;
        }

        string why = error is null ? "it declares no member or type" : $"line {error.Location.GetLineSpan().StartLinePosition.Line}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidCode, $"The code is not a C# member or type declaration ({why}).",
            "Give whole declarations (a method, property, field, nested or top-level type); statements and namespaces cannot be placed.");
    }

    private static TypeDeclarationSyntax Body(Declaration declaration) => declaration.Node as TypeDeclarationSyntax
        ?? throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"{declaration.Describe()} has no body that can hold members.",
            "Name a class, struct, record or interface.");

    /// <summary>At the end of the type's body, indented like its members.</summary>
    public static TextEdit EndOf(StyledText text, TypeDeclarationSyntax type, string code)
    {
        string unit = text.IndentUnit();
        string typeIndent = StyledText.Indentation(text.Line(LineOf(type.Keyword)));
        string nl = text.Newline;
        if (type.OpenBraceToken.IsMissing || type.OpenBraceToken.IsKind(SyntaxKind.None))
        {
            // "record User(string Name);" gains a body where its semicolon was.
            var body = CodeIndenter.Lines(code, typeIndent + unit, unit);
            string block = nl + typeIndent + "{" + nl + string.Join(nl, body) + nl + typeIndent + "}";
            return new TextEdit(type.SemicolonToken.SpanStart, type.SemicolonToken.Span.Length, block);
        }

        string indent = type.Members.Count > 0
            ? StyledText.Indentation(text.Line(LineOf(type.Members[0].GetFirstToken())))
            : typeIndent + unit;
        var lines = CodeIndenter.Lines(code, indent, unit);
        int closeLine = LineOf(type.CloseBraceToken);
        string beforeClose = text.Line(closeLine)[..Column(text, type.CloseBraceToken)];
        bool separate = type.Members.Count > 0 && closeLine > 0 && !text.IsBlank(closeLine - 1);
        if (beforeClose.Trim().Length == 0 && LineOf(type.OpenBraceToken) != closeLine)
        {
            string inserted = (separate ? nl : "") + string.Join(nl, lines) + nl;
            return TextEdit.Insert(text.StartOf(closeLine), inserted);
        }

        // The closing brace shares its line with other code ("class A { }"): the code opens lines of its own.
        string split = nl + (type.Members.Count > 0 ? nl : "") + string.Join(nl, lines) + nl + typeIndent;
        return TextEdit.Insert(type.CloseBraceToken.SpanStart, split);
    }

    /// <summary>After a declaration, as its sibling, with its indentation.</summary>
    public static TextEdit After(StyledText text, SyntaxNode node, string code)
    {
        string unit = text.IndentUnit();
        string nl = text.Newline;
        var last = node.GetLastToken();
        int lastLine = LineOf(last);
        string indent = StyledText.Indentation(text.Line(LineOf(node.GetFirstToken())));
        var lines = CodeIndenter.Lines(code, indent, unit);
        int at = text.EndOf(lastLine);
        string lead = at == text.Text.Length && !EndsWithNewline(text.Text) ? nl : "";
        bool nextIsCode = lastLine + 1 < text.Count && !text.IsBlank(lastLine + 1) && !text.Line(lastLine + 1).TrimStart().StartsWith('}');
        string inserted = lead + nl + string.Join(nl, lines) + nl + (nextIsCode ? nl : "");
        return TextEdit.Insert(at, inserted);
    }

    internal static int LineOf(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line;

    private static int Column(StyledText text, SyntaxToken token) => token.SpanStart - text.StartOf(LineOf(token));

    private static bool EndsWithNewline(string text) => text.EndsWith('\n') || text.EndsWith('\r');
}
