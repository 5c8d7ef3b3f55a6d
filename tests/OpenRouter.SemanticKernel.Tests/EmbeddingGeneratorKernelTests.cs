using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.SemanticKernel.Tests;

/// <summary><c>IKernelBuilder.AddOpenRouterEmbeddingGenerator</c> against the emulator's <c>/embeddings</c>.</summary>
public sealed class EmbeddingGeneratorKernelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOpenRouterEmbeddingGenerator_Kernel_GeneratesVectorsThroughTheEmulator()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        Kernel kernel = Kernel.CreateBuilder()
            .AddOpenRouterEmbeddingGenerator("openai/text-embedding-3-small", apiKey: "sk-or-test", endpoint: emulator.Endpoint)
            .Build();

        IEmbeddingGenerator<string, Embedding<float>> generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["first", "second"], new EmbeddingGenerationOptions { Dimensions = 32 }, Ct);

        Assert.Equal(2, result.Count);
        Assert.All(result, e => Assert.Equal(32, e.Vector.Length));
        Assert.NotNull(generator.GetService<OpenRouterEmbeddingGenerator>());
        Assert.Equal("openai/text-embedding-3-small", generator.GetRequiredService<EmbeddingGeneratorMetadata>().DefaultModelId);
        RecordedRequest request = emulator.Requests.Single();
        Assert.Equal("/api/v1/embeddings", request.Path);
        using JsonDocument body = request.BodyAsJsonDocument();
        Assert.Equal("openai/text-embedding-3-small", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(32, body.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task AddOpenRouterEmbeddingGenerator_ServiceId_IsKeyedAndNextToTheChatClient()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        Kernel kernel = Kernel.CreateBuilder()
            .AddOpenRouterChatClient("openai/gpt-4o", apiKey: "sk-or-test", endpoint: emulator.Endpoint)
            .AddOpenRouterEmbeddingGenerator("mistralai/mistral-embed-2312", apiKey: "sk-or-test", serviceId: "docs", endpoint: emulator.Endpoint)
            .Build();

        IEmbeddingGenerator<string, Embedding<float>> generator = kernel.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("docs");
        ReadOnlyMemory<float> vector = await generator.GenerateVectorAsync("hello", cancellationToken: Ct);

        Assert.Equal(1536, vector.Length);
        Assert.Null(kernel.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.NotNull(kernel.GetRequiredService<IChatClient>());
    }
}
