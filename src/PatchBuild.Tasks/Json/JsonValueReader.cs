using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PatchBuild.Tasks.Json;

/// <summary>
/// A small recursive-descent JSON reader. The task cannot take System.Text.Json: inside Visual Studio's MSBuild it
/// would clash with the copy already loaded there, so the engine's report is read with this instead.
/// Objects become <see cref="Dictionary{TKey,TValue}"/>, arrays <see cref="List{T}"/>, numbers <see cref="double"/>.
/// </summary>
internal sealed class JsonValueReader
{
    private const int MaxDepth = 256;
    private readonly string _text;
    private int _pos;

    private JsonValueReader(string text) => _text = text;

    public static object? Parse(string text)
    {
        var reader = new JsonValueReader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
            throw reader.Error("unexpected text after the JSON value");
        return value;
    }

    public static bool TryParse(string text, out object? value)
    {
        try
        {
            value = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth) throw Error("nesting too deep");
        if (_pos >= _text.Length) throw Error("unexpected end");
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': Expect("true"); return true;
            case 'f': Expect("false"); return false;
            case 'n': Expect("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _pos++;
        SkipWhitespace();
        if (TryConsume('}')) return result;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != '"') throw Error("expected a property name");
            var name = ReadString();
            SkipWhitespace();
            if (!TryConsume(':')) throw Error("expected ':'");
            SkipWhitespace();
            result[name] = ReadValue(depth + 1);
            SkipWhitespace();
            if (TryConsume(',')) continue;
            if (TryConsume('}')) return result;
            throw Error("expected ',' or '}'");
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _pos++;
        SkipWhitespace();
        if (TryConsume(']')) return result;
        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(',')) continue;
            if (TryConsume(']')) return result;
            throw Error("expected ',' or ']'");
        }
    }

    private string ReadString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _text.Length) break;
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length) throw Error("truncated \\u escape");
                    if (!int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw Error("invalid \\u escape");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default: throw Error($"invalid escape '\\{e}'");
            }
        }
        throw Error("unterminated string");
    }

    private double ReadNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0) _pos++;
        var token = _text.Substring(start, _pos - start);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw Error($"invalid number '{token}'");
        return number;
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0) throw Error($"expected '{literal}'");
        _pos += literal.Length;
    }

    private bool TryConsume(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r' || _text[_pos] == '\uFEFF'))
            _pos++;
    }

    private FormatException Error(string what) => new($"Invalid JSON at offset {_pos}: {what}.");
}
