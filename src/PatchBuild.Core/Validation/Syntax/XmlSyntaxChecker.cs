using System.Xml;

namespace PatchBuild.Core.Validation.Syntax;

/// <summary>Well-formed XML for project files, resources, configs and XAML. DTDs are refused, so no entity tricks.</summary>
public sealed class XmlSyntaxChecker : ISyntaxChecker
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".csproj", ".vbproj", ".fsproj", ".props", ".targets", ".resx", ".config", ".xaml", ".axaml", ".nuspec", ".manifest", ".ruleset", ".runsettings",
    };

    public bool ReportsAllErrors => false;

    public bool Handles(string path) => Extensions.Contains(Path.GetExtension(path));

    public IReadOnlyList<SyntaxIssue> Check(string text, string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            while (reader.Read())
            {
            }

            return [];
        }
        catch (XmlException ex)
        {
            string message = ex.Message;
            int at = message.IndexOf(" Line ", StringComparison.Ordinal);
            message = at > 0 && ex.LineNumber > 0 ? message[..at] : message;
            return [new SyntaxIssue("XML", Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1), message)];
        }
    }
}
