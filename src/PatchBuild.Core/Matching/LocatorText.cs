namespace PatchBuild.Core.Matching;

/// <summary>
/// A locator (snippet, anchor, tail) as the matcher sees it: its non-blank lines, each trimmed. Whitespace and blank
/// lines never decide a match, so indentation drift and reflowed blank lines in an AI's locator are harmless.
/// </summary>
public sealed class LocatorText
{
    private LocatorText(string raw, IReadOnlyList<string> lines)
    {
        Raw = raw;
        Lines = lines;
    }

    public string Raw { get; }

    public IReadOnlyList<string> Lines { get; }

    public bool IsStartOfFile => Lines.Count == 1 && Lines[0] == "^";

    public bool IsEndOfFile => Lines.Count == 1 && Lines[0] == "$";

    public bool IsFileBoundary => IsStartOfFile || IsEndOfFile;

    public static LocatorText Parse(string text) => new(text, SplitNormalized(text));

    public static List<string> SplitLines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];

    public static List<string> SplitNormalized(string text)
    {
        var result = new List<string>();
        foreach (string line in SplitLines(text))
        {
            string trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    public override string ToString() => string.Join("\n", Lines);
}
