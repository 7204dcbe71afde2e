using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// .patchbuild/ai/TIMESTAMP-ID.json: every message sent and received, and what each attempt came to. Only message
/// text is recorded (never headers, so never the Authorization header), and every string passes through the
/// endpoint's redaction, so a server that echoes the key cannot get it written either.
/// </summary>
public sealed class AiTranscript(AiEndpoint endpoint)
{
    public const string FolderName = "ai";

    private readonly List<(string Role, string Text)> _messages = [];
    private readonly List<AiAttempt> _attempts = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public void Add(ChatMessage message) => _messages.Add((message.Role.Value, message.Text));

    public void Add(AiAttempt attempt) => _attempts.Add(attempt);

    /// <summary>Writes the transcript through the state folder's rules (no link on the way, created only now).</summary>
    public async Task<string> WriteAsync(string workspaceRoot, string outcome, CancellationToken cancellationToken)
    {
        var state = new StateFolder(workspaceRoot);
        state.Ensure();
        string folder = state.Entry(FolderName);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string name = $"{_started:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}.json";
        string path = state.Entry(Path.Combine(FolderName, name));
        await WorkspaceCommitter.WriteAtomicallyAsync(path, Render(outcome), cancellationToken).ConfigureAwait(false);
        return path;
    }

    private byte[] Render(string outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("started", _started);
            json.WriteString("model", endpoint.Redact(endpoint.Model));
            json.WriteString("baseUrl", endpoint.Redact(endpoint.BaseUrl.AbsoluteUri));
            json.WriteString("outcome", endpoint.Redact(outcome));
            json.WriteStartArray("messages");
            foreach (var (role, text) in _messages)
            {
                json.WriteStartObject();
                json.WriteString("role", role);
                json.WriteString("content", endpoint.Redact(text));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("attempts");
            foreach (var attempt in _attempts)
            {
                json.WriteStartObject();
                json.WriteNumber("number", attempt.Number);
                json.WriteString("format", attempt.Format is { } format ? Formats.PatchFormatNames.NameOf(format) : null);
                json.WriteStartArray("errors");
                foreach (var error in attempt.Errors)
                {
                    json.WriteStartObject();
                    json.WriteString("code", error.Code);
                    json.WriteString("message", endpoint.Redact(error.Message));
                    json.WriteString("file", error.File);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
