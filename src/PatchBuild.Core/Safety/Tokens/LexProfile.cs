namespace PatchBuild.Core.Safety.Tokens;

/// <summary>
/// How one language spells comments, strings and statements: enough for the safety rules to see code as the tool that
/// runs it would, not a grammar.
/// </summary>
internal sealed record LexProfile(string Name)
{
    /// <summary>C#, Java, JavaScript, JSON and friends: // and /* */ comments, "…", '…', `…`, @"…", $"…", """…""" strings, \u escapes in identifiers.</summary>
    public static LexProfile CFamily { get; } = new("c-family") { LineComment = "//", BlockOpen = "/*", BlockClose = "*/", CStrings = true, IdentifierEscapes = true };

    /// <summary>A .sql file: -- and /* */ comments; '…' literals are data and stay opaque.</summary>
    public static LexProfile SqlFile { get; } = new("sql") { LineComment = "--", BlockOpen = "/*", BlockClose = "*/", SqlStrings = true };

    /// <summary>SQL held in another language (a C# string, a YAML value): comments are stripped, quotes are plain punctuation.</summary>
    public static LexProfile SqlEmbedded { get; } = new("sql-embedded") { LineComment = "--", BlockOpen = "/*", BlockClose = "*/" };

    /// <summary>SQL written into a script or configuration file: '#' comments of the host language are stripped too.</summary>
    public static LexProfile SqlScript { get; } = new("sql-script") { LineComment = "--", BlockOpen = "/*", BlockClose = "*/", HashComments = true };

    /// <summary>Shell, PowerShell, YAML, .env, Dockerfile and other line-oriented text: # comments, a line is a statement.</summary>
    public static LexProfile Shell { get; } = new("shell") { HashComments = true, Newlines = true, DashWords = true };

    /// <summary>Shell commands inside XML (MSBuild): &lt;!-- --&gt; comments, a line is a statement.</summary>
    public static LexProfile XmlShell { get; } = new("xml-shell") { BlockOpen = "<!--", BlockClose = "-->", Newlines = true, DashWords = true };

    /// <summary>Text read as it is, comments included (secrets in a comment are still leaked): quoted runs on one line are literals.</summary>
    public static LexProfile Plain { get; } = new("plain") { LineStrings = true, Newlines = true, DashWords = true };

    public string? LineComment { get; init; }

    public string? BlockOpen { get; init; }

    public string? BlockClose { get; init; }

    /// <summary>'#' starts a comment at the start of a word.</summary>
    public bool HashComments { get; init; }

    public bool CStrings { get; init; }

    public bool SqlStrings { get; init; }

    /// <summary>"…" and '…' closed on the same line are literals; an unclosed quote is punctuation.</summary>
    public bool LineStrings { get; init; }

    public bool IdentifierEscapes { get; init; }

    /// <summary>Line breaks end statements (a trailing backslash continues the line).</summary>
    public bool Newlines { get; init; }

    /// <summary>'-' inside or at the start of a word belongs to it: --force, -rf, Invoke-Expression, xoxb-1.</summary>
    public bool DashWords { get; init; }
}
