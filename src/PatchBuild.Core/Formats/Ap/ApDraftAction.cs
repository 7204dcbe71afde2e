using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>What a FILE block's part asks for, before it is checked and turned into the model.</summary>
internal enum ApDraftAction
{
    /// <summary>Values that came before any action directive.</summary>
    None,
    Replace,
    InsertAfter,
    InsertBefore,
    Delete,
    Create,
    Recreate,
    Rename,
}

internal static class ApDraftActions
{
    public static ApDraftAction From(ApKeyword keyword) => keyword switch
    {
        ApKeyword.Replace => ApDraftAction.Replace,
        ApKeyword.InsertAfter => ApDraftAction.InsertAfter,
        ApKeyword.InsertBefore => ApDraftAction.InsertBefore,
        ApKeyword.Delete => ApDraftAction.Delete,
        ApKeyword.Create => ApDraftAction.Create,
        ApKeyword.Recreate => ApDraftAction.Recreate,
        ApKeyword.Rename => ApDraftAction.Rename,
        _ => ApDraftAction.None,
    };

    public static string NameOf(ApDraftAction action) => action switch
    {
        ApDraftAction.Replace => "REPLACE",
        ApDraftAction.InsertAfter => "INSERT_AFTER",
        ApDraftAction.InsertBefore => "INSERT_BEFORE",
        ApDraftAction.Delete => "DELETE",
        ApDraftAction.Create => "CREATE",
        ApDraftAction.Recreate => "RECREATE",
        ApDraftAction.Rename => "RENAME",
        _ => "(no action)",
    };

    public static bool IsLocator(ApDraftAction action) => action is ApDraftAction.Replace or ApDraftAction.InsertAfter
        or ApDraftAction.InsertBefore or ApDraftAction.Delete;

    public static bool IsInsert(ApDraftAction action) => action is ApDraftAction.InsertAfter or ApDraftAction.InsertBefore;

    /// <summary>Actions that are meaningless without a content value.</summary>
    public static bool NeedsContent(ApDraftAction action) => action is ApDraftAction.Replace or ApDraftAction.InsertAfter
        or ApDraftAction.InsertBefore or ApDraftAction.Recreate;

    public static LocatorAction ToLocator(ApDraftAction action) => action switch
    {
        ApDraftAction.Replace => LocatorAction.Replace,
        ApDraftAction.InsertAfter => LocatorAction.InsertAfter,
        ApDraftAction.InsertBefore => LocatorAction.InsertBefore,
        ApDraftAction.Delete => LocatorAction.Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a locator action"),
    };
}
