using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>The INVALID_POINTER failures both targets raise, worded once.</summary>
internal static class PointerFailures
{
    public static JsonPatchFailure NoMember(JsonPointer pointer, int depth) => new(ErrorCodes.InvalidPointer,
        $"'{pointer.Prefix(depth + 1)}' points to nothing: the object at {Where(pointer, depth)} has no member '{pointer.Tokens[depth]}'.",
        "Check the member name's spelling and case; escape '/' as '~1' and '~' as '~0'. To create a member use \"add\".");

    public static JsonPatchFailure NotContainer(JsonPointer pointer, int depth, string kind) => new(ErrorCodes.InvalidPointer,
        $"'{pointer.Prefix(depth + 1)}' points to nothing: {Where(pointer, depth)} is {kind}, not an object or array.",
        "A pointer can only go into objects and arrays; check the path against the file.");

    public static JsonPatchFailure BadIndex(JsonPointer pointer, int depth) => new(ErrorCodes.InvalidPointer,
        $"'{pointer.Prefix(depth + 1)}' points to nothing: {Where(pointer, depth)} is an array and '{pointer.Tokens[depth]}' is not an index.",
        "Array elements are addressed by 0, 1, 2, ... (no leading zeros, no sign); '-' means after the last element and only works for \"add\" (and as the target of move and copy).");

    public static JsonPatchFailure IndexOutOfRange(JsonPointer pointer, int depth, int count, bool forAdd) => new(ErrorCodes.InvalidPointer,
        $"'{pointer.Prefix(depth + 1)}' points to nothing: the array at {Where(pointer, depth)} has {count} element(s), so index {pointer.Tokens[depth]} is past the end.",
        forAdd
            ? $"\"add\" can insert at 0..{count}; use '-' to append."
            : count == 0 ? "The array is empty." : $"Use an index from 0 to {count - 1}.");

    public static JsonPatchFailure DashNotAllowed(JsonPointer pointer, int depth) => new(ErrorCodes.InvalidPointer,
        $"'{pointer.Prefix(depth + 1)}' points to nothing: '-' is the position after the last element of {Where(pointer, depth)}.",
        "'-' can only be the target of \"add\", \"move\" or \"copy\"; to address the last element use its index.");

    public static JsonPatchFailure RemoveRoot() => new(ErrorCodes.InvalidPointer,
        "The pointer \"\" is the whole document, which cannot be removed or moved.",
        "Remove a member or element instead, or \"replace\" the whole document.");

    public static JsonPatchFailure MoveIntoItself(JsonPointer from, JsonPointer path) => new(ErrorCodes.InvalidPointer,
        $"Cannot move '{from}' into '{path}', which is inside it.",
        "A value cannot be moved into one of its own children; copy it instead, or move it elsewhere.");

    private static string Where(JsonPointer pointer, int depth) => depth == 0 ? "the document root" : $"'{pointer.Prefix(depth)}'";
}
