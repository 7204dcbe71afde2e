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
        int depth = NestingGuard.Depth(text, cStyleComments: false);
        if (depth > NestingGuard.MaxDepth)
        {
            return [new SyntaxIssue("NESTING", 1, 1, $"Flow collections nest {depth} levels deep (the limit is {NestingGuard.MaxDepth}); the file is too deep to check.")];
        }

        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
            }

            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input instead of a YamlException.
            var at = parser.Current?.End;
            return [new SyntaxIssue("YAML", (int)Math.Max(at?.Line ?? 1, 1), (int)Math.Max(at?.Column ?? 1, 1), "The YAML parser could not continue here; check brackets, quotes and indentation.")];
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
