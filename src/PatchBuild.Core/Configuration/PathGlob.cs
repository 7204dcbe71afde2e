using System.Text;
using System.Text.RegularExpressions;

namespace PatchBuild.Core.Configuration;

/// <summary>
/// A path glob over root-relative paths with '/': '*' within one folder name, '**' across folders, '?' one
/// character. A glob without '/' matches a file name in any folder, as in .gitignore. Case-insensitive, so a
/// configuration means the same on every OS.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string glob)
    {
        Text = glob;
        string pattern = glob.Replace('\\', '/').TrimStart('/');
        if (!pattern.Contains('/'))
        {
            pattern = "**/" + pattern;
        }

        _regex = new Regex(ToRegex(pattern), RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    private static string ToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashFollows ? "(.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return sb.Append('$').ToString();
    }
}
