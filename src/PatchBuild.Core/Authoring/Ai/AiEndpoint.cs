using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// Where `patchbuild ai` sends its requests and with which model and key. A class, not a record: a record's
/// generated ToString would print the key into any log or exception message that shows the endpoint.
/// </summary>
public sealed class AiEndpoint
{
    public const string BaseUrlVariable = "OPENAI_BASE_URL";
    public const string ApiKeyVariable = "OPENAI_API_KEY";
    public const string ModelVariable = "PATCHBUILD_AI_MODEL";
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly string? _apiKey;

    public AiEndpoint(Uri baseUrl, string model, string? apiKey, TimeSpan timeout)
    {
        BaseUrl = baseUrl;
        Model = model;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        Timeout = timeout;
    }

    public Uri BaseUrl { get; }

    public string Model { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Where the base URL came from, for messages: "OPENAI_BASE_URL", "patchbuild.json" or "default".</summary>
    public string BaseUrlSource { get; init; } = "default";

    public bool HasApiKey => _apiKey is not null;

    /// <summary>The chat-completions address: the base URL (which ends at /v1) plus /chat/completions.</summary>
    public Uri ChatCompletionsUrl => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    internal string? ApiKey => _apiKey;

    /// <summary>Replaces the key wherever it appears (a server may echo it in an error body).</summary>
    public string Redact(string text) =>
        _apiKey is { Length: >= 4 } key && text.Contains(key, StringComparison.Ordinal) ? text.Replace(key, "[redacted key]", StringComparison.Ordinal) : text;

    public override string ToString() => $"{Model} at {BaseUrl}";

    /// <summary>
    /// The model: <paramref name="modelOption"/> (--model), then patchbuild.json ai.model, then PATCHBUILD_AI_MODEL.
    /// The base URL: OPENAI_BASE_URL, then ai.baseUrl, then the OpenAI API. The environment wins for the URL because
    /// it is the user's own choice, while patchbuild.json comes with the repository: a cloned repository must not be
    /// able to send the user's key elsewhere when the user has said where it goes.
    /// </summary>
    public static AiEndpoint Resolve(AiSettings settings, string? modelOption, int? timeoutSeconds, Func<string, string?> environment)
    {
        string? model = FirstSet(modelOption, settings.Model, environment(ModelVariable));
        if (model is null)
        {
            throw Config("No model was named for `patchbuild ai`.",
                $"Pass --model NAME, set \"ai\": {{\"model\": \"NAME\"}} in patchbuild.json, or set {ModelVariable}.");
        }

        if (AiSettings.ModelProblem(model) is { } modelProblem)
        {
            throw Config($"The model name is refused: {modelProblem}.", "Name the model as the endpoint knows it, e.g. gpt-4.1-mini.");
        }

        Uri baseUrl = DefaultBaseUrl;
        string source = "default";
        if (FirstSet(environment(BaseUrlVariable)) is { } fromEnvironment)
        {
            if (AiSettings.BaseUrlProblem(fromEnvironment, fromRepository: false, out var uri) is { } problem)
            {
                throw Config($"{BaseUrlVariable} is refused: {problem}.", $"Set {BaseUrlVariable} to the endpoint up to /v1, e.g. http://127.0.0.1:8080/v1.");
            }

            (baseUrl, source) = (uri!, BaseUrlVariable);
        }
        else if (settings.BaseUrl is { } fromFile)
        {
            (baseUrl, source) = (fromFile, PatchBuildConfigLoader.FileName);
        }

        int seconds = timeoutSeconds ?? settings.TimeoutSeconds ?? (int)DefaultTimeout.TotalSeconds;
        return new AiEndpoint(baseUrl, model, environment(ApiKeyVariable), TimeSpan.FromSeconds(seconds)) { BaseUrlSource = source };
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static PatchException Config(string message, string hint) =>
        new(new PatchError(ErrorCodes.InvalidConfig, message) { Hint = hint });
}
