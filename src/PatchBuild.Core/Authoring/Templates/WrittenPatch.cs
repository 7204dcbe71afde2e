using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// A patch authoring wrote: its text (ap, or patch.json for JSON edits), the file it changes (relative to the root)
/// and the text that file has once the patch is applied — proven by planning the patch with the engine.
/// </summary>
public sealed record WrittenPatch(string Text, PatchFormat Format, string TargetPath, string ExpectedText)
{
    /// <summary>The file name extension a patch of this format is saved under.</summary>
    public string Extension => Format == PatchFormat.PatchJson ? ".json" : ".ap";
}
