using System.Text.RegularExpressions;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Finds one kind of risky content in added text. A cheap keyword test runs first so most blocks never reach the
/// regex; regexes are NonBacktracking, so no input can make them slow. Building a NonBacktracking regex is costly
/// and most detectors never see their keyword, so each regex is built the first time it is needed.
/// </summary>
internal sealed class ContentDetector(SafetyRule rule, string[] keywords, string pattern, bool ignoreCase = true)
{
    private readonly Lazy<Regex> _regex = new(() => Build(pattern, ignoreCase));

    public SafetyRule Rule { get; } = rule;

    /// <summary>Words one of which any match contains; a block holding none of them cannot match.</summary>
    public IReadOnlyList<string> Keywords { get; } = keywords;

    public bool IgnoreCase { get; } = ignoreCase;

    /// <summary>Which files the detector reads; default all text files.</summary>
    public Func<string, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>A second look at a match (context the regex cannot express without lookarounds).</summary>
    public Func<DetectorMatch, bool> Confirm { get; init; } = _ => true;

    /// <summary>The text reported as the match; default the regex match.</summary>
    public Func<DetectorMatch, string>? Describe { get; init; }

    private static Regex Build(string pattern, bool ignoreCase) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0));

    public bool MayMatch(string block)
    {
        foreach (string keyword in keywords)
        {
            if (block.Contains(keyword, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<Match> Matches(string block)
    {
        foreach (Match match in _regex.Value.Matches(block))
        {
            yield return match;
        }
    }
}

/// <summary>A regex match with what a confirmation may need: the block it came from and the whole planned file.</summary>
internal sealed class DetectorMatch(Match match, string block, string lineText, Func<string> fileText)
{
    public Match Match { get; } = match;
    public string Block { get; } = block;
    public string LineText { get; } = lineText;
    public string FileText => fileText();
}
