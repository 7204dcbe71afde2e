using System.Text;

namespace PatchBuild.Tasks.Engine;

/// <summary>
/// An item spec is MSBuild-escaped text: a literal path holding '%41' or ';' must be written as %2541 and %3B, or
/// MSBuild reads another file (or several) than the one on disk. Every path the task hands back to the build goes
/// through <see cref="Escape"/>.
/// </summary>
internal static class MsBuildItemSpec
{
    private const string Special = "%*?@$();'";

    public static string Escape(string path)
    {
        if (path.IndexOfAny(Special.ToCharArray()) < 0) return path;
        var escaped = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            if (Special.IndexOf(c) >= 0) escaped.Append('%').Append(((int)c).ToString("X2"));
            else escaped.Append(c);
        }
        return escaped.ToString();
    }
}
