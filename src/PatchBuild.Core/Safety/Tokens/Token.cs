namespace PatchBuild.Core.Safety.Tokens;

internal enum TokenKind : byte
{
    /// <summary>An identifier, keyword or number, spelled as the compiler reads it (escapes decoded, format characters dropped).</summary>
    Word,

    /// <summary>One punctuation character.</summary>
    Punct,

    /// <summary>A string literal; <see cref="Token.Text"/> is its value (adjacent and '+'-joined literals merged).</summary>
    String,

    /// <summary>A line break that ends a statement (line-oriented languages only).</summary>
    Newline,
}

/// <summary>One token of a normalised stream, with where it came from in the lexed text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End)
{
    /// <summary>True when whitespace (or a comment) separates this token from the one before it.</summary>
    public bool SpaceBefore { get; init; }

    /// <summary>True when a format character (Unicode Cf) sat inside this identifier.</summary>
    public bool HadFormatCharacter { get; init; }

    public bool Is(char punct) => Kind == TokenKind.Punct && Text.Length == 1 && Text[0] == punct;
}
