namespace PatchBuild.Core.Authoring.Templates;

/// <summary>Where a template came from: shipped inside the tool, or the repository's .patchbuild/templates/.</summary>
public enum TemplateSource
{
    BuiltIn,
    Repository,
}

/// <summary>A parsed template file (format: docs/authoring.md, "Templates").</summary>
public sealed record TemplateDefinition(string Name, TemplateSource Source, string Description, string Operation)
{
    /// <summary>File name endings the target file must have (".cs"); empty: any file.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    public IReadOnlyList<TemplateVariable> Variables { get; init; } = [];

    /// <summary>Operation settings from the front matter (into, after), placeholders not yet filled.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The text after the front matter: an ap patch, or code an operation places.</summary>
    public string Body { get; init; } = "";

    /// <summary>Where a repository template was read from; null for built-ins.</summary>
    public string? FilePath { get; init; }

    public TemplateVariable? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);
}
