using YamlDotNet.Core;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>YAML (including .msh transform files), read as an event stream so deep nesting cannot exhaust the stack.</summary>
public sealed class YamlSyntaxChecker : ISyntaxChecker
{
    public bool ReportsAllErrors => false;

    public bool Handles(string path)
    {
        string ext = Path.GetExtension(path);
        return ext.Equals(".yml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) ||
               ext.Equals(".msh", StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<SyntaxIssue> Check(string text, string path)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
            }

            return [];
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            // YamlDotNet prefixes "(Lin: 3, Col: 5, Chr: 20) - (...): "; the position is reported separately.
            int colon = message.IndexOf("): ", StringComparison.Ordinal);
            message = message.StartsWith('(') && colon > 0 ? message[(colon + 3)..] : message;
            return [new SyntaxIssue("YAML", (int)Math.Max(ex.Start.Line, 1), (int)Math.Max(ex.Start.Column, 1), message)];
        }
    }
}
