using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PatchBuild.Core.Authoring.Templates;

namespace PatchBuild.Core.Authoring.CodePlacement;

/// <summary>A type or member declared in a file, with its dotted name (namespaces and enclosing types included).</summary>
public sealed record Declaration(string FullName, string Kind, SyntaxNode Node, int Line)
{
    public bool IsType => Node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax;

    public string Describe() => $"{FullName} ({Kind}, line {Line})";
}

/// <summary>
/// Every type and member of one C# file, found by name the way a person writes it: "User", "Models.User",
/// "Outer.Inner", "User.Save". Partial declarations and overloads are separate entries, so a name that fits more
/// than one is reported with its candidates rather than guessed.
/// </summary>
public sealed class DeclarationIndex
{
    private readonly List<Declaration> _all = [];

    public DeclarationIndex(SyntaxNode root)
    {
        Collect(root, "");
    }

    public IReadOnlyList<Declaration> All => _all;

    /// <summary>Types not nested in another type (namespace members and top-level types).</summary>
    public IEnumerable<Declaration> TopLevelTypes => _all.Where(d => d.IsType && d.Node.Parent is not BaseTypeDeclarationSyntax);

    public Declaration FindType(string name, string what) => Find(name, what, types: true);

    public Declaration FindAny(string name, string what) => Find(name, what, types: false);

    /// <summary>The file's only top-level type; more or none is an error listing what there is.</summary>
    public Declaration OnlyType(string what)
    {
        var types = TopLevelTypes.ToList();
        if (types.Count == 1)
        {
            return types[0];
        }

        if (types.Count == 0)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.SymbolNotFound, $"The file declares no type to {what}.",
                "Add the type first, or place the code with --after SYMBOL.");
        }

        throw AuthoringFailure.Of(AuthoringErrorCodes.AmbiguousSymbol,
            $"The file declares {types.Count} types; say which one to {what}: {string.Join("; ", types.Select(t => t.Describe()))}.",
            "Name the type (--end-of TYPE, or type=NAME for a template); a dotted name (Outer.Inner, Namespace.Type) narrows it.");
    }

    private Declaration Find(string name, string what, bool types)
    {
        string[] wanted = Segments(name);
        if (wanted.Length == 0 || wanted.Any(s => s.Length == 0))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"'{name}' is not a type or member name.",
                "Write a name such as User, Models.User or User.Save.");
        }

        var matches = _all.Where(d => (!types || d.IsType) && EndsWith(Segments(d.FullName), wanted)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count == 0)
        {
            var known = _all.Where(d => !types || d.IsType).Select(d => d.FullName).Distinct().Take(12).ToList();
            throw AuthoringFailure.Of(AuthoringErrorCodes.SymbolNotFound,
                $"No {(types ? "type" : "type or member")} named '{name}' to {what} in the file.",
                known.Count == 0 ? "The file declares no types." : $"The file declares: {string.Join(", ", known)}.");
        }

        throw AuthoringFailure.Of(AuthoringErrorCodes.AmbiguousSymbol,
            $"'{name}' names {matches.Count} declarations: {string.Join("; ", matches.Select(m => m.Describe()))}.",
            "Qualify the name (Namespace.Type, Outer.Inner, Type.Member); for partial types or overloads use --end-of TYPE or --after another member.");
    }

    private static string[] Segments(string name)
    {
        // Generic arguments do not take part in the lookup: "Repository<T>" is "Repository".
        var sb = new System.Text.StringBuilder();
        int depth = 0;
        foreach (char c in name.Trim())
        {
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
            }
            else if (depth == 0 && !char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        string plain = sb.ToString();
        if (plain.StartsWith("global::", StringComparison.Ordinal))
        {
            plain = plain["global::".Length..];
        }

        return plain.Length == 0 ? [] : plain.Split('.').Select(s => s.TrimStart('@')).ToArray();
    }

    private static bool EndsWith(string[] full, string[] wanted) =>
        full.Length >= wanted.Length && full.AsSpan(full.Length - wanted.Length).SequenceEqual(wanted);

    private void Collect(SyntaxNode node, string prefix)
    {
        foreach (var child in node.ChildNodes())
        {
            switch (child)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    Collect(ns, Join(prefix, ns.Name.ToString().Replace(" ", "", StringComparison.Ordinal)));
                    break;
                case BaseTypeDeclarationSyntax type:
                    string typeName = Join(prefix, type.Identifier.ValueText);
                    Add(typeName, KindOf(type), type);
                    Collect(type, typeName);
                    break;
                case DelegateDeclarationSyntax d:
                    Add(Join(prefix, d.Identifier.ValueText), "delegate", d);
                    break;
                case MethodDeclarationSyntax m:
                    Add(Join(prefix, m.Identifier.ValueText), "method", m);
                    break;
                case ConstructorDeclarationSyntax c:
                    Add(Join(prefix, c.Identifier.ValueText), "constructor", c);
                    break;
                case PropertyDeclarationSyntax p:
                    Add(Join(prefix, p.Identifier.ValueText), "property", p);
                    break;
                case EventDeclarationSyntax e:
                    Add(Join(prefix, e.Identifier.ValueText), "event", e);
                    break;
                case BaseFieldDeclarationSyntax f:
                    foreach (var variable in f.Declaration.Variables)
                    {
                        Add(Join(prefix, variable.Identifier.ValueText), f is EventFieldDeclarationSyntax ? "event" : "field", f);
                    }

                    break;
                case EnumMemberDeclarationSyntax em:
                    Add(Join(prefix, em.Identifier.ValueText), "enum member", em);
                    break;
                case IndexerDeclarationSyntax ix:
                    Add(Join(prefix, "this"), "indexer", ix);
                    break;
                case OperatorDeclarationSyntax op:
                    Add(Join(prefix, "operator" + op.OperatorToken.ValueText), "operator", op);
                    break;
            }
        }
    }

    private void Add(string name, string kind, SyntaxNode node) =>
        _all.Add(new Declaration(name, kind, node, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1));

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static string KindOf(BaseTypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        ClassDeclarationSyntax => "class",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        EnumDeclarationSyntax => "enum",
        _ => "type",
    };
}
