#pragma warning disable MEAI001 // MEAI's image generation abstractions are experimental.
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>The embedding and image generator registrations, resolved from DI and used against the emulator.</summary>
public sealed class GeneratorRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOpenRouterEmbeddingGenerator_ConfigurationSection_GeneratesThroughTheEmulatorWithMiddleware()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        IConfiguration configuration = Configuration(emulator, ("OpenRouter:DefaultEmbeddingModelId", "openai/text-embedding-3-small"));
        var services = new ServiceCollection();
        int calls = 0;
        services.AddOpenRouterEmbeddingGenerator(configuration.GetSection("OpenRouter"))
            .Use((values, options, inner, cancellationToken) =>
            {
                calls++;
                return inner.GenerateAsync(values, options, cancellationToken);
            });
        await using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["a", "b", "c"], cancellationToken: Ct);

        Assert.Equal(3, result.Count);
        Assert.Equal(1, calls);
        Assert.Equal("openai/text-embedding-3-small", generator.GetRequiredService<EmbeddingGeneratorMetadata>().DefaultModelId);
        Assert.Equal("/api/v1/embeddings", emulator.LastRequest!.Path);
        Assert.StartsWith("Bearer ", emulator.LastRequest.GetHeader("Authorization"), StringComparison.Ordinal);
        Assert.True(result.Usage!.AdditionalCounts!["cost_picodollars"] > 0);
    }

    [Fact]
    public async Task AddKeyedOpenRouterEmbeddingGenerator_Action_IsKeyedWithItsOwnOptions()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var services = new ServiceCollection();
        services.AddKeyedOpenRouterEmbeddingGenerator("search", o =>
        {
            o.ApiKey = "sk-or-test";
            o.Endpoint = emulator.Endpoint;
            o.DefaultEmbeddingModelId = "mistralai/mistral-embed-2312";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("search");
        await generator.GenerateAsync(["x"], cancellationToken: Ct);

        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Contains("\"mistralai/mistral-embed-2312\"", emulator.LastRequest!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOpenRouterGenerators_HostApplicationBuilder_ShareTheOpenRouterSectionWithTheChatClient()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(Configuration(
            emulator,
            ("OpenRouter:DefaultModelId", "openai/gpt-4o"),
            ("OpenRouter:DefaultEmbeddingModelId", "openai/text-embedding-3-small"),
            ("OpenRouter:DefaultImageModelId", "google/gemini-2.5-flash-image")));
        builder.AddOpenRouterChatClient();
        builder.AddOpenRouterEmbeddingGenerator();
        builder.AddOpenRouterImageGenerator();
        using IHost host = builder.Build();

        IImageGenerator images = host.Services.GetRequiredService<IImageGenerator>();
        ImageGenerationResponse image = await images.GenerateImagesAsync("a lighthouse", new ImageGenerationOptions { Count = 2 }, Ct);
        ReadOnlyMemory<float> vector = await host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateVectorAsync("hello", cancellationToken: Ct);
        ChatResponse chat = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal(2, image.Contents.Count);
        Assert.All(image.Contents, c => Assert.Equal("image/png", Assert.IsType<DataContent>(c).MediaType));
        Assert.Equal(1536, vector.Length);
        Assert.False(string.IsNullOrEmpty(chat.Text));
        Assert.Equal(["/api/v1/images", "/api/v1/embeddings", "/api/v1/chat/completions"], emulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task AddKeyedOpenRouterGenerators_NoApiKey_FailAtTheFirstCallBeforeSending()
    {
        // OPENROUTER_API_KEY is never set in the test process (tests/Shared/TestEnvironment.cs).
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddKeyedOpenRouterImageGenerator("art", o => o.DefaultImageModelId = "google/gemini-2.5-flash-image", http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        services.AddKeyedOpenRouterEmbeddingGenerator("search", o => o.DefaultEmbeddingModelId = "openai/text-embedding-3-small", http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        using ServiceProvider provider = services.BuildServiceProvider();

        OpenRouterException image = await Assert.ThrowsAsync<OpenRouterException>(() => provider.GetRequiredKeyedService<IImageGenerator>("art").GenerateImagesAsync("a cat", cancellationToken: Ct));
        OpenRouterException embedding = await Assert.ThrowsAsync<OpenRouterException>(
            () => provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("search").GenerateAsync(["x"], cancellationToken: Ct));

        Assert.StartsWith("No OpenRouter API key is set, so nothing was sent to https://openrouter.ai.", image.Message, StringComparison.Ordinal);
        Assert.Equal(image.Message, embedding.Message);
        Assert.Empty(handler.Requests);
    }

    private static IConfiguration Configuration(OpenRouterEmulator emulator, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["OpenRouter:ApiKey"] = "sk-or-test",
            ["OpenRouter:Endpoint"] = emulator.Endpoint.ToString(),
        };
        foreach ((string key, string value) in settings)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
