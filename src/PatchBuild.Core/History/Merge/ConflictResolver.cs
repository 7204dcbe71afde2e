using PatchBuild.Core.Model;

namespace PatchBuild.Core.History.Merge;

/// <summary>
/// Turns merge chunks into lines, settling each overlap by its explicit resolution (by conflict index) or else the
/// strategy. Overlaps with neither stay unresolved: the caller must then refuse to write.
/// </summary>
public static class ConflictResolver
{
    public const string OursMarker = "<<<<<<< ours";
    public const string Separator = "=======";
    public const string TheirsMarker = ">>>>>>> theirs";

    public sealed record Outcome(List<string> Lines, List<MergeConflict> Conflicts)
    {
        public bool HasUnresolved => Conflicts.Any(c => c.Resolution is null);
    }

    public static Outcome Resolve(
        IReadOnlyList<ThreeWayMerge.Chunk> chunks,
        string file,
        int firstIndex,
        MergeStrategy? strategy,
        IReadOnlyDictionary<int, MergeStrategy>? resolutions,
        string theirsName)
    {
        var lines = new List<string>();
        var conflicts = new List<MergeConflict>();
        foreach (var chunk in chunks)
        {
            if (chunk is ThreeWayMerge.Stable stable)
            {
                lines.AddRange(stable.Lines);
                continue;
            }

            var overlap = (ThreeWayMerge.Overlap)chunk;
            int index = firstIndex + conflicts.Count;
            MergeStrategy? resolution = resolutions is not null && resolutions.TryGetValue(index, out var chosen) ? chosen : strategy;
            conflicts.Add(new MergeConflict(index, file, overlap.OursLine, Reason(overlap, theirsName))
            {
                Base = overlap.Base,
                Ours = overlap.Ours,
                Theirs = overlap.Theirs,
                Resolution = resolution,
            });

            switch (resolution)
            {
                case MergeStrategy.Ours:
                    lines.AddRange(overlap.Ours);
                    break;
                case MergeStrategy.Theirs:
                    lines.AddRange(overlap.Theirs);
                    break;
                case MergeStrategy.Union:
                    lines.AddRange(overlap.Ours);
                    lines.AddRange(overlap.Theirs);
                    break;
                default:
                    // Manual, and unresolved ones (never written, but a preview shows them the same way).
                    lines.Add(OursMarker);
                    lines.AddRange(overlap.Ours);
                    lines.Add(Separator);
                    lines.AddRange(overlap.Theirs);
                    lines.Add(TheirsMarker);
                    break;
            }
        }

        return new Outcome(lines, conflicts);
    }

    private static string Reason(ThreeWayMerge.Overlap overlap, string theirsName)
    {
        string where = overlap.Base.Count switch
        {
            0 => "lines were inserted at the same place",
            1 => "the same line was changed",
            _ => $"the same {overlap.Base.Count} lines were changed",
        };
        string how = (overlap.Ours.Count, overlap.Theirs.Count) switch
        {
            (0, _) => $"; the file no longer has them but {theirsName} changes them",
            (_, 0) => $"; the file edited them since but {theirsName} removes them",
            _ => "",
        };
        return $"{where} both in the file since and by {theirsName}{how}";
    }
}
