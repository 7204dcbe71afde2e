using System.Globalization;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Everything between one FILE directive and the next: collects its actions, values and options as they are read,
/// then checks them together and produces the block's <see cref="FileChange"/>.
/// </summary>
internal sealed class ApFileBlock(ApBlockContext context, int line, NewlineMode? newline)
{
    public const string LocatorIgnoredWarning = "AP_LOCATOR_IGNORED";

    private readonly List<ApModificationDraft> _drafts = [];

    public string Path => context.Path;

    public int Line { get; } = line;

    public IReadOnlyList<ApModificationDraft> Drafts => _drafts;

    private ApModificationDraft? Current => _drafts.Count == 0 ? null : _drafts[^1];

    public void StartAction(ApDraftAction action, ApDirectiveLine directive) =>
        _drafts.Add(new ApModificationDraft(action, directive.Line, directive.Index, actionInferred: false));

    public void StartRename(ApDirectiveLine directive, string newPath, int rawEndIndex)
    {
        var draft = new ApModificationDraft(ApDraftAction.Rename, directive.Line, directive.Index, actionInferred: false) { NewPath = newPath };
        draft.ExtendTo(rawEndIndex);
        _drafts.Add(draft);
    }

    public void AddValue(ApKeyword slot, ApValue value, ApDirectiveLine directive)
    {
        string name = ApKeywords.NameOf(slot);
        var draft = Current;
        if (draft is null)
        {
            draft = new ApModificationDraft(ApDraftAction.None, directive.Line, directive.Index, actionInferred: false);
            _drafts.Add(draft);
        }
        else if (StartsNextModification(draft, slot))
        {
            // The previous modification already holds all it needs, so a new snippet or anchor can only open the next
            // one; the AI most often drops the action line when it repeats the same kind of edit, so we repeat it.
            context.Forgive(ApDeviation.MissingAction, directive.Line,
                $"'{name}' follows a complete {ApDraftActions.NameOf(draft.Action)} without an action line; it starts a new {ApDraftActions.NameOf(draft.Action)}.");
            draft = new ApModificationDraft(draft.Action, directive.Line, directive.Index, actionInferred: true);
            _drafts.Add(draft);
        }

        switch (draft.Action)
        {
            case ApDraftAction.Rename:
                throw context.Error(ErrorCodes.InvalidModification, directive.Line, null,
                    $"'{name}' follows RENAME, which takes only the new path.",
                    "Give RENAME its own FILE block; put edits of the file in another FILE block (naming the old or the new path).");

            case ApDraftAction.Create or ApDraftAction.Recreate when slot != ApKeyword.Content:
                context.Warn(LocatorIgnoredWarning,
                    $"Line {directive.Line}: '{name}' is ignored: {ApDraftActions.NameOf(draft.Action)} writes the whole file and locates nothing.",
                    directive.Line);
                draft.ExtendTo(value.RawEndIndex);
                return;
        }

        if (draft.Get(slot) is { } earlier)
        {
            if (slot == ApKeyword.Content)
            {
                // Two contents cannot both be meant; choosing one would silently drop code.
                throw context.Error(ErrorCodes.InvalidPatchFile, directive.Line, null,
                    $"A second 'content' in one modification (the first is at line {earlier.DirectiveLine}).",
                    "Each modification takes one content; start the next modification with its action line.");
            }

            context.Forgive(ApDeviation.DuplicateValue, directive.Line,
                $"a second '{name}' in one modification (the first is at line {earlier.DirectiveLine}); the last one is used.");
        }

        draft.Set(slot, value);
    }

    // A snippet or anchor after the content can only open the next modification; before the content it corrects the
    // current one (the spec's tolerant reading, and the reference's).
    private static bool StartsNextModification(ApModificationDraft draft, ApKeyword slot) =>
        slot is ApKeyword.Snippet or ApKeyword.Anchor
        && ApDraftActions.IsLocator(draft.Action)
        && draft.Content is not null;

    public void AddOption(ApDirectiveLine directive)
    {
        string name = directive.Canonical;
        var draft = Current;
        if (draft is null || !ApDraftActions.IsLocator(draft.Action))
        {
            string after = draft is null ? "before any action" : $"on {ApDraftActions.NameOf(draft.Action)}";
            throw context.Error(ErrorCodes.InvalidModification, directive.Line, null,
                $"The option '{name}' is {after}; options only refine REPLACE, INSERT_AFTER, INSERT_BEFORE and DELETE.",
                "Put the option after the action and snippet of the modification it refines, or remove it.");
        }

        if (directive.Keyword is ApKeyword.ScopeEnd)
        {
            // The argument is optional and exists for symmetry with the other options (spec 2.5): "scope_end 1".
            int flag = directive.Args.Length == 0 ? 1 : ReadCount(directive);
            if (draft.ScopeEnd)
            {
                throw Duplicate(directive);
            }

            draft.ScopeEnd = flag > 0;
        }
        else
        {
            if (ApDraftActions.IsInsert(draft.Action))
            {
                throw context.Error(ErrorCodes.InvalidModification, directive.Line, null,
                    $"'{name}' widens the region a REPLACE or DELETE removes, but this modification is {ApDraftActions.NameOf(draft.Action)}.",
                    "Remove the option; to insert around blank lines, include the neighbouring code in the snippet or use REPLACE.");
            }

            int count = ReadCount(directive);
            bool leading = directive.Keyword is ApKeyword.IncludeLeadingBlankLines;
            if ((leading ? draft.IncludeLeadingBlankLines : draft.IncludeTrailingBlankLines) is not null)
            {
                throw Duplicate(directive);
            }

            if (leading)
            {
                draft.IncludeLeadingBlankLines = count;
            }
            else
            {
                draft.IncludeTrailingBlankLines = count;
            }
        }

        draft.FirstOptionLine ??= directive.Line;
        draft.ExtendTo(directive.Index + 1);
    }

    private int ReadCount(ApDirectiveLine directive)
    {
        var args = directive.Args.AsSpan();
        bool digitsOnly = args.Length > 0 && !args.ContainsAnyExceptInRange('0', '9');
        if (!digitsOnly || !int.TryParse(args, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw context.Error(ErrorCodes.InvalidModification, directive.Line, null,
                $"'{directive.Canonical}' needs a whole number of blank lines (0 or more), but has '{Shorten(directive.Args)}'.",
                $"Write e.g. '<id> {directive.Canonical} 1'.");
        }

        return count;
    }

    private PatchException Duplicate(ApDirectiveLine directive) =>
        context.Error(ErrorCodes.InvalidModification, directive.Line, null,
            $"'{directive.Canonical}' is given twice for one modification.",
            "Keep one of them.");

    /// <summary>Checks the block as a whole and numbers its modifications from <paramref name="nextNumber"/> on.</summary>
    public FileChange Build(ref int nextNumber)
    {
        var change = new FileChange(Path, FileChangeKind.Modify) { Newline = newline, PatchLine = Line };
        if (_drafts.Count == 0)
        {
            throw context.Error(ErrorCodes.InvalidPatchFile, Line, null,
                $"The FILE block for '{Path}' has no action.",
                "After the path, give an action: REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE, CREATE, RECREATE or RENAME.");
        }

        var first = _drafts[0];
        if (first.Action == ApDraftAction.None)
        {
            return BuildWithoutAction(first, change);
        }

        if (first.Action == ApDraftAction.Create && first.Content is not null && _drafts.Count > 1
            && _drafts.Skip(1).All(d => ApDraftActions.IsLocator(d.Action)))
        {
            // Actions after CREATE in the same block edit the text CREATE wrote.
            var created = BuildWholeFile(first, change);
            var edits = new List<Modification>(_drafts.Count - 1);
            foreach (var draft in _drafts.Skip(1))
            {
                edits.Add(draft.ToLocatorModification(nextNumber++, context));
            }

            return created with { Modifications = edits };
        }

        var wholeFile = _drafts.FirstOrDefault(d => d.Action is ApDraftAction.Create or ApDraftAction.Recreate or ApDraftAction.Rename
            || (d.Action is ApDraftAction.Delete && d.IsBare && _drafts.Count == 1));
        if (wholeFile is not null)
        {
            if (_drafts.Count > 1)
            {
                var other = _drafts.First(d => d != wholeFile);
                var later = other.Line > wholeFile.Line ? other : wholeFile;
                throw context.Error(ErrorCodes.InvalidModification, later.Line, null,
                    $"{ApDraftActions.NameOf(wholeFile.Action)} (line {wholeFile.Line}) cannot share a FILE block with {ApDraftActions.NameOf(other.Action)} (line {other.Line}).",
                    "CREATE, RECREATE, RENAME and deleting a whole file each need a FILE block of their own; put other edits in another FILE block.");
            }

            return BuildWholeFile(wholeFile, change);
        }

        var modifications = new List<Modification>(_drafts.Count);
        foreach (var draft in _drafts)
        {
            modifications.Add(draft.ToLocatorModification(nextNumber++, context));
        }

        return change with { Modifications = modifications };
    }

    private FileChange BuildWithoutAction(ApModificationDraft draft, FileChange change)
    {
        if (_drafts.Count == 1 && draft.Content is not null && draft is { Snippet: null, Anchor: null, SnippetTail: null, HasOptions: false })
        {
            context.Forgive(ApDeviation.ImplicitCreate, draft.Content.DirectiveLine,
                $"the FILE block for '{Path}' holds only content; it is read as CREATE.");
            return change with { Kind = FileChangeKind.Create, Content = WholeFileText(draft.Content) };
        }

        throw context.Error(ErrorCodes.InvalidModification, draft.Line, null,
            $"The FILE block for '{Path}' gives values before any action directive.",
            "Start each modification with its action line (REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE, CREATE or RECREATE), then its snippet and content.");
    }

    private FileChange BuildWholeFile(ApModificationDraft draft, FileChange change)
    {
        switch (draft.Action)
        {
            case ApDraftAction.Create:
                return draft.Content is null
                    ? change with { Kind = FileChangeKind.CreateDirectory }
                    : change with { Kind = FileChangeKind.Create, Content = WholeFileText(draft.Content) };

            case ApDraftAction.Recreate:
                if (draft.Content is null)
                {
                    throw context.Error(ErrorCodes.MissingContent, draft.Line, null,
                        $"RECREATE of '{Path}' has no content.",
                        "Give the file's whole new text under '<id> content'; to delete the file, use DELETE alone.");
                }

                return change with { Kind = FileChangeKind.Recreate, Content = WholeFileText(draft.Content) };

            case ApDraftAction.Rename:
                return change with { Kind = FileChangeKind.Rename, NewPath = draft.NewPath };

            default:
                return change with { Kind = FileChangeKind.Delete };
        }
    }

    // Values lose their trailing blank lines; a whole file gets back the final newline text files are expected to end with.
    private static string WholeFileText(ApValue value) => value.IsBlank ? "" : value.Text + "\n";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
