using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>
/// Makes the syntax check of an edited C# file cost what the edit costs, not what the file costs. Both versions are
/// cut at member level (<see cref="CSharpSplitPoints.FindMembers"/>): every member of every type becomes a piece; the
/// rest (usings, namespaces, type headers, closing braces) is the skeleton. When the skeletons are equal, every
/// piece of the new file that is not, character for character, a piece of the same type in the old file is parsed
/// (all of them at once, inside their types' headers). If those parse clean, the edit added no syntax error: what
/// it did not touch is the old text, whose errors (if any) are not the patch's. Anything else (a changed skeleton,
/// an error in a piece, a file the cutter refuses) answers "not proven", and the caller parses the whole file, so
/// every error reported still comes from a whole-file parse.
/// </summary>
internal static partial class CSharpMembers
{
    /// <summary>True when the edit from <paramref name="before"/> to <paramref name="after"/> provably adds no syntax error.</summary>
    public static bool ProvesNoNewErrors(string before, string after, CSharpParseOptions options)
    {
        if (options.Kind != SourceCodeKind.Regular || CSharpSplitPoints.FindMembers(before) is not { } old || CSharpSplitPoints.FindMembers(after) is not { } now)
        {
            return false;
        }

        var (oldSkeleton, oldPieces) = Split(before, old.Cuts);
        var (newSkeleton, newPieces) = Split(after, now.Cuts);
        if (!string.Equals(oldSkeleton, newSkeleton, StringComparison.Ordinal) || old.Types.Count != now.Types.Count)
        {
            return false;
        }

        var known = new HashSet<Piece>(oldPieces);
        var changed = newPieces.Where(p => !known.Contains(p)).GroupBy(p => p.Type).ToList();
        if (changed.Count == 0)
        {
            return true;
        }

        // One parse for all of them: each type's changed members inside the chain of headers they live in.
        var text = new StringBuilder();
        foreach (var type in changed)
        {
            var chain = new List<string>();
            for (int t = type.Key; t >= 0; t = now.Types[t].Parent)
            {
                chain.Add(now.Types[t].Header);
            }

            chain.Reverse();
            foreach (string header in chain)
            {
                text.Append(header).Append("\n{\n");
            }

            foreach (var piece in type)
            {
                text.Append(piece.Span).Append('\n');
            }

            text.Append('}', chain.Count).Append('\n');
        }

        var tree = CSharpSyntaxTree.ParseText(text.ToString(), options);
        return !tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    // Consecutive cuts in the same type bound a piece (one member, with its leading comments and blank lines); the
    // text between cuts in different places is skeleton. A run of pieces is one mark in the skeleton, so members
    // added, removed or edited leave it as it was.
    private static (string Skeleton, List<Piece> Pieces) Split(string text, List<CSharpSplitPoints.MemberCut> cuts)
    {
        var skeleton = new StringBuilder();
        var pieces = new List<Piece>(cuts.Count);
        int from = 0;
        bool lastWasPiece = false;
        for (int k = 0; k < cuts.Count; k++)
        {
            var cut = cuts[k];
            if (k > 0 && cuts[k - 1].Type == cut.Type)
            {
                pieces.Add(new Piece(cut.Type, text, from, cut.At - from));
                if (!lastWasPiece)
                {
                    skeleton.Append('\u0001');
                    lastWasPiece = true;
                }
            }
            else
            {
                skeleton.Append(text, from, cut.At - from);
                lastWasPiece = false;
            }

            from = cut.At;
        }

        skeleton.Append(text, from, text.Length - from);
        return (skeleton.ToString(), pieces);
    }

    /// <summary>
    /// One member of one type, as a place in its file's text: two pieces are equal when their types and characters
    /// are. Kept as a place, not a string, because nearly all of both files is pieces and only the changed ones are
    /// ever copied (into the text that is parsed).
    /// </summary>
    private readonly struct Piece(int type, string text, int start, int length) : IEquatable<Piece>
    {
        public int Type => type;

        public ReadOnlySpan<char> Span => text.AsSpan(start, length);

        public bool Equals(Piece other) => type == other.Type && Span.SequenceEqual(other.Span);

        public override bool Equals(object? obj) => obj is Piece other && Equals(other);

        // string.GetHashCode of a span is randomized per process, as a string's own is, so no file can be made of
        // pieces that all collide.
        public override int GetHashCode() => HashCode.Combine(type, string.GetHashCode(Span));
    }

    /// <summary>"namespace Name" for a block namespace's header, else null.</summary>
    public static string? NamespaceHeader(string header)
    {
        header = WithoutComments(header).Trim();
        if (!header.StartsWith("namespace", StringComparison.Ordinal) || header.Length <= "namespace".Length || !char.IsWhiteSpace(header["namespace".Length]))
        {
            return null;
        }

        string name = header["namespace".Length..].Trim();
        return name.Length > 0 && name.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.' or '@') ? "namespace " + name : null;
    }

    /// <summary>
    /// Whether the text before a '{' declares a class, struct, interface or record: attributes, modifiers, then the
    /// keyword and a name. A method or property header never matches (its type or name comes first), so statements
    /// are never mistaken for members; a header not recognized only makes a larger piece.
    /// </summary>
    public static bool IsTypeHeader(string header) => TypeHeader().IsMatch(WithoutAttributes(WithoutComments(header)));

    private static string WithoutComments(string text) => Comments().Replace(text, " ");

    private static string WithoutAttributes(string header)
    {
        string rest = header.TrimStart();
        while (rest.StartsWith('['))
        {
            int depth = 0, k = 0;
            for (; k < rest.Length; k++)
            {
                depth += rest[k] switch { '[' => 1, ']' => -1, _ => 0 };
                if (depth == 0)
                {
                    break;
                }
            }

            if (k >= rest.Length)
            {
                return rest;
            }

            rest = rest[(k + 1)..].TrimStart();
        }

        return rest;
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^((public|private|protected|internal|static|sealed|abstract|partial|unsafe|new|readonly|ref|file)\s+)*(class|struct|interface|record(\s+(class|struct))?)\s+@?[\p{L}_][\p{L}\p{Nd}_]*(\s*<[^{};]*>)?(\s*\([^{};]*\))?(\s*:[^{};]*)?(\s+where\s[^{};]*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeHeader();
}
