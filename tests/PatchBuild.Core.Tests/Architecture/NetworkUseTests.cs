namespace PatchBuild.Core.Tests.Architecture;

/// <summary>`patchbuild ai` is the only part of the engine that talks to the network, and it does so in one class.</summary>
public sealed class NetworkUseTests
{
    [Fact]
    public void Only_the_chat_completions_client_uses_HttpClient()
    {
        var uses = TypeReferences.Uses("PatchBuild.Core", "System.Net.Http")
            .Where(use => use.EndsWith("-> System.Net.Http.HttpClient", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, use => Assert.StartsWith("PatchBuild.Core.Authoring.Ai.ChatCompletionsClient", use, StringComparison.Ordinal));
    }
}
