using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring;

/// <summary>A file's text as the engine reads it (encoding, byte order mark, endings kept), refused when it is not text.</summary>
internal sealed class TargetText
{
    private TargetText(string path, byte[] bytes, TextDocument document)
    {
        Path = path;
        Bytes = bytes;
        Document = document;
        Lines = new KeyedLines(document.Lines);
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    public TextDocument Document { get; }

    public KeyedLines Lines { get; }

    public static TargetText Read(string path, byte[] bytes, string role)
    {
        var (text, encoding, problem) = FileEncoding.TryDecode(bytes);
        if (text is null || problem is not null)
        {
            throw Refused(path, role, problem ?? "it cannot be decoded");
        }

        if (text.Contains('\0'))
        {
            throw Refused(path, role, "it is binary (it holds NUL bytes)");
        }

        if (FileEncoding.HasEscapedBytes(text))
        {
            throw Refused(path, role, "it is not valid UTF-8 (an ap patch is UTF-8 text and could not carry its bytes)");
        }

        return new TargetText(path, bytes, TextDocument.Parse(text, encoding));
    }

    public static bool IsText(byte[] bytes)
    {
        var (text, _, problem) = FileEncoding.TryDecode(bytes);
        return text is not null && problem is null && !text.Contains('\0') && !FileEncoding.HasEscapedBytes(text);
    }

    private static PatchException Refused(string path, string role, string why) =>
        new(new PatchError(ErrorCodes.Encoding, $"{role} '{path}' cannot be used: {why}.")
        {
            File = path,
            Hint = "Give a UTF-8 or UTF-16 text file; binary files cannot be described by an ap patch.",
        });
}
