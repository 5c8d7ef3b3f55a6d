#pragma warning disable MEAI001 // MEAI's image generation abstractions are experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Differential;

/// <summary>
/// Embeddings, images and web search through ours and through Microsoft.Extensions.AI.OpenAI over the OpenAI SDK pointed at
/// the same emulator: the rows of the comparison table (docs/compared-with-openai-sdk.md) for these features.
/// </summary>
public sealed class ModalitiesDifferentialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_Embeddings_SameVectorsButOnlyOursHasTheCost()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var ours = new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { ApiKey = "sk-or-loopback", Endpoint = emulator.Endpoint, DefaultEmbeddingModelId = "openai/text-embedding-3-small" });
        using IEmbeddingGenerator<string, Embedding<float>> peer = Peer(emulator).GetEmbeddingClient("openai/text-embedding-3-small").AsIEmbeddingGenerator();
        string[] inputs = ["the quick brown fox", "jumps over the lazy dog"];

        GeneratedEmbeddings<Embedding<float>> a = await ours.GenerateAsync(inputs, cancellationToken: Ct);
        GeneratedEmbeddings<Embedding<float>> b = await peer.GenerateAsync(inputs, cancellationToken: Ct);

        Assert.Equal(a.Select(e => e.Vector.ToArray()), b.Select(e => e.Vector.ToArray()));
        Assert.Equal(a.Usage!.InputTokenCount, b.Usage!.InputTokenCount);
        Assert.True(a.Usage.GetOpenRouterCost() > 0);
        Assert.False(b.AdditionalProperties?.ContainsKey("cost") ?? false);
        Assert.False(b.Usage.AdditionalCounts?.ContainsKey("cost_picodollars") ?? false);
    }

    [Fact]
    public async Task GenerateAsync_Images_OursPostsToImagesThePeerToImagesGenerations()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var ours = new OpenRouterImageGenerator(new OpenRouterClientOptions { ApiKey = "sk-or-loopback", Endpoint = emulator.Endpoint, DefaultImageModelId = "google/gemini-2.5-flash-image" });
        using IImageGenerator peer = Peer(emulator).GetImageClient("google/gemini-2.5-flash-image").AsIImageGenerator();

        ImageGenerationResponse a = await ours.GenerateImagesAsync("a lighthouse", cancellationToken: Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => peer.GenerateImagesAsync("a lighthouse", cancellationToken: Ct));

        Assert.IsType<DataContent>(Assert.Single(a.Contents));
        // OpenRouter's image router is POST /images; the OpenAI SDK only knows OpenAI's /images/generations.
        Assert.Equal(["/api/v1/images", "/api/v1/images/generations"], emulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task GetResponseAsync_HostedWebSearchTool_OursSendsTheServerToolThePeerWebSearchOptions()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var ours = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-loopback", Endpoint = emulator.Endpoint, DefaultModelId = "openai/gpt-4o" });
        using IChatClient peer = Peer(emulator).GetChatClient("openai/gpt-4o").AsIChatClient();
        var options = new ChatOptions { Tools = [new HostedWebSearchTool()] };

        ChatResponse a = await ours.GetResponseAsync("latest dotnet release", options, Ct);
        await peer.GetResponseAsync("latest dotnet release", options, Ct);

        JsonNode oursBody = emulator.Requests[0].BodyAsJsonNode()!;
        JsonNode peerBody = emulator.Requests[1].BodyAsJsonNode()!;
        Assert.Equal("openrouter:web_search", oursBody["tools"]![0]!["type"]!.GetValue<string>());
        // MEAI.OpenAI turns the tool into OpenAI's web_search_options field, not a tool.
        Assert.Null(peerBody["tools"]);
        Assert.NotNull(peerBody["web_search_options"]);
        Assert.Contains("Web search (demo)", a.Text, StringComparison.Ordinal);
    }

    private static OpenAIClient Peer(OpenRouterEmulator emulator) =>
        new(new ApiKeyCredential("sk-or-loopback"), new OpenAIClientOptions { Endpoint = emulator.Endpoint, Transport = new HttpClientPipelineTransport(new HttpClient()) });
}
