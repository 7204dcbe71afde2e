using System.Runtime.InteropServices;
using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// How a text file's bytes become text and back, without losing a byte: UTF-8 (with or without a byte order mark)
/// and UTF-16 little or big endian with a byte order mark.
/// </summary>
/// <remarks>
/// A file that claims no encoding is read as UTF-8. Bytes that are not valid UTF-8 there (a Latin-1 'é' is the byte
/// 0xE9) do not become U+FFFD: each such byte becomes one lone low surrogate, U+DC80 to U+DCFF (the "surrogate
/// escape" Python uses for file names), and turns back into the same byte when the text is written. Valid UTF-8
/// never decodes to a lone surrogate, so the mapping is one to one: equal bytes give equal text and every byte the
/// patch does not touch is written back as it was. Unified diffs are bytes to git, and they are to us too.
/// </remarks>
public sealed class FileEncoding
{
    private const char FirstEscape = '\uDC80';
    private const char LastEscape = '\uDCFF';

    public static readonly FileEncoding Utf8 = new("UTF-8", []);
    public static readonly FileEncoding Utf8Bom = new("UTF-8 with BOM", [0xEF, 0xBB, 0xBF]);
    public static readonly FileEncoding Utf16LittleEndian = new("UTF-16 LE", [0xFF, 0xFE]);
    public static readonly FileEncoding Utf16BigEndian = new("UTF-16 BE", [0xFE, 0xFF]);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private FileEncoding(string name, byte[] preamble)
    {
        Name = name;
        Preamble = preamble;
    }

    public string Name { get; }

    /// <summary>The byte order mark this encoding writes first (empty for plain UTF-8).</summary>
    public IReadOnlyList<byte> Preamble { get; }

    public bool HasBom => Preamble.Count > 0;

    public bool IsUtf16 => ReferenceEquals(this, Utf16LittleEndian) || ReferenceEquals(this, Utf16BigEndian);

    public override string ToString() => Name;

    /// <summary>The encoding a file's first bytes announce; UTF-8 when they announce none.</summary>
    public static FileEncoding Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8Bom;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Utf16LittleEndian;
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Utf16BigEndian : Utf8;
    }

    /// <summary>
    /// The file's text (without the byte order mark), or the reason it cannot be read without loss: UTF-32, or
    /// UTF-16 with an odd number of bytes.
    /// </summary>
    public static (string? Text, FileEncoding Encoding, string? Problem) TryDecode(ReadOnlySpan<byte> bytes)
    {
        var encoding = Detect(bytes);
        var body = bytes[encoding.Preamble.Count..];
        if (encoding == Utf16LittleEndian && body.StartsWith((ReadOnlySpan<byte>)[0, 0]))
        {
            return (null, encoding, "it starts with a UTF-32 byte order mark (FF FE 00 00); only UTF-8 and UTF-16 can be edited");
        }

        if (encoding.IsUtf16)
        {
            if (body.Length % 2 != 0)
            {
                return (null, encoding, $"it has a UTF-16 byte order mark but an odd number of bytes ({bytes.Length}), so its last byte is no UTF-16 character");
            }

            // Any sequence of 16-bit units is a .NET string, lone surrogates included: nothing to validate or lose.
            var units = new char[body.Length / 2];
            for (int i = 0; i < units.Length; i++)
            {
                int hi = encoding == Utf16BigEndian ? body[2 * i] : body[(2 * i) + 1];
                int lo = encoding == Utf16BigEndian ? body[(2 * i) + 1] : body[2 * i];
                units[i] = (char)((hi << 8) | lo);
            }

            return (new string(units), encoding, null);
        }

        return (DecodeUtf8(body), encoding, null);
    }

    /// <summary>The file's text, for reading and showing it; use <see cref="TryDecode"/> where a refusal matters.</summary>
    public static (string Text, bool HasBom) Decode(byte[] bytes)
    {
        var (text, encoding, _) = TryDecode(bytes);
        return (text ?? DecodeUtf8(bytes), encoding.HasBom && text is not null);
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/> (escaped bytes written back as themselves), with a UTF-8 BOM when asked.</summary>
    public static byte[] Encode(string text, bool hasBom) => (hasBom ? Utf8Bom : Utf8).GetBytes(text);

    /// <summary>
    /// Patch text from a patch file's bytes: UTF-8 (a BOM dropped), UTF-16 with a BOM, and bytes that are not UTF-8
    /// kept as escapes so a diff of a Latin-1 file still matches that file byte for byte.
    /// </summary>
    public static string DecodePatchText(byte[] bytes) => TryDecode(bytes).Text ?? DecodeUtf8(bytes);

    /// <summary>True when the text holds a byte that was not valid UTF-8 (see the remarks on the class).</summary>
    public static bool HasEscapedBytes(ReadOnlySpan<char> text) => text.IndexOfAnyInRange(FirstEscape, LastEscape) >= 0;

    public static bool IsEscapedByte(char c) => c is >= FirstEscape and <= LastEscape;

    /// <summary>The bytes of <paramref name="text"/> in this encoding, byte order mark first.</summary>
    public byte[] GetBytes(string text)
    {
        if (!IsUtf16 && !HasEscapedBytes(text))
        {
            byte[] bytes = FileBuffers.Allocate(Preamble.Count + (long)Encoding.UTF8.GetByteCount(text));
            for (int i = 0; i < Preamble.Count; i++)
            {
                bytes[i] = Preamble[i];
            }

            return FileBuffers.Filled(bytes, Preamble.Count + Encoding.UTF8.GetBytes(text, bytes.AsSpan(Preamble.Count)));
        }

        return GetBytes([text], endings: null, newline: "", endsWithNewline: false);
    }

    /// <summary>
    /// Writes lines, each followed by its ending (the last one only when <paramref name="endsWithNewline"/>), in one
    /// pass without first joining them into one string: <paramref name="endings"/>[i] ends line i, or, when there is
    /// no such array, every line ends with <paramref name="newline"/> (the common file, which then needs no array).
    /// </summary>
    internal byte[] GetBytes(IReadOnlyList<string> lines, string[]? endings, string newline, bool endsWithNewline)
    {
        // Measured first, then written into an array of exactly that size: a buffer sized for the worst case
        // (3 bytes per character) would be three times the file, and copying out of it a fourth.
        long length = Preamble.Count;
        for (int i = 0; i < lines.Count; i++)
        {
            length += ByteCount(lines[i]);
            if (i < lines.Count - 1 || endsWithNewline)
            {
                length += (endings?[i] ?? newline).Length * (IsUtf16 ? 2 : 1);
            }
        }

        if (length > Array.MaxLength)
        {
            throw new InsufficientMemoryException($"The text is too large to encode ({length} bytes).");
        }

        byte[] bytes = FileBuffers.Allocate(length);
        int at = 0;
        foreach (byte b in Preamble)
        {
            bytes[at++] = b;
        }

        for (int i = 0; i < lines.Count; i++)
        {
            at += Write(lines[i], bytes.AsSpan(at));
            if (i < lines.Count - 1 || endsWithNewline)
            {
                at += WriteEnding(endings?[i] ?? newline, bytes.AsSpan(at));
            }
        }

        return FileBuffers.Filled(bytes, at);
    }

    // How many bytes Write produces for the text: escaped bytes are one byte each, the rest is UTF-8 (or UTF-16).
    internal long ByteCount(ReadOnlySpan<char> text)
    {
        if (IsUtf16)
        {
            return text.Length * 2L;
        }

        long count = 0;
        while (!text.IsEmpty)
        {
            int escape = text.IndexOfAnyInRange(FirstEscape, LastEscape);
            count += Encoding.UTF8.GetByteCount(escape < 0 ? text : text[..escape]);
            if (escape < 0)
            {
                break;
            }

            count++;
            text = text[(escape + 1)..];
        }

        return count;
    }

    // Line endings are "\n", "\r\n" or "\r": ASCII, so no encoder is needed for the one or two characters.
    internal int WriteEnding(string ending, Span<byte> output)
    {
        if (IsUtf16)
        {
            return Write(ending, output);
        }

        for (int i = 0; i < ending.Length; i++)
        {
            output[i] = (byte)ending[i];
        }

        return ending.Length;
    }

    internal int Write(ReadOnlySpan<char> text, Span<byte> output)
    {
        if (IsUtf16)
        {
            bool bigEndian = this == Utf16BigEndian;
            for (int i = 0; i < text.Length; i++)
            {
                output[2 * i] = (byte)(bigEndian ? text[i] >> 8 : text[i]);
                output[(2 * i) + 1] = (byte)(bigEndian ? text[i] : text[i] >> 8);
            }

            return text.Length * 2;
        }

        if (text.IsEmpty)
        {
            return 0;
        }

        int at = 0;
        while (text.Length > 0)
        {
            int escape = text.IndexOfAnyInRange(FirstEscape, LastEscape);
            var plain = escape < 0 ? text : text[..escape];
            // Lone surrogates outside the escape range are in no file we decoded; UTF-8 cannot hold them.
            at += Encoding.UTF8.GetBytes(plain, output[at..]);
            if (escape < 0)
            {
                break;
            }

            output[at++] = (byte)(text[escape] - FirstEscape + 0x80);
            text = text[(escape + 1)..];
        }

        return at;
    }

    /// <summary>
    /// Text of bytes this encoding wrote (<see cref="GetBytes(string)"/>): the byte order mark is this encoding's,
    /// not detected, so a text that itself starts with U+FEFF reads back as it was written.
    /// </summary>
    internal string DecodeOwn(ReadOnlySpan<byte> bytes)
    {
        if (IsUtf16)
        {
            throw new NotSupportedException("Only UTF-8 documents are kept as their bytes.");
        }

        return DecodeUtf8(bytes[Preamble.Count..]);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length);
        while (bytes.Length > 0)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                // One escape per byte of the invalid sequence: the bytes come back exactly as they were.
                for (int i = 0; i < consumed; i++)
                {
                    text.Append((char)(FirstEscape + bytes[i] - 0x80));
                }
            }

            bytes = bytes[Math.Max(1, consumed)..];
        }

        return text.ToString();
    }

    internal static PatchException Refusal(string file, string problem) =>
        new(new PatchError(ErrorCodes.Encoding, $"'{file}' cannot be edited without changing bytes the patch does not touch: {problem}.")
        {
            File = file,
            Hint = "Convert the file to UTF-8 (or UTF-16 with a byte order mark) and run the patch again; PatchBuild never rewrites bytes it cannot read back exactly.",
        });
}
