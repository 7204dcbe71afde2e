using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// The arguments of a FILE line: an optional newline mode (LF, CRLF, CR) and an optional path written on the same line.
/// The mode may come first ("FILE CRLF src/a.cs") or last ("FILE src/a.cs CRLF").
/// </summary>
internal sealed record ApPathArguments(NewlineMode? Newline, string? WrittenNewline, string? InlinePath)
{
    public static ApPathArguments Parse(string args)
    {
        if (args.Length == 0)
        {
            return new ApPathArguments(null, null, null);
        }

        int firstBreak = args.IndexOfAny([' ', '\t']);
        string firstWord = firstBreak < 0 ? args : args[..firstBreak];
        if (TryMode(firstWord, out var mode))
        {
            string rest = firstBreak < 0 ? "" : args[firstBreak..].Trim(' ', '\t');
            return new ApPathArguments(mode, firstWord, rest.Length == 0 ? null : rest);
        }

        int lastBreak = args.LastIndexOfAny([' ', '\t']);
        if (lastBreak > 0 && TryMode(args[(lastBreak + 1)..], out mode))
        {
            return new ApPathArguments(mode, args[(lastBreak + 1)..], args[..lastBreak].Trim(' ', '\t'));
        }

        return new ApPathArguments(null, null, args);
    }

    public bool NewlineHasWrongCase => WrittenNewline is not null && WrittenNewline != WrittenNewline.ToUpperInvariant();

    private static bool TryMode(string word, out NewlineMode? mode)
    {
        mode = word.ToUpperInvariant() switch
        {
            "LF" => NewlineMode.Lf,
            "CRLF" => NewlineMode.CrLf,
            "CR" => NewlineMode.Cr,
            _ => null,
        };
        return mode is not null;
    }
}
