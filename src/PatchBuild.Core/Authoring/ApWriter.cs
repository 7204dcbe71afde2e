using System.Text;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// Writes ap 3.2 text. Values are written as given; the patch ID is chosen so that no line of any value starts with
/// it, which is what keeps content from being read as a directive (spec 2.2).
/// </summary>
internal static class ApWriter
{
    public const string BasePrefix = Formats.Ap.ApBaseComment.Prefix;

    public static string Write(IReadOnlyList<AuthoredFile> files, string id, string? summary, IReadOnlyList<(string Path, string Hash)> bases)
    {
        var sb = new StringBuilder();
        if (summary is not null)
        {
            foreach (string line in summary.Split('\n'))
            {
                sb.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        // Comments before the header are ignored by every patcher (spec 2.2): a safe place for the base hashes.
        foreach (var (path, hash) in bases)
        {
            sb.Append(BasePrefix).Append(path).Append(" sha256:").Append(hash).Append('\n');
        }

        sb.Append(id).Append(" AP 3.2\n");
        foreach (var file in files)
        {
            sb.Append('\n');
            Directive(sb, id, file is AuthoredFile.Modify { Newline: { } nl } ? $"FILE {nl}" : "FILE");
            sb.Append(file.Path).Append('\n');
            switch (file)
            {
                case AuthoredFile.Modify modify:
                    foreach (var edit in modify.Edits)
                    {
                        WriteEdit(sb, id, edit);
                    }

                    break;
                case AuthoredFile.Create create:
                    Directive(sb, id, "CREATE");
                    Value(sb, id, "content", create.Content);
                    break;
                case AuthoredFile.Recreate recreate:
                    Directive(sb, id, "RECREATE");
                    Value(sb, id, "content", recreate.Content);
                    break;
                case AuthoredFile.Delete:
                    Directive(sb, id, "DELETE");
                    break;
                case AuthoredFile.Rename rename:
                    Value(sb, id, "RENAME", [rename.To]);
                    break;
            }
        }

        sb.Append('\n');
        Directive(sb, id, "END");
        return sb.ToString();
    }

    /// <summary>A random lowercase-hex ID that starts no line of the patch's values.</summary>
    public static string ChooseId(IEnumerable<string> valueLines, string? wanted, Random random)
    {
        var starts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in valueLines)
        {
            string t = line.TrimStart();
            if (t.Length >= 8)
            {
                starts.Add(t[..8]);
            }
        }

        if (wanted is not null)
        {
            return starts.Contains(wanted) ? throw new ArgumentException($"Patch ID '{wanted}' starts a line of the patch.", nameof(wanted)) : wanted;
        }

        while (true)
        {
            string id = Convert.ToHexStringLower(BitConverter.GetBytes(random.Next()));
            if (!starts.Contains(id))
            {
                return id;
            }
        }
    }

    private static void WriteEdit(StringBuilder sb, string id, AuthoredEdit edit)
    {
        sb.Append('\n');
        Directive(sb, id, edit.Action switch
        {
            EditAction.Replace => "REPLACE",
            EditAction.Delete => "DELETE",
            EditAction.InsertAfter => "INSERT_AFTER",
            _ => "INSERT_BEFORE",
        });
        if (edit.Anchor is { } anchor)
        {
            Value(sb, id, "anchor", anchor);
        }

        Value(sb, id, "snippet", edit.Snippet);
        if (edit.Tail is { } tail)
        {
            Value(sb, id, "snippet_tail", tail);
        }

        if (edit.Action != EditAction.Delete)
        {
            Value(sb, id, "content", edit.Content);
        }
    }

    private static void Directive(StringBuilder sb, string id, string text) => sb.Append(id).Append(' ').Append(text).Append('\n');

    private static void Value(StringBuilder sb, string id, string key, IReadOnlyList<string> lines)
    {
        Directive(sb, id, key);
        foreach (string line in lines)
        {
            sb.Append(line).Append('\n');
        }
    }
}
