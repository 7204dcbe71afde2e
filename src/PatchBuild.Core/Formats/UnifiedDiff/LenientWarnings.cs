using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Keeps the lenient reading's warnings readable: a model that gets the counts of one hunk wrong usually gets all of
/// them wrong, and a thousand identical warnings hide the one that matters. Past a few, one file's warnings of one
/// kind become a single warning that lists the hunks.
/// </summary>
internal static class LenientWarnings
{
    private const int ShownOneByOne = 3;
    private const int HunksListed = 10;

    public static void Summarise(List<PatchWarning> warnings, int first, string fileLabel)
    {
        var added = warnings.Skip(first).ToList();
        var merged = new List<PatchWarning>();
        foreach (var group in added.GroupBy(w => w.Code))
        {
            var list = group.ToList();
            if (list.Count <= ShownOneByOne)
            {
                merged.AddRange(list);
                continue;
            }

            string lines = string.Join(", ", list.Take(HunksListed).Select(w => w.Line));
            string more = list.Count > HunksListed ? $" and {list.Count - HunksListed} more" : "";
            merged.Add(list[0] with
            {
                Message = $"{list.Count} hunks of '{fileLabel}' were forgiven the same way (hunk headers at patch lines {lines}{more}); the first: {list[0].Message}",
            });
        }

        warnings.RemoveRange(first, added.Count);
        warnings.AddRange(merged);
    }
}
