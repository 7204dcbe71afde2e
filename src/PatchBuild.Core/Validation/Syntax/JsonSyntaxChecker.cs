using System.Text.Json;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>JSON as .NET configuration files write it: comments and trailing commas are accepted.</summary>
public sealed class JsonSyntaxChecker : ISyntaxChecker
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 512,
    };

    public bool ReportsAllErrors => false;

    public bool Handles(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<SyntaxIssue> Check(string text, string path)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, Options);
            return [];
        }
        catch (JsonException ex)
        {
            // The message ends with its own position; it is reported separately as line and column.
            string message = ex.Message;
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = at > 0 ? message[..at] : message;
            return [new SyntaxIssue("JSON", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, message)];
        }
    }
}
