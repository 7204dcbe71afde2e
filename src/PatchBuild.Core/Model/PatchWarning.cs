namespace PatchBuild.Core.Model;

/// <summary>Something forgiven or suspicious that did not stop the patch.</summary>
public sealed record PatchWarning(string Code, string Message)
{
    public string? File { get; init; }
    public int? Line { get; init; }
    public string? PatchFile { get; init; }
}
