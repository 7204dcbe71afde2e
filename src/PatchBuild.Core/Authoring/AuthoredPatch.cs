using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring;

/// <summary>
/// An ap 3.2 patch written by <see cref="PatchAuthoring"/>: its text, and what the author should know about it
/// (a change the format cannot carry exactly, a file that had to be rewritten whole).
/// </summary>
/// <param name="Text">The patch, ready to save as an <c>.ap</c> file.</param>
/// <param name="Diagnostics">Warnings with stable codes (see docs/authoring.md); empty when the patch is exact.</param>
public sealed record AuthoredPatch(string Text, IReadOnlyList<PatchWarning> Diagnostics);

/// <summary>One file's wanted change for <see cref="PatchAuthoring.FromTexts"/>: null old text creates, null new text deletes.</summary>
/// <param name="Path">Path relative to the root, with '/' separators.</param>
/// <param name="OldBytes">The file as it is now, or null when it is to be created.</param>
/// <param name="NewBytes">The file as it should be, or null when it is to be deleted.</param>
/// <param name="RenamedFrom">For a rename: the old path (OldBytes are then the old file's bytes).</param>
public sealed record FileVersionPair(string Path, byte[]? OldBytes, byte[]? NewBytes, string? RenamedFrom = null);
