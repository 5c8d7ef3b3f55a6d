using System.Net;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class ModelsClientTests
{
    [Fact]
    public async Task ListAsync_WithFilters_SendsEscapedQueryAndParsesEveryField()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("models.json");

        IReadOnlyList<OpenRouterModel> models = await client.Models.ListAsync(
            "role play", [OpenRouterParameter.Tools, OpenRouterParameter.StructuredOutputs], TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/models?category=role%20play&supported_parameters=tools%2Cstructured_outputs", handler.Last.PathAndQuery());
        Assert.Equal($"Bearer {RecordingHandler.ApiKey}", handler.RawAuthorization[0]);
        Assert.Equal(2, models.Count);

        OpenRouterModel gpt = models[0];
        Assert.Equal("openai/gpt-4o", gpt.Id);
        Assert.Equal("openai/gpt-4o-2024-11-20", gpt.CanonicalSlug);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1715367049), gpt.Created);
        Assert.Equal(0.0000025m, gpt.Pricing!.Prompt);
        Assert.Equal(0.00001m, gpt.Pricing.Completion);
        Assert.Equal(0m, gpt.Pricing.Request);
        Assert.Equal(0.0000031m, gpt.Pricing.InputCacheWrite);
        Assert.Equal(0.25m, gpt.Pricing.Discount);
        Assert.Equal(128000, gpt.ContextLength);
        Assert.Equal(OpenRouterTokenizer.GPT, gpt.Architecture!.Tokenizer);
        Assert.Equal(OpenRouterInstructType.Chatml, gpt.Architecture.InstructType);
        Assert.Equal([OpenRouterModality.Text, OpenRouterModality.Image, OpenRouterModality.File, new OpenRouterModality("hologram")], gpt.Architecture.InputModalities);
        Assert.Equal(16384, gpt.TopProvider!.MaxCompletionTokens);
        Assert.True(gpt.TopProvider.IsModerated);
        Assert.Equal(1000000d, gpt.PerRequestLimits!.PromptTokens);
        Assert.Contains(new OpenRouterParameter("quantum_sampling"), gpt.SupportedParameters);
        Assert.Equal(0.7, gpt.DefaultParameters!.Temperature);
        Assert.Null(gpt.DefaultParameters.FrequencyPenalty);
        Assert.Equal("2026-06-30", gpt.ExpirationDate);

        OpenRouterModel free = models[1];
        Assert.Null(free.HuggingFaceId);
        Assert.Null(free.ContextLength);
        Assert.Null(free.PerRequestLimits);
        Assert.Null(free.Architecture!.InstructType);
        Assert.Equal("Llama5", free.Architecture.Tokenizer!.Value.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600500), free.Created);
        Assert.Empty(free.SupportedParameters);
        Assert.Null(free.Pricing!.Request);

        Snapshot.Match(new { Request = handler.Last, Response = models });
    }

    [Fact]
    public async Task ListAsync_NoFilters_SendsBarePath()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("models.json");

        await client.Models.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/models", handler.Last.PathAndQuery());
        Assert.Equal("GET", handler.Last.Method);
        Assert.Empty(handler.Last.Body);
    }

    [Fact]
    public async Task ListEmbeddingsAsync_Fixture_RequestsEmbeddingsPathAndParses()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("models.json");

        IReadOnlyList<OpenRouterModel> models = await client.Models.ListEmbeddingsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/embeddings/models", handler.Last.PathAndQuery());
        Assert.Contains(OpenRouterModality.Embeddings, models[1].Architecture!.OutputModalities);
        Snapshot.Match(handler.Last);
    }

    [Fact]
    public async Task ListEmbeddingsAsync_CurrentPathAnswers404_FallsBackToModelsEmbeddings()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondError(HttpStatusCode.NotFound);
        handler.RespondWithFixture("models.json");

        IReadOnlyList<OpenRouterModel> models = await client.Models.ListEmbeddingsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v1/embeddings/models", "/api/v1/models/embeddings"], handler.Requests.Select(r => r.PathAndQuery()));
        Assert.Equal(2, models.Count);
    }

    [Fact]
    public async Task ListEmbeddingsAsync_OtherError_IsNotRetriedOnTheOldPath()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondError(HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<OpenRouterException>(() => client.Models.ListEmbeddingsAsync(TestContext.Current.CancellationToken));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetAsync_ModelId_RequestsSingleModelPathAndReadsReasoning()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondJson("""
            {"data":{"id":"openai/o3","name":"o3","created":1,"supported_parameters":["reasoning"],
             "reasoning":{"mandatory":true,"supported_efforts":["high","medium","low"],"default_effort":"medium","default_enabled":true,"supports_max_tokens":false}}}
            """);

        OpenRouterModel model = await client.Models.GetAsync("openai/o3", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/model/openai/o3", handler.Last.PathAndQuery());
        Assert.Equal("openai/o3", model.Id);
        Assert.True(model.Reasoning!.Mandatory);
        Assert.Equal(["high", "medium", "low"], model.Reasoning.SupportedEfforts);
        Assert.Equal("medium", model.Reasoning.DefaultEffort);
        Assert.True(model.Reasoning.DefaultEnabled);
        Assert.False(model.Reasoning.SupportsMaxTokens);
    }

    [Fact]
    public async Task GetAsync_SlugWithSpace_IsEscaped()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondJson("""{"data":{"id":"a/b c","name":"x","created":1}}""");

        await client.Models.GetAsync("a", "b c", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/model/a/b%20c", handler.Last.PathAndQuery());
    }

    [Fact]
    public async Task ListForUserAsync_Fixture_RequestsUserPathAndParses()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("models.json");

        IReadOnlyList<OpenRouterModel> models = await client.Models.ListForUserAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/models/user", handler.Last.PathAndQuery());
        Assert.Equal(2, models.Count);
        Snapshot.Match(handler.Last);
    }

    [Fact]
    public async Task GetEndpointsAsync_ModelId_RequestsEscapedSegmentsAndParsesEveryField()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("model-endpoints.json");

        OpenRouterModelEndpoints result = await client.Models.GetEndpointsAsync("openai/gpt-4o:free", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/models/openai/gpt-4o%3Afree/endpoints", handler.Last.PathAndQuery());
        Assert.Equal("openai/gpt-4o", result.Id);
        Assert.Equal(OpenRouterInstructType.None, result.Architecture!.InstructType);
        Assert.Equal(2, result.Endpoints.Count);

        OpenRouterEndpoint openAi = result.Endpoints[0];
        Assert.Equal(OpenRouterProviderName.OpenAI, openAi.ProviderName);
        Assert.Equal(OpenRouterQuantization.Unknown, openAi.Quantization);
        Assert.Equal(OpenRouterEndpointStatus.Ok, openAi.Status);
        Assert.Equal(99.87, openAi.UptimeLast30Minutes);
        Assert.Equal(0.00000125m, openAi.Pricing!.InputCacheRead);
        Assert.True(openAi.SupportsImplicitCaching);
        Assert.Null(openAi.MaxPromptTokens);

        OpenRouterEndpoint unknown = result.Endpoints[1];
        Assert.Equal("Brand New Cloud", unknown.ProviderName.Value);
        Assert.Equal("fp3", unknown.Quantization!.Value.Value);
        Assert.Equal("-7", unknown.Status!.Value.Value);
        Assert.Equal(0.000002m, unknown.Pricing!.Prompt);
        Assert.Null(unknown.UptimeLast30Minutes);
        Assert.Equal(new OpenRouterParameter("telepathy"), unknown.SupportedParameters[1]);

        Snapshot.Match(new { Request = handler.Last, Response = result });
    }

    [Fact]
    public async Task GetEndpointsAsync_AuthorAndSlug_RequestsSamePathAsModelId()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("model-endpoints.json").RespondWithFixture("model-endpoints.json");

        await client.Models.GetEndpointsAsync("meta-llama", "llama 3", TestContext.Current.CancellationToken);
        await client.Models.GetEndpointsAsync("meta-llama/llama 3", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/models/meta-llama/llama%203/endpoints", handler.Requests[0].PathAndQuery());
        Assert.Equal(handler.Requests[0].PathAndQuery(), handler.Requests[1].PathAndQuery());
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("/gpt-4o")]
    [InlineData("openai/")]
    [InlineData(" ")]
    public async Task GetEndpointsAsync_ModelIdWithoutAuthorAndSlug_ThrowsArgumentException(string modelId)
    {
        var (client, handler) = ApiTestClient.Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Models.GetEndpointsAsync(modelId, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Models.GetParametersAsync(modelId, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetEndpointsAsync_UnknownModel_ThrowsOpenRouterExceptionWith404()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.NotFound, """{"error":{"code":404,"message":"Model not found"}}""");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Models.GetEndpointsAsync("nobody/nothing", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("Model not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListZdrEndpointsAsync_Fixture_RequestsZdrPathAndParses()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("endpoints-zdr.json");

        IReadOnlyList<OpenRouterEndpoint> endpoints = await client.Models.ListZdrEndpointsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/endpoints/zdr", handler.Last.PathAndQuery());
        OpenRouterEndpoint endpoint = Assert.Single(endpoints);
        Assert.Equal(OpenRouterProviderName.Anthropic, endpoint.ProviderName);
        Assert.Null(endpoint.Quantization);
        Assert.Equal(new OpenRouterEndpointStatus("-1"), endpoint.Status);
        Assert.Equal(0.00000375m, endpoint.Pricing!.InputCacheWrite);
        Assert.Equal(100d, endpoint.UptimeLast30Minutes);
        Snapshot.Match(new { Request = handler.Last, Response = endpoints });
    }

    [Fact]
    public async Task GetParametersAsync_WithProvider_SendsEscapedProviderAndParses()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("parameters.json");

        OpenRouterModelParameters parameters = await client.Models.GetParametersAsync(
            "google/gemini-2.5-pro", OpenRouterProviderName.GoogleAIStudio, TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/parameters/google/gemini-2.5-pro?provider=Google%20AI%20Studio", handler.Last.PathAndQuery());
        Assert.Equal("google/gemini-2.5-pro", parameters.Model);
        Assert.Equal(6, parameters.SupportedParameters.Count);
        Assert.Equal(OpenRouterParameter.WebSearchOptions, parameters.SupportedParameters[3]);
        Assert.Equal("mind_reading", parameters.SupportedParameters[5].Value);
        Snapshot.Match(new { Request = handler.Last, Response = parameters });
    }

    [Fact]
    public async Task GetParametersAsync_NoProvider_SendsNoQuery()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("parameters.json");

        await client.Models.GetParametersAsync("google", "gemini-2.5-pro", provider: null, TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/parameters/google/gemini-2.5-pro", handler.Last.PathAndQuery());
    }
}
