using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// A small IChatClient over an OpenAI-compatible /chat/completions endpoint. Our own rather than the OpenAI SDK's
/// because the requirements are about failure: one request timeout we own (no hidden retries that multiply it), a
/// 429 waits for its Retry-After only when that is short and only a few times, other errors are not retried, and no
/// message ever carries the key or a header (docs/authoring.md).
/// </summary>
public sealed class ChatCompletionsClient : IChatClient
{
    /// <summary>A Retry-After longer than this fails the run at once instead of waiting.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>How often one request waits out a 429.</summary>
    public const int MaxRateLimitRetries = 3;

    /// <summary>An answer body larger than this is refused (a patch is far smaller).</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    private readonly AiEndpoint _endpoint;
    private readonly HttpClient _http;

    public ChatCompletionsClient(AiEndpoint endpoint, HttpMessageHandler? handler = null)
    {
        _endpoint = endpoint;
        // Our own timeout per request (linked token below); HttpClient's would surface as a bare TaskCanceledException.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = true }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Called before waiting out a 429, with the wait; the CLI prints it.</summary>
    public Action<TimeSpan>? RateLimited { get; init; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        byte[] body = RequestBody(messages, options?.ModelId ?? _endpoint.Model);
        for (int retries = 0; ; retries++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_endpoint.Timeout);
            HttpStatusCode status;
            string text;
            TimeSpan? retryAfter;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.ChatCompletionsUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (_endpoint.ApiKey is { } key)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = response.StatusCode;
                retryAfter = RetryAfter(response);
                text = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failed($"The model endpoint {Where} did not answer within {_endpoint.Timeout.TotalSeconds:0} seconds.",
                    "Check that the server is up and not overloaded, or allow longer with --timeout SECONDS (or ai.timeoutSeconds). Nothing was changed.");
            }
            catch (HttpRequestException ex)
            {
                throw Failed($"Cannot reach the model endpoint {Where}: {_endpoint.Redact(ex.Message)}",
                    $"Check {AiEndpoint.BaseUrlVariable} (or ai.baseUrl) and that the server is running. Nothing was changed.");
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                TimeSpan wait = retryAfter ?? DefaultRetryAfter;
                if (retries >= MaxRateLimitRetries || wait > MaxRetryAfter)
                {
                    throw Failed($"The model endpoint {Where} is rate limiting (HTTP 429){(retryAfter is { } asked ? $", asking to wait {asked.TotalSeconds:0} seconds" : "")}; gave up after {retries + 1} request{(retries == 0 ? "" : "s")}.",
                        $"Wait and run again, or use a model or key with a higher limit. PatchBuild waits at most {MaxRetryAfter.TotalSeconds:0} seconds, {MaxRateLimitRetries} times. Nothing was changed.");
                }

                RateLimited?.Invoke(wait);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw Failed($"The model endpoint {Where} refused the request (HTTP {(int)status}): {Snippet(text)}",
                    _endpoint.HasApiKey
                        ? $"Check {AiEndpoint.ApiKeyVariable}: the key it holds is not accepted by this endpoint (it is read from the environment only). Nothing was changed."
                        : $"Set {AiEndpoint.ApiKeyVariable} to your key for this endpoint (it is read from the environment only, never from a file). Nothing was changed.");
            }

            if ((int)status is < 200 or > 299)
            {
                throw Failed($"The model endpoint {Where} answered HTTP {(int)status}: {Snippet(text)}",
                    (int)status >= 500
                        ? "The server failed; run again later. Nothing was changed."
                        : $"Check the model name (--model) and {AiEndpoint.BaseUrlVariable}: the request was refused. Nothing was changed.");
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, ParseAnswer(text))) { ModelId = options?.ModelId ?? _endpoint.Model };
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The loop needs whole answers; a stream of one update keeps the interface honest.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _http.Dispose();

    private string Where => $"'{_endpoint.BaseUrl}'";

    private static byte[] RequestBody(IEnumerable<ChatMessage> messages, string model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.Value);
                json.WriteString("content", message.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("stream", false);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw Failed($"The model endpoint's answer is {response.Content.Headers.ContentLength} bytes; at most {MaxResponseBytes} are read.", "Ask for a smaller change. Nothing was changed.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeStream = stream.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes)
            {
                throw Failed($"The model endpoint's answer is larger than {MaxResponseBytes} bytes.", "Ask for a smaller change. Nothing was changed.");
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private string ParseAnswer(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 &&
                choices[0].ValueKind == JsonValueKind.Object && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object &&
                message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Reported below, with what came instead.
        }

        throw Failed($"The model endpoint {Where} answered something that is not a chat completion: {Snippet(text)}",
            $"Point {AiEndpoint.BaseUrlVariable} at an OpenAI-compatible endpoint up to /v1 (it must serve POST /chat/completions). Nothing was changed.");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    // Error bodies help ("model not found"), but are the server's words: short, one line, and never the key.
    private string Snippet(string text)
    {
        string line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        line = new string(line.Where(c => !char.IsControl(c)).ToArray());
        if (line.Length > 300)
        {
            line = line[..300] + "…";
        }

        return _endpoint.Redact(line.Length == 0 ? "(empty body)" : line);
    }

    private static PatchException Failed(string message, string hint) =>
        new(new PatchError(AiErrorCodes.RequestFailed, message) { Hint = hint });
}
