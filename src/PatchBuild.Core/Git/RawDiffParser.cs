using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Git;

/// <summary>
/// Reads `git diff --raw -z --no-renames`: records ":oldmode newmode oldsha newsha status\0path\0". -z keeps any
/// file name (spaces, newlines, non-ASCII) intact.
/// </summary>
internal static class RawDiffParser
{
    public static IReadOnlyList<StagedChange> Parse(byte[] raw)
    {
        var changes = new List<StagedChange>();
        int position = 0;
        while (position < raw.Length)
        {
            string header = ReadField(raw, ref position);
            if (header.Length == 0)
            {
                continue;
            }

            string path = ReadField(raw, ref position);
            string[] parts = header.TrimStart(':').Split(' ');
            if (parts.Length < 5 || path.Length == 0)
            {
                throw new PatchException(ErrorCodes.GitFailed, $"Unexpected output from git diff --raw: '{header}'.",
                    "Update git; PatchBuild needs git 2.28 or later.");
            }

            changes.Add(new StagedChange(path, parts[4][0], parts[1], parts[3]));
        }

        return changes;
    }

    private static string ReadField(byte[] raw, ref int position)
    {
        int end = Array.IndexOf(raw, (byte)0, position);
        if (end < 0)
        {
            end = raw.Length;
        }

        string field = Encoding.UTF8.GetString(raw, position, end - position);
        position = end + 1;
        return field;
    }
}

/// <summary>Reads `git ls-files --stage -z`: "mode sha stage\tpath\0".</summary>
internal static class IndexListParser
{
    public static IReadOnlyList<IndexEntry> Parse(byte[] raw)
    {
        var entries = new List<IndexEntry>();
        foreach (string record in GitRepository.SplitZRaw(raw))
        {
            int tab = record.IndexOf('\t');
            string[] parts = tab < 0 ? [] : record[..tab].Split(' ');
            if (parts.Length < 3)
            {
                continue;
            }

            entries.Add(new IndexEntry(record[(tab + 1)..], parts[0], parts[1], parts[2] is ['0'] ? 0 : int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return entries;
    }
}
