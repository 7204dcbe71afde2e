namespace PatchBuild.Core.Validation.Syntax;

/// <summary>Parses one language and lists its syntax errors. Never throws on bad input: bad input is what it reports.</summary>
public interface ISyntaxChecker
{
    bool Handles(string path);

    /// <summary>
    /// True when the parser reports many independent errors (C#), so old and new errors can be told apart by id and
    /// message; false when it stops at the first (JSON, XML, YAML), so a file that was already broken is not blamed again.
    /// </summary>
    bool ReportsAllErrors { get; }

    IReadOnlyList<SyntaxIssue> Check(string text, string path);
}
