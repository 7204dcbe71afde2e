namespace PatchBuild.Core.Validation.Syntax;

/// <summary>
/// Where a large C# file can be cut into pieces that parse on their own: right after a top-level declaration ends
/// (a '}' or ';' with no bracket open, or only the brace of a block namespace). One linear pass over the text that
/// follows C#'s lexical rules for comments, strings and character literals. Whenever the file holds something that
/// could make a piece parse differently from the whole (conditional compilation, raw strings, unbalanced brackets,
/// an unterminated string or comment) it gives no cut at all, and the caller parses the file whole.
/// </summary>
internal static class CSharpSplitPoints
{
    /// <summary>A cut before offset <paramref name="At"/>; inside a block namespace when <paramref name="NamespaceHeader"/> is set.</summary>
    internal readonly record struct Cut(int At, string? NamespaceHeader);

    /// <summary>Every possible cut in file order, or an empty list when the file must be parsed whole.</summary>
    public static List<Cut> Find(string text)
    {
        var scanner = new Scanner(text, members: false);
        return scanner.Run() ? scanner.Cuts : [];
    }

    /// <summary>
    /// The file cut at member level (<see cref="CSharpMembers"/>): a cut after each type's '{' and after each member
    /// of a type, with the type it is in. Null when the file must be parsed whole.
    /// </summary>
    internal static (List<MemberCut> Cuts, List<TypeBody> Types)? FindMembers(string text)
    {
        var scanner = new Scanner(text, members: true);
        return scanner.Run() ? (scanner.MemberCuts, scanner.Types) : null;
    }

    /// <summary>A cut before offset <paramref name="At"/>, directly inside the type body <paramref name="Type"/> (an index into the types).</summary>
    internal readonly record struct MemberCut(int At, int Type);

    /// <summary>A type's (or block namespace's) body: its header text and the body it is nested in (-1 for none).</summary>
    internal sealed record TypeBody(string Header, int Parent, bool IsNamespace);

    private sealed class Scanner(string text, bool members)
    {
        private readonly Stack<string?> _open = new(); // per open bracket: a namespace header for a namespace's '{', else null
        private readonly Stack<int> _bodies = new(); // members mode: per open bracket, its type body index, or -1 (not a body)
        private int _i;
        private int _statementStart;

        public List<Cut> Cuts { get; } = [];

        public List<MemberCut> MemberCuts { get; } = [];

        public List<TypeBody> Types { get; } = [];

        public bool Run()
        {
            while (_i < text.Length)
            {
                char c = text[_i];
                switch (c)
                {
                    case '/' when Peek(1) == '/':
                        SkipLine();
                        continue;
                    case '/' when Peek(1) == '*':
                        if (!SkipBlockComment())
                        {
                            return false;
                        }

                        continue;
                    case '#' when AtLineStart():
                        if (!SkipDirective())
                        {
                            return false;
                        }

                        continue;
                    case '"' or '\'' or '@' or '$':
                        if (!SkipLiteral())
                        {
                            return false;
                        }

                        continue;
                    case '{':
                        if (members)
                        {
                            OpenMemberBracket(isBrace: true);
                        }

                        _open.Push(_open.Count == 0 && !members ? NamespaceHeader() : null);
                        break;
                    case '(' or '[':
                        if (members)
                        {
                            OpenMemberBracket(isBrace: false);
                        }

                        _open.Push(null);
                        break;
                    case ')' or ']' or '}':
                        if (_open.Count == 0)
                        {
                            return false;
                        }

                        _open.Pop();
                        if (members)
                        {
                            _bodies.Pop();
                            if (c == '}' && InTypeBody() && NextStartsAMember())
                            {
                                MemberBoundary();
                            }
                            else if (c == '}' && (_bodies.Count == 0 || _bodies.Peek() >= 0))
                            {
                                _statementStart = _i + 1; // a namespace's member ended: the next header starts here
                            }
                        }
                        else if (c == '}')
                        {
                            Boundary();
                        }

                        break;
                    case ';':
                        if (!members)
                        {
                            Boundary();
                        }
                        else if (InTypeBody())
                        {
                            MemberBoundary();
                        }
                        else if (_bodies.Count == 0 || _bodies.Peek() >= 0)
                        {
                            _statementStart = _i + 1; // a using, a file-scoped namespace, a delegate: the next header starts here
                        }

                        break;
                }

                _i++;
            }

            return _open.Count == 0;
        }

        // Members mode: a '{' opens a body when every bracket around it is a body too and the text since the last
        // declaration is a namespace or type header; a type's body starts with a cut (its first member begins there).
        private void OpenMemberBracket(bool isBrace)
        {
            bool outside = _bodies.Count == 0 || _bodies.Peek() >= 0;
            if (!isBrace || !outside)
            {
                _bodies.Push(-1);
                return;
            }

            string header = text[_statementStart.._i];
            int parent = _bodies.Count == 0 ? -1 : _bodies.Peek();
            _statementStart = _i + 1;
            if (CSharpMembers.NamespaceHeader(header) is { } ns)
            {
                Types.Add(new TypeBody(ns, parent, IsNamespace: true));
            }
            else if (CSharpMembers.IsTypeHeader(header))
            {
                Types.Add(new TypeBody(header.Trim(), parent, IsNamespace: false));
                MemberCuts.Add(new MemberCut(_i + 1, Types.Count - 1));
            }
            else
            {
                _bodies.Push(-1);
                return;
            }

            _bodies.Push(Types.Count - 1);
        }

        private bool InTypeBody() => _bodies.Count > 0 && _bodies.Peek() >= 0 && !Types[_bodies.Peek()].IsNamespace;

        private void MemberBoundary()
        {
            MemberCuts.Add(new MemberCut(EndOfTrailingComment(_i + 1), _bodies.Peek()));
            _statementStart = _i + 1;
        }

        // A comment on the rest of a member's last line belongs to that member: "int P => 1; // note" edited into
        // "int P => 2; // changed" stays one changed piece. Left after the cut, the comment of a type's last member
        // would fall into the skeleton, and a changed skeleton means parsing the whole file. Only spaces, tabs and one
        // line comment ended by "\n" (or "\r\n") are taken; anything else leaves the cut where the member ends.
        private int EndOfTrailingComment(int from)
        {
            int k = from;
            while (k < text.Length && text[k] is ' ' or '\t')
            {
                k++;
            }

            if (k + 1 < text.Length && text[k] == '/' && text[k + 1] == '/')
            {
                int newline = text.IndexOf('\n', k);
                if (newline < 0)
                {
                    return from;
                }

                var comment = text.AsSpan(k, newline - k);
                comment = comment.EndsWith('\r') ? comment[..^1] : comment;
                if (comment.IndexOfAny('\r', '\u2028', '\u2029') >= 0 || comment.Contains('\u0085'))
                {
                    return from; // another line break ends the comment before the "\n": code may follow it
                }

                k = newline;
            }

            if (k < text.Length && text[k] == '\n')
            {
                return k + 1;
            }

            return k + 1 < text.Length && text[k] == '\r' && text[k + 1] == '\n' ? k + 2 : from;
        }

        // A member's closing brace ends the member only when no initializer or stray token continues it ("int P
        // { get; } = 1;"): the next piece must begin a member of its own.
        private bool NextStartsAMember()
        {
            int k = _i + 1;
            while (k < text.Length)
            {
                if (char.IsWhiteSpace(text[k]))
                {
                    k++;
                }
                else if (text[k] == '/' && k + 1 < text.Length && text[k + 1] == '/')
                {
                    int end = text.IndexOf('\n', k);
                    k = end < 0 ? text.Length : end + 1;
                }
                else if (text[k] == '/' && k + 1 < text.Length && text[k + 1] == '*')
                {
                    int end = text.IndexOf("*/", k + 2, StringComparison.Ordinal);
                    k = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    break;
                }
            }

            return k >= text.Length || char.IsLetter(text[k]) || text[k] is '_' or '@' or '[' or '}' or '~' or '#';
        }

        // After a '}' or ';' at the top level or directly inside a block namespace, the next declaration starts afresh.
        private void Boundary()
        {
            if (_open.Count == 0)
            {
                Cuts.Add(new Cut(_i + 1, null));
                _statementStart = _i + 1;
            }
            else if (_open.Count == 1 && _open.Peek() is { } header)
            {
                Cuts.Add(new Cut(_i + 1, header));
                _statementStart = _i + 1;
            }
        }

        // A top-level '{' opens a namespace body when the text since the last declaration is "namespace Name".
        private string? NamespaceHeader()
        {
            string header = text[_statementStart.._i].Trim();
            _statementStart = _i + 1;
            if (!header.StartsWith("namespace", StringComparison.Ordinal) || header.Length <= "namespace".Length || !char.IsWhiteSpace(header["namespace".Length]))
            {
                return null;
            }

            string name = header["namespace".Length..].Trim();
            return name.Length > 0 && name.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.' or '@') ? "namespace " + name : null;
        }

        private char Peek(int ahead) => _i + ahead < text.Length ? text[_i + ahead] : '\0';

        private bool AtLineStart()
        {
            for (int k = _i - 1; k >= 0 && text[k] != '\n'; k--)
            {
                if (!char.IsWhiteSpace(text[k]))
                {
                    return false;
                }
            }

            return true;
        }

        private void SkipLine()
        {
            int end = text.IndexOf('\n', _i);
            _i = end < 0 ? text.Length : end + 1;
        }

        private bool SkipBlockComment()
        {
            int end = text.IndexOf("*/", _i + 2, StringComparison.Ordinal);
            _i = end < 0 ? text.Length : end + 2;
            return end >= 0;
        }

        // #pragma and #nullable change no syntax; any other directive may (#if above all), so the file stays whole.
        private bool SkipDirective()
        {
            int lineEnd = text.IndexOf('\n', _i);
            string directive = text[(_i + 1)..(lineEnd < 0 ? text.Length : lineEnd)].TrimStart();
            SkipLine();
            return directive.StartsWith("pragma", StringComparison.Ordinal) || directive.StartsWith("nullable", StringComparison.Ordinal);
        }

        // Strings, verbatim and interpolated strings and character literals; '@' and '$' that start none are skipped.
        private bool SkipLiteral()
        {
            int start = _i;
            bool verbatim = false, interpolated = false;
            while (_i < text.Length && text[_i] is '@' or '$')
            {
                verbatim |= text[_i] == '@';
                interpolated |= text[_i] == '$';
                _i++;
            }

            if (_i >= text.Length || text[_i] is not ('"' or '\''))
            {
                // A verbatim identifier (@class) or a stray '$': nothing to skip beyond the prefix.
                _i = Math.Max(_i, start + 1);
                return true;
            }

            if (text[_i] == '\'')
            {
                return !verbatim && !interpolated && SkipCharLiteral();
            }

            if (Peek(1) == '"' && Peek(2) == '"')
            {
                return false; // a raw string literal: rare enough to parse the file whole
            }

            _i++;
            return SkipStringBody(verbatim, interpolated);
        }

        private bool SkipCharLiteral()
        {
            for (_i++; _i < text.Length; _i++)
            {
                switch (text[_i])
                {
                    case '\\':
                        _i++;
                        break;
                    case '\'':
                        _i++;
                        return true;
                    case '\n':
                        return false;
                }
            }

            return false;
        }

        private bool SkipStringBody(bool verbatim, bool interpolated)
        {
            while (_i < text.Length)
            {
                char c = text[_i];
                if (c == '"')
                {
                    if (verbatim && Peek(1) == '"')
                    {
                        _i += 2;
                        continue;
                    }

                    _i++;
                    return true;
                }

                if (c == '\\' && !verbatim)
                {
                    _i += 2;
                    continue;
                }

                if (c == '\n' && !verbatim)
                {
                    return false;
                }

                if (interpolated && c == '{')
                {
                    if (Peek(1) == '{')
                    {
                        _i += 2;
                        continue;
                    }

                    _i++;
                    if (!SkipHole())
                    {
                        return false;
                    }

                    continue;
                }

                _i++;
            }

            return false;
        }

        // The code inside an interpolation hole, up to its closing '}': brackets, nested literals and comments.
        private bool SkipHole()
        {
            int depth = 0;
            while (_i < text.Length)
            {
                char c = text[_i];
                switch (c)
                {
                    case '/' when Peek(1) == '*':
                        if (!SkipBlockComment())
                        {
                            return false;
                        }

                        continue;
                    case '"' or '\'' or '@' or '$':
                        if (!SkipLiteral())
                        {
                            return false;
                        }

                        continue;
                    case '(' or '[' or '{':
                        depth++;
                        break;
                    case ')' or ']':
                        depth--;
                        break;
                    case '}':
                        if (depth == 0)
                        {
                            _i++;
                            return true;
                        }

                        depth--;
                        break;
                }

                _i++;
            }

            return false;
        }
    }
}
