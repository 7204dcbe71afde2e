namespace PatchBuild.Core.Authoring.Templates;

/// <summary>One change to a text: replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="NewText"/>.</summary>
public sealed record TextEdit(int Start, int Length, string NewText)
{
    public int End => Start + Length;

    public static TextEdit Insert(int at, string text) => new(at, 0, text);

    /// <summary>The text with every edit made (edits must not overlap).</summary>
    public static string ApplyAll(string text, IEnumerable<TextEdit> edits)
    {
        var sb = new System.Text.StringBuilder(text.Length + 256);
        int cursor = 0;
        foreach (var edit in edits.OrderBy(e => e.Start))
        {
            if (edit.Start < cursor)
            {
                throw new InvalidOperationException("Overlapping edits.");
            }

            sb.Append(text, cursor, edit.Start - cursor).Append(edit.NewText);
            cursor = edit.End;
        }

        return sb.Append(text, cursor, text.Length - cursor).ToString();
    }
}
