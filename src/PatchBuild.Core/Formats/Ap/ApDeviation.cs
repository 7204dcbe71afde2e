namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// A departure from the ap 3.2 spec that the lenient parser forgives (with a warning of this code) and
/// <c>--strict</c> refuses (INVALID_PATCH_FILE). The codes are stable: scripts filter warnings by them.
/// </summary>
internal sealed record ApDeviation(string Code, string Name, string Hint)
{
    public static readonly ApDeviation CommentOutsideValue = new("AP_COMMENT_OUTSIDE_VALUE",
        "a comment line outside a value",
        "Put '#' comments only before the header line; inside a value a '#' line is content.");

    public static readonly ApDeviation StrayText = new("AP_STRAY_TEXT",
        "text that belongs to no directive",
        "Remove prose around the patch, or turn it into '#' comments before the header.");

    public static readonly ApDeviation MissingHeader = new("AP_MISSING_HEADER",
        "a missing header",
        "Start the patch with the header line '<id> AP 3.2', where <id> is the 8 hex digits every directive starts with.");

    public static readonly ApDeviation UnknownVersion = new("AP_UNKNOWN_VERSION",
        "an unknown format version",
        "Write the header as '<id> AP 3.2'.");

    public static readonly ApDeviation IdCase = new("AP_ID_CASE",
        "a patch ID with capital letters",
        "Write the ID in lower case hex digits (0-9, a-f), in the header and in every directive.");

    public static readonly ApDeviation MarkdownFence = new("AP_MARKDOWN_FENCE",
        "a markdown code fence around the patch",
        "Save the patch without the ``` lines and the text around them.");

    public static readonly ApDeviation DirectiveCase = new("AP_DIRECTIVE_CASE",
        "a directive in the wrong letter case",
        "Write actions in capitals (REPLACE, FILE, ...) and values and options in lower case (snippet, content, scope_end, ...); newline modes are LF, CRLF or CR.");

    public static readonly ApDeviation TrailingColon = new("AP_TRAILING_COLON",
        "a colon after a directive",
        "Write the directive word alone, e.g. '<id> snippet', not '<id> snippet:'.");

    public static readonly ApDeviation IdDrift = new("AP_ID_DRIFT",
        "a directive with an ID other than the header's",
        "Use the header's ID in every directive line.");

    public static readonly ApDeviation UnknownDirective = new("AP_UNKNOWN_DIRECTIVE",
        "an unknown directive",
        "Use FILE, REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE, CREATE, RECREATE, RENAME, END, snippet, anchor, snippet_tail, content, include_leading_blank_lines, include_trailing_blank_lines or scope_end.");

    public static readonly ApDeviation InlineValue = new("AP_INLINE_VALUE",
        "a value written on its directive's line",
        "Put the value on the lines below the directive; only FILE and RENAME take their path on the same line.");

    public static readonly ApDeviation ContentWithoutDirective = new("AP_CONTENT_WITHOUT_DIRECTIVE",
        "file content right after CREATE or RECREATE without a 'content' directive",
        "Put '<id> content' on the line before the file's content.");

    public static readonly ApDeviation AnchorWithoutSnippet = new("AP_ANCHOR_WITHOUT_SNIPPET",
        "an anchor without a snippet (used as the snippet)",
        "Name the code to change with 'snippet'; 'anchor' only narrows where the snippet is searched.");

    public static readonly ApDeviation MissingAction = new("AP_MISSING_ACTION",
        "a modification without an action directive (the previous action is repeated)",
        "Start every modification with its action line: REPLACE, INSERT_AFTER, INSERT_BEFORE or DELETE.");

    public static readonly ApDeviation ImplicitCreate = new("AP_IMPLICIT_CREATE",
        "a FILE block with content but no action (read as CREATE)",
        "Write '<id> CREATE' before the 'content' directive.");

    public static readonly ApDeviation TailInsideSnippet = new("AP_TAIL_INSIDE_SNIPPET",
        "a snippet_tail that is the end of the snippet itself (the tail is ignored)",
        "Either give the whole block as the snippet, or a short snippet for its first lines and a snippet_tail for its last lines.");

    public static readonly ApDeviation SemanticId = new("AP_SEMANTIC_ID",
        "a patch ID that is not 8 hexadecimal digits",
        "Use 8 random lowercase hex digits (0-9, a-f) as the patch ID, such as 'e4a2f1b8'.");

    public static readonly ApDeviation SnippetWithoutDirective = new("AP_SNIPPET_WITHOUT_DIRECTIVE",
        "locator text right after an action directive without a 'snippet' directive",
        "Put '<id> snippet' on the line before the code to find.");

    public static readonly ApDeviation DuplicateValue = new("AP_DUPLICATE_VALUE",
        "a snippet or anchor given twice in one modification (the last one is used)",
        "Give each modification one snippet and at most one anchor and snippet_tail; start the next modification with its action line.");

    public static readonly ApDeviation EmptyReplace = new("AP_EMPTY_REPLACE",
        "a REPLACE with an empty content (applied as DELETE)",
        "Use DELETE to remove code.");

    public static readonly ApDeviation DeleteWithContent = new("AP_DELETE_WITH_CONTENT",
        "a DELETE that carries content (the content is ignored)",
        "Remove the content, or use REPLACE to put new code in place of the snippet.");
}
