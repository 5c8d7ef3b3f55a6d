#pragma warning disable MEAI001 // HostedImageGenerationTool's options are MEAI's experimental image types.
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>Issue 24 end to end against the emulator: prompt and response caching, sessions, presets, server tools, audio, the current catalog paths.</summary>
public sealed class LoopbackOpenRouterFeaturesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenRouterChatClient Chat(OpenRouterEmulator emulator, string model = "openai/gpt-4o") =>
        new(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback", DefaultModelId = model });

    [Fact]
    public async Task PromptCaching_SamePrefixTwice_SecondAnswerReportsCachedTokens()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient client = Chat(emulator);
        ChatMessage system = new ChatMessage(ChatRole.System, "You answer questions about a long and detailed character card.").WithCacheControl();

        ChatResponse first = await client.GetResponseAsync([system, new(ChatRole.User, "Who is she?")], cancellationToken: Ct);
        ChatResponse second = await client.GetResponseAsync([system, new(ChatRole.User, "Where does she live?")], cancellationToken: Ct);

        Assert.Equal(0, first.Usage!.CachedInputTokenCount ?? 0);
        Assert.True(second.Usage!.CachedInputTokenCount > 0);
        Assert.Contains("\"cache_control\":{\"type\":\"ephemeral\"}", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseCaching_SameRequestTwice_MissThenHitWithAge()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient client = Chat(emulator);
        ChatOptions options = new ChatOptions().WithResponseCaching(TimeSpan.FromMinutes(1));

        ChatResponse first = await client.GetResponseAsync("Cache me", options, Ct);
        ChatResponse second = await client.GetStreamingResponseAsync("Cache me", options, Ct).ToChatResponseAsync(Ct);
        ChatResponse third = await client.GetResponseAsync("Cache me", options, Ct);

        Assert.Equal("MISS", first.AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]);
        Assert.Equal(60L, first.AdditionalProperties[OpenRouterResponseProperties.ResponseCacheTtl]);
        Assert.Equal("MISS", second.Messages[0].AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]); // the streamed body differs (stream: true)
        Assert.Equal("HIT", third.Messages[0].AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]);
        Assert.IsType<long>(third.AdditionalProperties![OpenRouterResponseProperties.ResponseCacheAge]);
        Assert.Equal("60", emulator.Requests[0].GetHeader("X-OpenRouter-Cache-TTL"));
    }

    [Fact]
    public async Task Sessions_ChatBodyAndEmbeddingsHeader_ReachTheEmulator()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient chat = Chat(emulator);
        using var embeddings = new OpenRouterEmbeddingGenerator(
            new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback", DefaultEmbeddingModelId = "openai/text-embedding-3-small" });

        await chat.GetResponseAsync("Hi", new ChatOptions().WithSessionId("run-7"), Ct);
        await embeddings.GenerateAsync(["Hi"], new EmbeddingGenerationOptions().WithSessionId("run-7"), Ct);

        Assert.Equal("run-7", JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("session_id").GetString());
        Assert.Equal("run-7", emulator.Requests[1].GetHeader("x-session-id"));
        Assert.DoesNotContain("session_id", emulator.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presets_StrictCapabilityCheck_SendsPresetAndGetsAnAnswer()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        var options = new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback", DefaultModelId = "@preset/support-bot" };
        using var rest = new OpenRouterClient(options);
        using var catalog = new OpenRouterModelCatalog(rest);
        using var client = new OpenRouterChatClient(options, null, catalog, OpenRouterCapabilityCheck.Strict);

        ChatResponse response = await client.GetResponseAsync("Hi", new ChatOptions { Seed = 1 }, Ct);

        Assert.NotEmpty(response.Text);
        Assert.Equal("@preset/support-bot", JsonDocument.Parse(emulator.Requests.Single(r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal)).Body).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task ServerTools_DatetimeAndImageGeneration_AnswerWithCannedResults()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient client = Chat(emulator);
        var options = new ChatOptions { Tools = [new OpenRouterServerTool(OpenRouterServerTool.DateTime), new HostedImageGenerationTool()] }.WithMaxToolCalls(3);

        ChatResponse response = await client.GetResponseAsync("What day is it? Draw it.", options, Ct);

        Assert.Contains("2026-01-01T12:00:00Z", response.Text, StringComparison.Ordinal);
        Assert.Contains(response.Messages[0].Contents, c => c is DataContent { MediaType: "image/png" });
        Assert.Contains("\"type\":\"openrouter:image_generation\"", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AudioOutput_Streaming_OneWavDataContentAndTheTranscript()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient client = Chat(emulator, "openai/gpt-4o-audio-preview");

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Say hello", new ChatOptions().WithAudioOutput(), Ct))
        {
            updates.Add(update);
        }

        ChatResponse response = updates.ToChatResponse();
        DataContent audio = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<DataContent>());
        Assert.Equal("audio/wav", audio.MediaType);
        Assert.True(audio.Data.Span.StartsWith("RIFF"u8));
        Assert.Equal(44 + 32, audio.Data.Length);
        Assert.Equal("Hello from the OpenRouter emulator.", response.Text);
    }

    [Fact]
    public async Task AudioOutput_NotStreaming_MessageAudioBecomesDataContent()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using OpenRouterChatClient client = Chat(emulator, "openai/gpt-4o-audio-preview");

        ChatResponse response = await client.GetResponseAsync("Say hello", new ChatOptions().WithAudioOutput(), Ct);

        Assert.Single(response.Messages[0].Contents.OfType<DataContent>(), c => c.MediaType == "audio/wav");
        Assert.Equal("Hello from the OpenRouter emulator.", response.Text);
    }

    [Fact]
    public async Task Catalog_CurrentPaths_EmbeddingsModelsAndSingleModel()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        using var rest = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback" });

        IReadOnlyList<OpenRouterModel> embeddings = await rest.Models.ListEmbeddingsAsync(Ct);
        OpenRouterModel model = await rest.Models.GetAsync("openai/gpt-4o", Ct);

        Assert.All(embeddings, m => Assert.Contains(OpenRouterModality.Embeddings, m.Architecture!.OutputModalities));
        Assert.Equal("openai/gpt-4o", model.Id);
        Assert.Contains(emulator.Requests, r => r.Path == "/api/v1/embeddings/models");
        Assert.Contains(emulator.Requests, r => r.Path == "/api/v1/model/openai/gpt-4o");
    }
}
