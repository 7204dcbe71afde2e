using System.Text.RegularExpressions;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Finds one kind of risky content in added text. A cheap keyword test runs first so most blocks never reach the
/// regex; regexes are NonBacktracking, so no input can make them slow.
/// </summary>
internal sealed class ContentDetector(SafetyRule rule, string[] keywords, string pattern, bool ignoreCase = true)
{
    private readonly Regex _regex = new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0));

    public SafetyRule Rule { get; } = rule;

    /// <summary>Which files the detector reads; default all text files.</summary>
    public Func<string, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>A second look at a match (context the regex cannot express without lookarounds).</summary>
    public Func<DetectorMatch, bool> Confirm { get; init; } = _ => true;

    /// <summary>The text reported as the match; default the regex match.</summary>
    public Func<DetectorMatch, string>? Describe { get; init; }

    public bool MayMatch(string block)
    {
        foreach (string keyword in keywords)
        {
            if (block.Contains(keyword, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<Match> Matches(string block)
    {
        foreach (Match match in _regex.Matches(block))
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
