using System.Runtime.InteropServices;
using PatchBuild.Core.Validation.Syntax;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Which errors a patch introduced. Errors are matched by id and message, never by position: an edit above an old
/// error moves it, and it must not count as new.
/// </summary>
public static class IssueDiff
{
    public static List<SyntaxIssue> New(IReadOnlyList<SyntaxIssue> before, IReadOnlyList<SyntaxIssue> after)
    {
        var old = new Dictionary<(string, string), int>();
        foreach (var issue in before)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(old, (issue.Id, issue.Message), out _)++;
        }

        var introduced = new List<SyntaxIssue>();
        foreach (var issue in after)
        {
            if (old.TryGetValue((issue.Id, issue.Message), out int count) && count > 0)
            {
                old[(issue.Id, issue.Message)] = count - 1;
            }
            else
            {
                introduced.Add(issue);
            }
        }

        return introduced;
    }
}
