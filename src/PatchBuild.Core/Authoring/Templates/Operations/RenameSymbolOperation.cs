using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "rename-symbol": every identifier token spelled "from" becomes "to" — declarations and uses alike, in this one
/// file. Strings, comments, documentation and disabled code are trivia or literals, not identifier tokens, and stay
/// as they are. Refused when "to" already names something in the file: two names would silently become one.
/// </summary>
public sealed class RenameSymbolOperation : ITemplateOperation
{
    public string Name => "rename-symbol";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        TemplateOperations.Require(template, "from", VariableKind.Identifier);
        TemplateOperations.Require(template, "to", VariableKind.Identifier);
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string from = run.Value("from").TrimStart('@');
        string to = run.Value("to");
        var root = CSharpSyntaxTree.ParseText(run.Text, run.ParseOptions).GetRoot();
        var identifiers = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
        if (identifiers.Any(t => t.ValueText == to.TrimStart('@')))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.AlreadyPresent, $"'{to}' is already used in the file; renaming '{from}' to it would merge two names.",
                "Choose a name the file does not use yet.");
        }

        var edits = identifiers.Where(t => t.ValueText == from).Select(t => new TextEdit(t.SpanStart, t.Span.Length, to)).ToArray();
        if (edits.Length == 0)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.SymbolNotFound, $"No identifier '{from}' in the file (strings and comments do not count).",
                "Check the spelling; the rename is case-sensitive.");
        }

        return TemplateOutput.Of(edits);
    }
}
