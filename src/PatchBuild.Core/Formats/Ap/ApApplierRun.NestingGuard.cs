using PatchBuild.Core.Matching;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

// Spec 3.6, nesting guard: a column-0 declaration whose insertion point lies inside a block was placed by a locator on
// the enclosing construct. Both inserts share the test of the content and the report; each finds its own way out.
internal sealed partial class ApApplierRun
{
    /// <summary>
    /// The content's first line when the content is a self-contained top-level declaration (column 0, a declaration
    /// keyword, opens a block and closes all it opens); null otherwise. Statements (a dropped indent) and control-flow
    /// or closure blocks (no declaration keyword) never qualify: they belong where the patch put them.
    /// </summary>
    private string? MisplaceableDeclaration()
    {
        string? first = _content.FirstOrDefault(l => l.Trim().Length > 0);
        bool opensBlock = _content.Any(l => l.Contains('{') || l.TrimEnd().EndsWith(':'));
        return first is not null && ApDeclarations.IsTopLevel(first) && opensBlock && BracketCounter.Balance(_content) == 0
            ? first
            : null;
    }

    /// <summary>Refuses the move under --strict; otherwise warns that the declaration went <paramref name="where"/>.</summary>
    private void ReportMovedDeclaration(string declaration, int blockHeader, string where, string hint)
    {
        if (Strict)
        {
            throw Invalid(
                $"{ActionName} would put the top-level declaration '{Shorten(declaration.Trim())}' inside the block opened at line {blockHeader + 1}.",
                hint,
                ErrorCodes.NestingMismatch);
        }

        _context.Warn("DECLARATION_MOVED",
            $"Modification {_mod.Number}: the top-level declaration '{Shorten(declaration.Trim())}' was inserted {where}, not inside the block opened at line {blockHeader + 1}.",
            _mod.ContentLine ?? _mod.PatchLine);
    }

    /// <summary>
    /// The header line of the outermost block enclosing <paramref name="line"/> that is not a namespace or module:
    /// a column-0 declaration belongs at the top level, and a block namespace is where top-level declarations live.
    /// </summary>
    private int? TopLevelBlockHeader(int line)
    {
        int? header = EnclosingBlockHeader(line);
        while (header is { } inner && !ApDeclarations.IsNamespace(_buffer[inner])
            && EnclosingBlockHeader(inner) is { } outer && !ApDeclarations.IsNamespace(_buffer[outer]))
        {
            header = outer;
        }

        return header is { } found && !ApDeclarations.IsNamespace(_buffer[found]) ? found : null;
    }

    /// <summary>
    /// The header line of the innermost block that encloses <paramref name="line"/>, or null when the line is not
    /// inside one. The candidate is the nearest line above that is indented less and opens a block (an Allman brace
    /// takes the line above it as header); the block's measured end must reach <paramref name="line"/>.
    /// </summary>
    private int? EnclosingBlockHeader(int line)
    {
        int width = Indentation.Width(_buffer[line]);
        if (width == 0 || _buffer[line].Trim().Length == 0)
        {
            return null;
        }

        var above = _buffer.Backward(line).Where(l => l.Line >= 0 && l.Text.Trim().Length > 0);
        var opener = above.FirstOrDefault(l => Indentation.Width(l.Text) < width);
        if (opener.Text is null || !ApDeclarations.OpensBlock(opener.Text))
        {
            return null;
        }

        int header = opener.Line;
        if (opener.Text.Trim() == "{"
            && _buffer.Backward(opener.Line).FirstOrDefault(l => l.Line >= 0 && l.Text.Trim().Length > 0) is { Text: not null } allman)
        {
            header = allman.Line;
        }

        return BlockFinder.FindEnd(FromLine(header), opener.Line - header + 1) is { Line: >= 0 } end && end.Line >= line
            ? header
            : null;
    }

    /// <summary>
    /// The first line of the declaration headed by <paramref name="header"/>: the attributes, decorators and comments
    /// directly above it (no blank line between) travel with it.
    /// </summary>
    private int DeclarationStart(int header)
    {
        int start = header;
        int width = Indentation.Width(_buffer[header]);
        foreach (var line in _buffer.Backward(header))
        {
            if (line.Line < 0 || Indentation.Width(line.Text) != width || !IsDeclarationPreamble(line.Text.Trim()))
            {
                break;
            }

            start = line.Line;
        }

        return start;
    }

    // '#' only as a Python comment ("# note", "#"), never a C# directive such as "#if" or "#region".
    private static bool IsDeclarationPreamble(string trimmed) =>
        trimmed.Length > 0
        && (trimmed[0] is '[' or '@' or '*' || trimmed.StartsWith("//", StringComparison.Ordinal)
            || trimmed.StartsWith("/*", StringComparison.Ordinal) || trimmed == "#" || trimmed.StartsWith("# ", StringComparison.Ordinal));
}
