using System.Net;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class GenerationsClientTests
{
    private const string NotFoundBody = """{"error":{"code":404,"message":"Generation not found"}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_SupplementExample_SendsDocumentedRequestAndParsesEveryFieldExactly()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("generation.json");

        OpenRouterGeneration generation = await client.Generations.GetAsync("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", Ct);

        Assert.Equal("GET", handler.Last.Method);
        Assert.Equal("/api/v1/generation?id=gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", handler.Last.PathAndQuery());
        Assert.Empty(handler.Last.Body);
        Assert.Equal($"Bearer {RecordingHandler.ApiKey}", handler.RawAuthorization.Single());
        Assert.Equal(0.0015m, generation.TotalCost);
        Assert.Equal(0.0012m, generation.UpstreamInferenceCost);
        Assert.Equal(0.0015m, generation.Usage);
        Assert.Null(generation.CacheDiscount);
        Assert.Equal(1250d, generation.Latency);
        Assert.Equal(1200d, generation.GenerationTime);
        Assert.Equal("Infermatic", generation.ProviderName);
        Assert.Equal(10, generation.NativeTokensPrompt);
        Assert.Equal(25, generation.NativeTokensCompletion);
        Assert.Equal(5, generation.NativeTokensReasoning);
        Assert.Equal(3, generation.NativeTokensCached);
        Assert.True(generation.Streamed);
        Assert.Equal(new DateTimeOffset(2024, 7, 15, 23, 33, 19, TimeSpan.Zero).AddTicks(4_332_730), generation.CreatedAt);
        Assert.Null(generation.AdditionalProperties);
        Snapshot.Match(new { Request = handler.Last, Response = generation });
    }

    [Fact]
    public async Task GetAsync_IdWithReservedCharacters_EscapesQueryValue()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("generation.json");

        await client.Generations.GetAsync("gen a&b=c", Ct);

        Assert.Equal("/api/v1/generation?id=gen%20a%26b%3Dc", handler.Last.PathAndQuery());
    }

    [Fact]
    public async Task GetAsync_ChatResponse_RequestsItsResponseId()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("generation.json");
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hi")) { ResponseId = "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG" };

        OpenRouterGeneration generation = await client.Generations.GetAsync(response, Ct);

        Assert.Equal("/api/v1/generation?id=gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", handler.Last.PathAndQuery());
        Assert.Equal(response.ResponseId, generation.Id);
    }

    [Fact]
    public async Task GetAsync_ChatResponseWithoutId_ThrowsArgumentException()
    {
        var (client, _) = ApiTestClient.Create();

        await Assert.ThrowsAsync<ArgumentException>(
            () => client.Generations.GetAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hi")), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Generations.GetAsync("  ", Ct));
    }

    [Fact]
    public async Task GetAsync_UnknownMember_KeepsItInAdditionalProperties()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondJson("""{"data":{"id":"gen-1","total_cost":"0.000000000000000000000001","usage":0,"model":"m/x","created_at":"2026-01-01T00:00:00Z","brand_new":{"a":1}}}""");

        OpenRouterGeneration generation = await client.Generations.GetAsync("gen-1", Ct);

        Assert.Equal(0.000000000000000000000001m, generation.TotalCost);
        Assert.Equal("""{"a":1}""", generation.AdditionalProperties!["brand_new"].GetRawText());
    }

    [Fact]
    public async Task GetAsync_NotFoundRightAfterAnswer_RetriesOnTheClockUntilFound()
    {
        var time = new TimerSignalingTimeProvider();
        (OpenRouterClient client, RecordingHandler handler) = CreateClient(time);
        handler.Respond(HttpStatusCode.NotFound, NotFoundBody).Respond(HttpStatusCode.NotFound, NotFoundBody).RespondWithFixture("generation.json");

        Task<OpenRouterGeneration> call = client.Generations.GetAsync("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", Ct);

        await time.TimerCreated.WaitAsync(Ct);
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await time.TimerCreated.WaitAsync(Ct);
        Assert.Equal(2, handler.Requests.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        OpenRouterGeneration generation = await call;

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(0.0015m, generation.TotalCost);
    }

    [Fact]
    public async Task GetAsync_NotFoundPersists_ThrowsNotFoundAfterBoundedRetries()
    {
        var time = new TimerSignalingTimeProvider();
        (OpenRouterClient client, RecordingHandler handler) = CreateClient(time);
        for (int i = 0; i < 5; i++)
        {
            handler.Respond(HttpStatusCode.NotFound, NotFoundBody);
        }

        Task<OpenRouterGeneration> call = client.Generations.GetAsync("gen-missing", Ct);
        foreach (TimeSpan delay in new[] { TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) })
        {
            await time.TimerCreated.WaitAsync(Ct);
            time.Advance(delay);
        }

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => call);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task GetAsync_ServerError_SurfacesWithoutRetry()
    {
        var time = new TimerSignalingTimeProvider();
        (OpenRouterClient client, RecordingHandler handler) = CreateClient(time);
        handler.Respond(HttpStatusCode.InternalServerError, """{"error":{"code":500,"message":"Internal Server Error"}}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Generations.GetAsync("gen-1", Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    private static (OpenRouterClient Client, RecordingHandler Handler) CreateClient(TimeProvider time)
    {
        var handler = new RecordingHandler();
        var options = new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey };
        return (new OpenRouterClient(options, new HttpClient(handler), time), handler);
    }
}
