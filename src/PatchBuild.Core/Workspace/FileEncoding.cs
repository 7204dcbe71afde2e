using System.Text;

namespace PatchBuild.Core.Workspace;

/// <summary>Reads and writes text as UTF-8, remembering a byte order mark so it survives a round trip.</summary>
public static class FileEncoding
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static (string Text, bool HasBom) Decode(byte[] bytes)
    {
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        int offset = bom ? 3 : 0;
        return (Utf8NoBom.GetString(bytes, offset, bytes.Length - offset), bom);
    }

    public static byte[] Encode(string text, bool hasBom)
    {
        byte[] body = Utf8NoBom.GetBytes(text);
        if (!hasBom)
        {
            return body;
        }

        var result = new byte[body.Length + 3];
        result[0] = 0xEF;
        result[1] = 0xBB;
        result[2] = 0xBF;
        body.CopyTo(result, 3);
        return result;
    }
}
