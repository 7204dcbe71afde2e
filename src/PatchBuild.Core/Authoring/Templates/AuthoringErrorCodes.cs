namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// Stable error codes of patch authoring (templates, --from-code). Kept beside the authoring code until they are folded
/// into <see cref="Model.ErrorCodes"/>; users script against them, so never rename one.
/// </summary>
public static class AuthoringErrorCodes
{
    public const string TemplateNotFound = "TEMPLATE_NOT_FOUND";
    public const string InvalidTemplate = "INVALID_TEMPLATE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string SymbolNotFound = "SYMBOL_NOT_FOUND";
    public const string AmbiguousSymbol = "AMBIGUOUS_SYMBOL";
    public const string InvalidCode = "INVALID_CODE";
    public const string AlreadyPresent = "ALREADY_PRESENT";
}
