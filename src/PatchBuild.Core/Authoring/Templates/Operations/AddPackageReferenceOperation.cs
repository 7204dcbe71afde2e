using System.Security;
using System.Xml;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "add-package-reference": a &lt;PackageReference&gt; in an MSBuild project — after the last one of the first
/// ItemGroup that holds package references, else in a new ItemGroup before &lt;/Project&gt;. A package the project
/// already references (Include or Update, any case) is refused. Without a version the reference leaves it to
/// central package management. The project is read with XmlReader (no DTD, no external entities), only to find
/// positions; the edit itself is text, so every other byte of the file stays.
/// </summary>
public sealed class AddPackageReferenceOperation : ITemplateOperation
{
    public string Name => "add-package-reference";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        TemplateOperations.Require(template, "package", VariableKind.PackageId);
        TemplateOperations.Require(template, "version", VariableKind.Version);
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string package = run.Value("package");
        string? version = run.Optional("version");
        var text = new StyledText(run.Text);
        var layout = Read(run.Text, run.TargetPath ?? "project");
        if (layout.Packages.Any(p => string.Equals(p, package, StringComparison.OrdinalIgnoreCase)))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.AlreadyPresent, $"The project already references '{package}'.",
                "Change its version by hand if that is what you meant.");
        }

        string element = version is null
            ? $"<PackageReference Include=\"{SecurityElement.Escape(package)}\" />"
            : $"<PackageReference Include=\"{SecurityElement.Escape(package)}\" Version=\"{SecurityElement.Escape(version)}\" />";
        string nl = text.Newline;
        if (layout.GroupEnd is { } groupEnd)
        {
            // Before "</ItemGroup>" of the group that has references, indented like its first reference.
            string indent = StyledText.Indentation(text.Line(layout.FirstReferenceLine));
            return TemplateOutput.Of(InsertBeforeTag(text, groupEnd, indent + element, nl));
        }

        if (layout.ProjectEnd is not { } projectEnd)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, "The file is not an MSBuild project (no <Project> element).",
                "Point --file at a .csproj.");
        }

        string unit = layout.ChildIndent ?? "  ";
        string group = unit + "<ItemGroup>" + nl + unit + unit + element + nl + unit + "</ItemGroup>";
        bool separate = projectEnd.Line > 0 && !text.IsBlank(projectEnd.Line - 1);
        return TemplateOutput.Of(InsertBeforeTag(text, projectEnd, (separate ? nl : "") + group, nl));
    }

    private static TextEdit InsertBeforeTag(StyledText text, (int Line, int Column) tag, string lines, string nl)
    {
        string line = text.Line(tag.Line);
        if (line[..tag.Column].Trim().Length == 0)
        {
            return TextEdit.Insert(text.StartOf(tag.Line), lines + nl);
        }

        // The closing tag shares its line with other markup: the new element gets a line of its own before it.
        return TextEdit.Insert(text.StartOf(tag.Line) + tag.Column, nl + lines + nl);
    }

    private sealed record Layout(List<string> Packages, (int Line, int Column)? GroupEnd, int FirstReferenceLine, (int Line, int Column)? ProjectEnd, string? ChildIndent);

    private static Layout Read(string xml, string file)
    {
        var packages = new List<string>();
        (int, int)? groupEnd = null;
        (int, int)? projectEnd = null;
        int firstReference = -1;
        string? childIndent = null;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        var lines = new StyledText(xml);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var info = (IXmlLineInfo)reader;
            bool groupHasReference = false;
            int groupFirstReference = -1;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (reader.Depth == 1 && childIndent is null)
                    {
                        childIndent = StyledText.Indentation(lines.Line(info.LineNumber - 1));
                    }

                    if (reader.LocalName == "ItemGroup")
                    {
                        groupHasReference = false;
                        groupFirstReference = -1;
                    }
                    else if (reader.LocalName == "PackageReference")
                    {
                        packages.Add(reader.GetAttribute("Include") ?? reader.GetAttribute("Update") ?? "");
                        groupHasReference = true;
                        if (groupFirstReference < 0)
                        {
                            groupFirstReference = info.LineNumber - 1;
                        }
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    // Line info points at the name after "</"; the tag starts two characters earlier.
                    var at = (info.LineNumber - 1, info.LinePosition - 3);
                    if (reader.LocalName == "ItemGroup" && groupHasReference && groupEnd is null)
                    {
                        groupEnd = at;
                        firstReference = groupFirstReference;
                    }
                    else if (reader.LocalName == "Project" && reader.Depth == 0)
                    {
                        projectEnd = at;
                    }
                }
            }
        }
        catch (XmlException ex)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"'{file}' is not well-formed XML: {ex.Message}",
                "Fix the project file first; a reference is only added to a file that parses.");
        }

        return new Layout(packages, groupEnd, firstReference, projectEnd, childIndent);
    }
}
