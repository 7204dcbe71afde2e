namespace PatchBuild.Core.Configuration;

/// <summary>
/// The "ai" section of patchbuild.json, read by `patchbuild ai`: {"ai": {"model", "baseUrl", "maxAttempts", "timeoutSeconds"}}.
/// The API key is never a setting: it comes from OPENAI_API_KEY only, so it cannot be committed with the file.
/// </summary>
public sealed record AiSettings
{
    public const string Section = "ai";

    public const int MaxModelLength = 200;
    public const int MaxBaseUrlLength = 2048;
    public const int MaxAttemptsLimit = 10;
    public const int MaxTimeoutSeconds = 3600;

    public static AiSettings Default { get; } = new();

    public string? Model { get; init; }

    /// <summary>An OpenAI-compatible endpoint up to /v1 (e.g. http://127.0.0.1:8080/v1); OPENAI_BASE_URL wins over it.</summary>
    public Uri? BaseUrl { get; init; }

    public int? MaxAttempts { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// Why <paramref name="text"/> is refused as a base URL, or null. The key is sent to it: only http(s), no user
    /// name or password inside it, and plain http only to this machine when <paramref name="fromRepository"/> (a
    /// cloned repository's patchbuild.json must not be able to send the key in clear text across the network).
    /// </summary>
    public static string? BaseUrlProblem(string? text, bool fromRepository, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "it is empty";
        }

        if (text.Length > MaxBaseUrlLength)
        {
            return $"it is longer than {MaxBaseUrlLength} characters";
        }

        if (text.Any(char.IsControl) || text.Any(char.IsWhiteSpace))
        {
            return "it holds spaces or control characters";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return "it is not an absolute URL";
        }

        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            return $"the scheme '{parsed.Scheme}' is not http or https";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "it carries a user name or password (the key belongs in OPENAI_API_KEY)";
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            return "it carries a query or a fragment";
        }

        if (fromRepository && parsed.Scheme == Uri.UriSchemeHttp && !parsed.IsLoopback)
        {
            return "plain http is allowed only to this machine (localhost, 127.0.0.1, ::1); use https";
        }

        uri = parsed;
        return null;
    }

    /// <summary>Why <paramref name="model"/> is refused as a model name, or null.</summary>
    public static string? ModelProblem(string? model) => model switch
    {
        null or "" => "it is empty",
        { Length: > MaxModelLength } => $"it is longer than {MaxModelLength} characters",
        _ when model.Any(char.IsControl) => "it holds control characters",
        _ when string.IsNullOrWhiteSpace(model) => "it is blank",
        _ => null,
    };
}
