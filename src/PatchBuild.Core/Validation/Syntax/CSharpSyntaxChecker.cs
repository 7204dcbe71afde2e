using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>C# through Roslyn's parser, with the project's language version and preprocessor symbols.</summary>
public sealed class CSharpSyntaxChecker : ISyntaxChecker
{
    private readonly Lazy<CSharpParseOptions> _options;

    public CSharpSyntaxChecker(CSharpParseOptions options) => _options = new(options);

    /// <summary>Options made on first use, so a plan without C# never pays for evaluating the project.</summary>
    public CSharpSyntaxChecker(Func<CSharpParseOptions> options) => _options = new(options);

    public bool ReportsAllErrors => true;

    /// <summary>Files at least this long are first parsed in pieces on all cores (tests lower it).</summary>
    internal int PieceParseFrom { get; init; } = CSharpPieceParser.DefaultMinimumLength;

    /// <summary>
    /// Loads and compiles Roslyn's parser on a worker thread while the patch is still being planned: in a fresh
    /// process that first use costs more than parsing the file itself.
    /// </summary>
    public static Task WarmUpAsync() => Task.Run(() =>
        CSharpSyntaxTree.ParseText("class C { void M() { var x = 1; } }").GetDiagnostics().Count());

    public CSharpParseOptions Options => _options.Value;

    public bool Handles(string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<SyntaxIssue> Check(string text, string path)
    {
        int depth = NestingGuard.Depth(text, cStyleComments: true);
        if (depth > NestingGuard.MaxDepth)
        {
            return [new SyntaxIssue("NESTING", 1, 1, $"Brackets nest {depth} levels deep (the limit is {NestingGuard.MaxDepth}); the file is too deep to check.")];
        }

        var options = path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) ? Options.WithKind(SourceCodeKind.Script) : Options;

        // One large file would keep one core busy while the other waits: a clean file is proven clean in pieces.
        if (CSharpPieceParser.IsCleanInPieces(text, options, Environment.ProcessorCount, PieceParseFrom))
        {
            return [];
        }

        var tree = CSharpSyntaxTree.ParseText(text, options, path);
        return Issues(tree.GetDiagnostics());
    }

    /// <summary>
    /// True when the edit from <paramref name="before"/> to <paramref name="after"/> provably adds no syntax error,
    /// judged from the members it changed alone (<see cref="CSharpMembers"/>); false means "parse the whole file".
    /// </summary>
    public bool ProvesEditClean(string before, string after, string path) =>
        !path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)
        && NestingGuard.Depth(after, cStyleComments: true) <= NestingGuard.MaxDepth
        && CSharpMembers.ProvesNoNewErrors(before, after, Options);

    internal static List<SyntaxIssue> Issues(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan().StartLinePosition;
                return new SyntaxIssue(d.Id, span.Line + 1, span.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            })
            .ToList();

    /// <summary>Parse options from the project's LangVersion and DefineConstants; unknown versions fall back to the default.</summary>
    public static CSharpParseOptions ParseOptions(string? languageVersion, IEnumerable<string> symbols)
    {
        var version = LanguageVersion.Default;
        if (!string.IsNullOrWhiteSpace(languageVersion) && !LanguageVersionFacts.TryParse(languageVersion.Trim(), out version))
        {
            version = LanguageVersion.Default;
        }

        var defines = symbols.SelectMany(s => s.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct();
        return new CSharpParseOptions(version, DocumentationMode.None, SourceCodeKind.Regular, defines);
    }
}
