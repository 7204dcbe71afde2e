namespace PatchBuild.Core.Formats.Aider;

/// <summary>
/// Recognises the file name a model writes before a block: alone on its line, possibly as a markdown heading, in
/// bold or backticks, with a trailing colon; or in the info string of the fence that holds the block.
/// </summary>
internal static class AiderFileName
{
    // Fence languages that mean "commands to run", never a file to edit.
    private static readonly HashSet<string> ShellLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "bash", "sh", "shell", "cmd", "batch", "bat", "powershell", "pwsh", "ps1", "zsh", "fish", "ksh", "csh", "tcsh", "console", "shell-session",
    };

    /// <summary>The name on a line by itself, or null when the line is prose, code, a fence or a marker.</summary>
    public static string? FromLine(string line)
    {
        string name = line.Trim();
        if (name.Length == 0 || AiderMarkers.IsFence(name) || AiderMarkers.IsAnyMarker(name))
        {
            return null;
        }

        // Peel decorations until none is left: "### **`src/a.py`**:" is src/a.py.
        string previous;
        bool decorated = false;
        do
        {
            previous = name;
            string peeled = name.TrimEnd(':').TrimStart('#').Trim();
            name = peeled.Trim('`').Trim('*').Trim();
            decorated |= name != peeled;
        }
        while (name != previous);

        name = name.Replace("\\_", "_", StringComparison.Ordinal);
        return LooksLikePath(name) && (decorated || HasPathShape(name) || WellKnownNames.Contains(name)) ? name : null;
    }

    /// <summary>A file named in a fence's info string ("```src/a.py", "```python src/a.py", "```csharp:src/A.cs").</summary>
    public static string? FromFenceInfo(string info)
    {
        if (info.Length == 0)
        {
            return null;
        }

        string candidate = info;
        int space = info.LastIndexOfAny([' ', '\t']);
        if (space >= 0)
        {
            candidate = info[(space + 1)..];
        }
        else if (info.IndexOf(':') is int colon and > 0 && !info[..colon].Contains('.') && !info[..colon].Contains('/'))
        {
            candidate = info[(colon + 1)..];
        }

        candidate = candidate.Trim('`', '*', '"', '\'');
        return LooksLikePath(candidate) && HasPathShape(candidate) ? candidate : null;
    }

    /// <summary>A fence whose language is a shell: its body is commands.</summary>
    public static bool IsShellFence(string line)
    {
        if (!AiderMarkers.IsFence(line))
        {
            return false;
        }

        string info = AiderMarkers.FenceInfo(line);
        int end = info.IndexOfAny([' ', '\t', '{']);
        return ShellLanguages.Contains(end < 0 ? info : info[..end]);
    }

    // Files that are commonly named without an extension; any other bare word ("Then:") is prose, unless decorated.
    private static readonly HashSet<string> WellKnownNames = new(StringComparer.Ordinal)
    {
        "Makefile", "Dockerfile", "Jenkinsfile", "Gemfile", "Rakefile", "Procfile", "Vagrantfile", "LICENSE", "CODEOWNERS",
    };

    // Prose ("Here is the change") is not a name: a name is one token without code punctuation. "..." is Aider's
    // elision, not a file.
    private static bool LooksLikePath(string name) =>
        name.Length > 0 && name != "..." && name.Any(char.IsLetterOrDigit) &&
        name.IndexOfAny([' ', '\t', '`', '(', ')', ';', '=', '<', '>', '"', '|', '?', '*', '{', '}', ',']) < 0;

    private static bool HasPathShape(string name) => name.Contains('.') || name.Contains('/') || name.Contains('\\');
}
