using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// What a variable's value must look like. Values come from a command line a script or a model may have written, so
/// each kind accepts only what its place in the output can carry: no kind but <see cref="Text"/> and
/// <see cref="JsonValue"/> lets a line break through, and those two land where a line break cannot change structure
/// (an ap content block behind a fresh ID, a JSON string).
/// </summary>
public enum VariableKind
{
    /// <summary>A C# identifier (a keyword only with '@').</summary>
    Identifier,

    /// <summary>A dotted C# name: a type or member to find (User, Models.User, Outer.Inner).</summary>
    Symbol,

    /// <summary>A namespace (System.Text.Json).</summary>
    Namespace,

    /// <summary>A C# type as written in a declaration (string, List&lt;int&gt;?, (int A, int B)).</summary>
    CSharpType,

    /// <summary>A C# parameter list without its parentheses (int id, string name = "").</summary>
    CSharpParameters,

    /// <summary>A NuGet package ID.</summary>
    PackageId,

    /// <summary>A NuGet version or version range.</summary>
    Version,

    /// <summary>A configuration key path (Logging:LogLevel:Default).</summary>
    ConfigPath,

    /// <summary>A JSON value; text that is not JSON is taken as a string.</summary>
    JsonValue,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>One line of text without control characters.</summary>
    Line,

    /// <summary>Any text, line breaks included (for ap template bodies).</summary>
    Text,
}

/// <summary>A variable a template declares: its name, kind, whether it must be given, its default, and what it is for.</summary>
public sealed partial record TemplateVariable(string Name, VariableKind Kind, bool Required, string? Default, string Description)
{
    public const int MaxValueLength = 4096;

    public static readonly IReadOnlyDictionary<string, VariableKind> KindNames = new Dictionary<string, VariableKind>(StringComparer.Ordinal)
    {
        ["identifier"] = VariableKind.Identifier,
        ["symbol"] = VariableKind.Symbol,
        ["namespace"] = VariableKind.Namespace,
        ["csharp-type"] = VariableKind.CSharpType,
        ["csharp-parameters"] = VariableKind.CSharpParameters,
        ["package-id"] = VariableKind.PackageId,
        ["version"] = VariableKind.Version,
        ["config-path"] = VariableKind.ConfigPath,
        ["json"] = VariableKind.JsonValue,
        ["bool"] = VariableKind.Bool,
        ["line"] = VariableKind.Line,
        ["text"] = VariableKind.Text,
    };

    public string KindName => KindNames.First(k => k.Value == Kind).Key;

    /// <summary>The value as the template uses it, or an INVALID_VALUE error saying why not.</summary>
    public string Check(string value)
    {
        if (value.Length > MaxValueLength)
        {
            throw Refuse(value, $"it is longer than {MaxValueLength} characters");
        }

        if (Kind is not (VariableKind.Text or VariableKind.JsonValue) && value.Any(char.IsControl))
        {
            throw Refuse(value, "it holds a line break or another control character");
        }

        if (value.Any(c => c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u2028' or '\u2029' or '\0'))
        {
            throw Refuse(value, "it holds bidirectional or separator control characters");
        }

        bool ok = Kind switch
        {
            VariableKind.Identifier => IsIdentifier(value),
            VariableKind.Symbol => value.Split('.').All(IsIdentifier),
            VariableKind.Namespace => value.Split('.').All(s => IsIdentifier(s) && !s.StartsWith('@')),
            VariableKind.CSharpType => value == "void" || IsType(value),
            VariableKind.CSharpParameters => value.Trim().Length == 0 || IsParameterList(value),
            VariableKind.PackageId => PackageIdPattern().IsMatch(value),
            VariableKind.Version => VersionPattern().IsMatch(value),
            VariableKind.ConfigPath => value.Length > 0 && value.Split(':').All(s => s.Length > 0 && s.Trim() == s),
            VariableKind.Bool => value is "true" or "false",
            _ => true,
        };

        return ok ? value : throw Refuse(value, Expected);
    }

    private string Expected => Kind switch
    {
        VariableKind.Identifier => "it is not a C# identifier (letters, digits, '_'; a keyword needs '@')",
        VariableKind.Symbol => "it is not a C# name (identifiers joined by '.')",
        VariableKind.Namespace => "it is not a namespace (identifiers joined by '.')",
        VariableKind.CSharpType => "it is not a C# type (e.g. string, List<int>?, Dictionary<string, User>)",
        VariableKind.CSharpParameters => "it is not a C# parameter list (e.g. int id, string name)",
        VariableKind.PackageId => "it is not a NuGet package ID (letters, digits, '.', '-', '_')",
        VariableKind.Version => "it is not a NuGet version or range (e.g. 1.2.3, 8.0.*, [1.0,2.0))",
        VariableKind.ConfigPath => "it is not a configuration key path (non-empty segments joined by ':')",
        VariableKind.Bool => "it is neither true nor false",
        _ => "it is not valid here",
    };

    private PatchBuild.Core.Model.PatchException Refuse(string value, string why) =>
        AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue,
            $"The value of '{Name}' is refused: {why}. Value: '{Shorten(value)}'.",
            $"{Name} is a {KindName}: {Description}");

    private static string Shorten(string value)
    {
        string shown = new(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length > 60 ? shown[..60] + "…" : shown;
    }

    public static bool IsIdentifier(string value)
    {
        if (value.StartsWith('@'))
        {
            return value.Length > 1 && SyntaxFacts.IsValidIdentifier(value[1..]);
        }

        return SyntaxFacts.IsValidIdentifier(value) && SyntaxFacts.GetKeywordKind(value) == SyntaxKind.None;
    }

    private static bool IsType(string value)
    {
        var type = SyntaxFactory.ParseTypeName(value, consumeFullText: true);
        return value.Trim().Length > 0 && !type.ContainsDiagnostics && !type.GetDiagnostics().Any() && !HasCommentOrDirective(type);
    }

    private static bool IsParameterList(string value)
    {
        var list = SyntaxFactory.ParseParameterList("(" + value + ")", consumeFullText: true);
        return !list.ContainsDiagnostics && !list.GetDiagnostics().Any() && !HasCommentOrDirective(list)
            && list.Parameters.All(p => p.Type is not null);
    }

    // A comment would carry the rest of the line away ("int x) { } //"); a directive changes what compiles.
    private static bool HasCommentOrDirective(SyntaxNode node) =>
        node.DescendantTrivia(descendIntoTrivia: true).Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia));

    [GeneratedRegex(@"^[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*\z")]
    private static partial Regex PackageIdPattern();

    [GeneratedRegex(@"^(?:[0-9A-Za-z.\-+*]+|[\[(][0-9A-Za-z.\-+*]*(?:, ?[0-9A-Za-z.\-+*]*)?[\])])\z")]
    private static partial Regex VersionPattern();
}
