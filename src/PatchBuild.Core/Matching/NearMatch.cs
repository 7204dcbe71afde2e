using PatchBuild.Core.Model;

namespace PatchBuild.Core.Matching;

/// <summary>A place in the file that looks like a locator that was not found: 1-based line, similarity 0..1, its text.</summary>
public sealed record NearMatch(int Line, double Similarity, string Text) : IReportFacts
{
    public IReadOnlyList<KeyValuePair<string, object?>> Facts() =>
    [
        new("line", Line),
        new("similarity", Similarity),
        new("text", Text),
    ];
}
