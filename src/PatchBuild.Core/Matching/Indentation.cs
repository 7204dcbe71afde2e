namespace PatchBuild.Core.Matching;

/// <summary>Leading whitespace: measuring it, and giving inserted content the indentation of where it lands.</summary>
public static class Indentation
{
    public static string Of(string line)
    {
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }

        return line[..i];
    }

    /// <summary>Indentation width with tabs counted as four columns, to compare lines that mix them.</summary>
    public static int Width(string line)
    {
        int width = 0;
        foreach (char c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4;
            }
            else
            {
                break;
            }
        }

        return width;
    }

    /// <summary>
    /// Content written flush left (its common indentation is none: some non-blank line starts at column 0) is moved
    /// onto <paramref name="target"/>, keeping its inner relative indentation; content whose every line is indented
    /// carries its own indentation and is kept as written.
    /// Trailing whitespace goes either way.
    /// </summary>
    public static List<string> Adapt(IReadOnlyList<string> content, string target)
    {
        bool flush = content.Where(l => l.Trim().Length > 0).Any(l => Of(l).Length == 0);
        var result = new List<string>(content.Count);
        foreach (string line in content)
        {
            string trimmedEnd = line.TrimEnd();
            result.Add(trimmedEnd.Length == 0 ? "" : flush ? target + trimmedEnd : trimmedEnd);
        }

        return result;
    }

    /// <summary>One indentation step in the style of the given indentation: a tab for tab-indented code, else four spaces.</summary>
    public static string Unit(string sample) => sample.Contains('\t') ? "\t" : "    ";
}
