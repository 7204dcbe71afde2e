using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PatchBuild.Core.Tests.Authoring.Ai;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener, a free port) that plays a model speaking the chat-completions
/// JSON: each request gets the next scripted step. It records every request body and Authorization header, so tests
/// can count attempts and prove what was sent. No network besides loopback.
/// </summary>
public sealed class ScriptedModelServer : IDisposable
{
    /// <summary>One scripted reply: a chat answer, or a raw status and body, optionally after a delay.</summary>
    public sealed record Step(int Status, string Body)
    {
        public TimeSpan Delay { get; init; }
        public string? RetryAfter { get; init; }
    }

    private HttpListener _listener = new();
    private readonly Queue<Step> _steps;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(string Body, string? Authorization)> _requests = [];

    public ScriptedModelServer(params Step[] steps)
    {
        _steps = new Queue<Step>(steps);
        for (int tries = 0; ; tries++)
        {
            int port = FreePort();
            try
            {
                _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                _listener.Start();
                BaseUrl = $"http://127.0.0.1:{port}/v1";
                break;
            }
            catch (HttpListenerException) when (tries < 10)
            {
                // Another process took the port between the probe and the start: try another. A listener whose start
                // failed has disposed itself (its prefixes throw ObjectDisposedException), so the next try needs a new one.
                _listener.Close();
                _listener = new HttpListener();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; private set; } = "";

    public int RequestCount
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<(string Body, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The text of every message of request <paramref name="index"/>, joined.</summary>
    public string MessagesOf(int index)
    {
        using var document = JsonDocument.Parse(Requests[index].Body);
        return string.Join("\n", document.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    public static Step Answer(string content) => new(200, ChatJson(content));

    public static Step Status(int status, string body, string? retryAfter = null) => new(status, body) { RetryAfter = retryAfter };

    public static Step Slow(TimeSpan delay, string content) => new(200, ChatJson(content)) { Delay = delay };

    public static string ChatJson(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        model = "scripted",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
    });

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            Step step;
            lock (_requests)
            {
                _requests.Add((body, context.Request.Headers["Authorization"]));
                step = _steps.Count > 0 ? _steps.Dequeue() : new Step(500, "{\"error\":\"the script has no more answers\"}");
            }

            if (context.Request.Url?.AbsolutePath != "/v1/chat/completions")
            {
                step = new Step(404, "{\"error\":\"not found\"}");
            }

            if (step.Delay > TimeSpan.Zero)
            {
                await Task.Delay(step.Delay, _stop.Token);
            }

            context.Response.StatusCode = step.Status;
            context.Response.ContentType = "application/json";
            if (step.RetryAfter is { } retryAfter)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(step.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client gave up (a timeout test) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping: the loop's last accept fails, as expected.
        }

        _stop.Dispose();
    }
}
