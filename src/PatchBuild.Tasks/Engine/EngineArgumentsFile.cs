using System.Collections.Generic;
using System.Text;

namespace PatchBuild.Tasks.Engine;

/// <summary>
/// The engine's arguments as data: a JSON array of strings, one element per argument. A path reaches the engine as
/// exactly one argument whatever its characters (quotes, spaces, newlines, a leading '@', "--test"): nothing in
/// this file is split, unquoted or expanded as a response file (issue 14 §1).
/// </summary>
internal static class EngineArgumentsFile
{
    /// <summary>The option the engine reads the file from (see the CLI's EngineArgumentsFile).</summary>
    public const string Option = "--arguments-file";

    /// <summary>ASCII only: every other character is a \u escape, so no encoding question can split or change a path.</summary>
    public static string Serialize(IEnumerable<string> arguments)
    {
        var json = new StringBuilder("[");
        var first = true;
        foreach (var argument in arguments)
        {
            if (!first) json.Append(',');
            first = false;
            json.Append('"');
            foreach (var c in argument)
            {
                if (c == '"') json.Append("\\\"");
                else if (c == '\\') json.Append("\\\\");
                else if (c < ' ' || c > '~') json.Append("\\u").Append(((int)c).ToString("x4"));
                else json.Append(c);
            }
            json.Append('"');
        }
        return json.Append("]\n").ToString();
    }
}
