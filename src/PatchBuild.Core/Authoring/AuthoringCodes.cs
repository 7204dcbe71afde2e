namespace PatchBuild.Core.Authoring;

/// <summary>Warning codes of the patch writer; part of the documented surface (docs/authoring.md).</summary>
public static class AuthoringCodes
{
    /// <summary>A changed line ends in spaces or tabs; ap content cannot carry them (spec 3.5 strips them).</summary>
    public const string TrailingWhitespace = "AUTHOR_TRAILING_WHITESPACE";

    /// <summary>The file's ending (final newline, byte order mark, mixed line endings) cannot be changed by locator edits.</summary>
    public const string FileShapeKept = "AUTHOR_FILE_SHAPE_KEPT";

    /// <summary>No locator edit reproduced the new version exactly, so the file is rewritten whole (RECREATE).</summary>
    public const string Recreated = "AUTHOR_RECREATED";


    /// <summary>The patch changes nothing: the file already holds the content.</summary>
    public const string NoChange = "AUTHOR_NO_CHANGE";

    /// <summary>A file changed since the revision was skipped (binary, or a type change).</summary>
    public const string Skipped = "AUTHOR_SKIPPED";
}
