using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>
/// Proves a large C# file free of syntax errors by parsing it in pieces, one per core, cut between top-level
/// declarations (<see cref="CSharpSplitPoints"/>). A piece that starts inside a block namespace gets the namespace's
/// header in front and a piece that ends inside one a closing brace. Only a clean answer is trusted: any error in
/// any piece, or a piece holding what is only legal at the start of a file (usings, assembly attributes, a file-scoped
/// namespace, top-level statements), means "parse the whole file", so every reported error comes from the whole parse.
/// </summary>
internal static class CSharpPieceParser
{
    /// <summary>Smaller files parse whole: splitting costs more than it saves.</summary>
    public const int DefaultMinimumLength = 256 * 1024;

    public static bool IsCleanInPieces(string text, CSharpParseOptions options, int pieces, int minimumLength = DefaultMinimumLength)
    {
        if (pieces < 2 || text.Length < minimumLength || options.Kind != SourceCodeKind.Regular)
        {
            return false;
        }

        var cuts = Choose(CSharpSplitPoints.Find(text), text.Length, pieces);
        if (cuts.Count == 0)
        {
            return false;
        }

        var bounds = new List<(int Start, int End, string? OpenHeader, bool CloseNamespace)>();
        int start = 0;
        string? header = null;
        foreach (var cut in cuts)
        {
            bounds.Add((start, cut.At, header, cut.NamespaceHeader is not null));
            start = cut.At;
            header = cut.NamespaceHeader;
        }

        bounds.Add((start, text.Length, header, false));
        var clean = new bool[bounds.Count];
        Parallel.For(0, bounds.Count, i =>
        {
            var (from, to, openHeader, close) = bounds[i];
            string piece = (openHeader is null ? "" : openHeader + "{") + text[from..to] + (close ? "\n}" : "");
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(piece, options).GetRoot();
            clean[i] = !root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
                && (i == 0 || StartsLikeAContinuation(root, openHeader is not null));
        });
        return clean.All(c => c);
    }

    // What follows declarations in a whole file must also be legal there: types, delegates and block namespaces.
    private static bool StartsLikeAContinuation(CompilationUnitSyntax root, bool insideNamespace)
    {
        if (root.Usings.Count > 0 || root.Externs.Count > 0 || root.AttributeLists.Count > 0)
        {
            return false;
        }

        if (insideNamespace)
        {
            if (root.Members.FirstOrDefault() is not NamespaceDeclarationSyntax synthetic || synthetic.Usings.Count > 0 || synthetic.Externs.Count > 0
                || !synthetic.Members.All(IsDeclaration))
            {
                return false;
            }
        }

        return root.Members.All(m => IsDeclaration(m));
    }

    private static bool IsDeclaration(MemberDeclarationSyntax member) =>
        member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or NamespaceDeclarationSyntax;

    // The cut nearest each even share of the file, none closer than a tenth of a share to the last one.
    private static List<CSharpSplitPoints.Cut> Choose(List<CSharpSplitPoints.Cut> cuts, int length, int pieces)
    {
        var chosen = new List<CSharpSplitPoints.Cut>();
        int share = length / pieces, previous = 0;
        for (int p = 1; p < pieces && cuts.Count > 0; p++)
        {
            int ideal = p * share;
            var best = cuts.MinBy(c => Math.Abs(c.At - ideal));
            if (best.At - previous > share / 10 && length - best.At > share / 10)
            {
                chosen.Add(best);
                previous = best.At;
            }
        }

        return chosen;
    }
}
