namespace PatchBuild.Core.Validation.Syntax;

/// <summary>One syntax error with the parser's own id and message, at a 1-based line and column.</summary>
public sealed record SyntaxIssue(string Id, int Line, int Column, string Message)
{
    /// <summary>The canonical compiler form, which IDEs and build logs link: file(line,col): error ID: message.</summary>
    public string Format(string file) => $"{file}({Line},{Column}): error {Id}: {Message}";

    public Dictionary<string, object?> ToContext() => new() { ["id"] = Id, ["line"] = Line, ["column"] = Column, ["message"] = Message };
}
