using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Embeddings;

/// <summary>Request snapshots and response mapping of <see cref="OpenRouterEmbeddingGenerator"/> over the recording handler.</summary>
public sealed class EmbeddingGeneratorTests
{
    private const string Model = "openai/text-embedding-3-small";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_Defaults_WritesModelInputArrayAndBase64Format()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(Answer([[1f, 0f], [0f, 1f]]));

        await generator.GenerateAsync(["first text", "second text"], cancellationToken: Ct);

        RecordedRequest request = handler.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/embeddings", request.PathAndQuery());
        Snapshot.Match(JToken.Parse(request.Body!));
    }

    [Fact]
    public async Task GenerateAsync_TypedAndAdditionalOptions_WritesDimensionsProviderInputTypeAndPassThrough()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(Answer([[1f]]));
        var options = new EmbeddingGenerationOptions
        {
            ModelId = "mistralai/mistral-embed",
            Dimensions = 256,
            AdditionalProperties = new() { ["dimensions"] = 9, ["future_field"] = new Dictionary<string, object?> { ["on"] = true } },
        }
            .WithProviderRouting(new OpenRouterProviderRouting { Order = ["mistral"], AllowFallbacks = false })
            .WithInputType("search_query")
            .WithUser("user-42");

        await generator.GenerateAsync(["query"], options, Ct);

        Snapshot.Match(JToken.Parse(handler.Requests.Single().Body!));
    }

    [Fact]
    public async Task GenerateAsync_EncodingFormatInAdditionalProperties_WinsAndFloatAnswerIsRead()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson("""{"object":"list","model":"openai/text-embedding-3-small","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,1e-3]}]}""");
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["encoding_format"] = "float" } };

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"], options, Ct);

        Assert.Equal("float", JsonDocument.Parse(handler.Last.Body!).RootElement.GetProperty("encoding_format").GetString());
        Assert.Equal([0.25f, -0.5f, 0.001f], result.Single().Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Base64AnswerOutOfOrder_DecodesVectorsInInputOrderWithMetadata()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson($$$"""
            {"id":"embd-123","object":"list","model":"openai/text-embedding-3-small","provider":"OpenAI",
             "data":[{"object":"embedding","index":1,"embedding":"{{{Base64(3f, 4f)}}}"},{"object":"embedding","index":0,"embedding":"{{{Base64(1.5f, -2f)}}}"}],
             "usage":{"prompt_tokens":7,"total_tokens":7,"cost":0.00000014,"is_byok":false},"service_tier":"default"}
            """);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["a", "b"], cancellationToken: Ct);

        Assert.Equal([1.5f, -2f], result[0].Vector.ToArray());
        Assert.Equal([3f, 4f], result[1].Vector.ToArray());
        Assert.All(result, e => Assert.Equal(Model, e.ModelId));
        Assert.All(result, e => Assert.NotNull(e.CreatedAt));
        Assert.Equal(7, result.Usage!.InputTokenCount);
        Assert.Equal(7, result.Usage.TotalTokenCount);
        Assert.Equal(0.00000014m, result.Usage.GetOpenRouterCost());
        Assert.Equal(140_000L, result.Usage.AdditionalCounts!["cost_picodollars"]);
        Assert.Equal("embd-123", result.AdditionalProperties!["id"]);
        Assert.Equal("OpenAI", result.AdditionalProperties[OpenRouterResponseProperties.Provider]);
        Assert.Equal(false, result.AdditionalProperties[OpenRouterResponseProperties.IsByok]);
        Assert.Equal("default", Assert.IsType<JsonElement>(result.AdditionalProperties["service_tier"]).GetString());
    }

    [Fact]
    public async Task GenerateAsync_Response_MapsToSnapshot()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson($$$"""
            {"id":"embd-snap","object":"list","model":"openai/text-embedding-3-small",
             "data":[{"object":"embedding","index":0,"embedding":"{{{Base64(0.5f, 0.25f, -1f)}}}"}],
             "usage":{"prompt_tokens":3,"total_tokens":3,"cost":0.000002}}
            """);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["snap"], cancellationToken: Ct);

        Snapshot.Match(new
        {
            Vectors = result.Select(e => e.Vector.ToArray()),
            Models = result.Select(e => e.ModelId),
            result.Usage!.InputTokenCount,
            result.Usage.OutputTokenCount,
            result.Usage.TotalTokenCount,
            result.Usage.AdditionalCounts,
            Properties = result.AdditionalProperties!.ToDictionary(p => p.Key, p => p.Value?.ToString()),
        });
    }

    [Fact]
    public async Task GenerateAsync_EscapedBase64_DecodesTheSameVector()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        // 0.0078125f encodes with a '/' in its base64 text; some servers write it as "\/".
        string encoded = Base64(float.MaxValue, 0.0078125f, -3.5f);
        handler.RespondJson($$$"""{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":"{{{encoded.Replace("/", "\\/", StringComparison.Ordinal)}}}"}]}""");

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"], cancellationToken: Ct);

        Assert.Equal([float.MaxValue, 0.0078125f, -3.5f], result.Single().Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_MoreInputsThanOneRequestHolds_SplitsIntoOrderedBatchesAndSumsUsage()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        int total = OpenRouterEmbeddingGenerator.MaxInputsPerRequest + 3;
        handler.RespondJson(Answer([.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest).Select(i => new[] { (float)i })], promptTokens: 100, cost: "0.001"));
        handler.RespondJson(Answer([[1000f], [1001f], [1002f]], promptTokens: 5, cost: "0.0005"));

        string[] inputs = [.. Enumerable.Range(0, total).Select(i => $"text {i}")];
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(inputs, cancellationToken: Ct);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(OpenRouterEmbeddingGenerator.MaxInputsPerRequest, JsonDocument.Parse(handler.Requests[0].Body!).RootElement.GetProperty("input").GetArrayLength());
        Assert.Equal(["text 512", "text 513", "text 514"], JsonDocument.Parse(handler.Requests[1].Body!).RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(total, result.Count);
        Assert.Equal(511f, result[511].Vector.Span[0]);
        Assert.Equal(1002f, result[^1].Vector.Span[0]);
        Assert.Equal(105, result.Usage!.InputTokenCount);
        Assert.Equal(0.0015m, result.Usage.GetOpenRouterCost());
        Assert.Equal(1_500_000_000L, result.Usage.AdditionalCounts!["cost_picodollars"]);
    }

    [Fact]
    public async Task GenerateAsync_NoInputs_SendsNothingAndReturnsEmpty()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([], cancellationToken: Ct);

        Assert.Empty(result);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_HttpError_ThrowsOpenRouterExceptionWithStatusAndMessage()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.Respond(HttpStatusCode.PaymentRequired, """{"error":{"code":402,"message":"Insufficient credits"}}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.PaymentRequired, ex.StatusCode);
        Assert.Contains("Insufficient credits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ErrorBodyWithStatus200_ThrowsOpenRouterException()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson("""{"error":{"code":503,"message":"No provider available"}}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
    }

    [Theory]
    [InlineData("""{"object":"list","model":"m","data":[]}""")]
    [InlineData("""{"object":"list","model":"m","data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]}""")]
    [InlineData("""{"object":"list","model":"m","data":[{"index":0,"embedding":"AAA"}]}""")]
    [InlineData("""{"object":"list","model":"m","data":[{"index":0,"embedding":{"x":1}}]}""")]
    [InlineData("""not json""")]
    public async Task GenerateAsync_AnswerNotMatchingTheRequest_ThrowsOpenRouterException(string body)
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(body);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));

        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task GenerateAsync_NoModelAnywhere_ThrowsArgumentException()
    {
        (OpenRouterEmbeddingGenerator generator, _) = Create(defaultModel: null);

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));
    }

    [Fact]
    public void GetService_Metadata_NamesProviderDefaultModelAndEndpoint()
    {
        (OpenRouterEmbeddingGenerator generator, _) = Create();

        EmbeddingGeneratorMetadata metadata = generator.GetRequiredService<EmbeddingGeneratorMetadata>();

        Assert.Equal("openrouter", metadata.ProviderName);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Equal(OpenRouterClientOptions.DefaultEndpoint, metadata.ProviderUri);
        Assert.Same(generator, generator.GetService<OpenRouterEmbeddingGenerator>());
        Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>("key"));
        Assert.DoesNotContain("sk-or", generator.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_BatchCostsAddBeyondWhatUsageHolds_OpenRouterExceptionNotOverflow()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        float[][] full = [.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest).Select(i => new[] { (float)i })];
        handler.RespondJson(Answer(full, cost: "9000000"));
        handler.RespondJson(Answer([[1f]], cost: "9000000"));

        string[] inputs = [.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest + 1).Select(i => $"text {i}")];
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(inputs, cancellationToken: Ct));

        Assert.Contains("beyond a 64-bit count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_BatchTokenCountsAddBeyondLong_OpenRouterExceptionNotANegativeCount()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        float[][] full = [.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest).Select(i => new[] { (float)i })];
        handler.RespondJson(Answer(full).Replace("\"prompt_tokens\":4,\"total_tokens\":4", "\"prompt_tokens\":9000000000000000000,\"total_tokens\":9000000000000000000", StringComparison.Ordinal));
        handler.RespondJson(Answer([[1f]]).Replace("\"prompt_tokens\":4,\"total_tokens\":4", "\"prompt_tokens\":9000000000000000000,\"total_tokens\":9000000000000000000", StringComparison.Ordinal));

        string[] inputs = [.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest + 1).Select(i => $"text {i}")];
        await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(inputs, cancellationToken: Ct));
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("{}")]
    [InlineData("1e400")]
    public async Task GenerateAsync_CostThatIsNotAnAmount_ReadsAsUnknownLikeChat(string cost)
    {
        // One usage type and one amount policy for every endpoint: a malformed cost is unknown, never a failed answer.
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(Answer([[1f]]).Replace("\"cost\":0.0000001", "\"cost\":" + cost, StringComparison.Ordinal));

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["x"], cancellationToken: Ct);

        Assert.Equal(4, result.Usage!.InputTokenCount);
        Assert.Null(result.Usage.GetOpenRouterCost());
    }

    [Fact]
    public async Task GenerateAsync_WrongVectorCount_RedactedOpenRouterExceptionWithoutTheKeyAnywhere()
    {
        (OpenRouterEmbeddingGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson($$"""{"id":"emb-{{RecordingHandler.ApiKey}}","object":"list","data":[{"index":0,"embedding":[1]},{"index":1,"embedding":[2]}]}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(["one"], cancellationToken: Ct));

        Assert.Contains("does not match the request", ex.Message, StringComparison.Ordinal);
        Assert.Contains("emb-***", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordingHandler.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RecordingHandler.ApiKey, ex.GenerationId ?? string.Empty, StringComparison.Ordinal);
    }

    internal static string Base64(params float[] values) => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    private static (OpenRouterEmbeddingGenerator Generator, RecordingHandler Handler) Create(string? defaultModel = Model)
    {
        var handler = new RecordingHandler();
        var options = new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, DefaultEmbeddingModelId = defaultModel };
        return (new OpenRouterEmbeddingGenerator(options, new HttpClient(handler)), handler);
    }

    private static string Answer(float[][] vectors, int promptTokens = 4, string cost = "0.0000001") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["object"] = "list",
            ["model"] = Model,
            ["data"] = vectors.Select((v, i) => new Dictionary<string, object> { ["object"] = "embedding", ["index"] = i, ["embedding"] = Base64(v) }).ToArray(),
            ["usage"] = new Dictionary<string, object> { ["prompt_tokens"] = promptTokens, ["total_tokens"] = promptTokens, ["cost"] = decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture) },
        });
}
