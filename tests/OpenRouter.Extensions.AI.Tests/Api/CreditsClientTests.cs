using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class CreditsClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_SupplementExample_SendsDocumentedRequestAndParsesExactDecimals()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("credits.json");

        OpenRouterCredits credits = await client.Credits.GetAsync(Ct);

        Assert.Equal("GET", handler.Last.Method);
        Assert.Equal("/api/v1/credits", handler.Last.PathAndQuery());
        Assert.Empty(handler.Last.Body);
        Assert.Equal(100.5m, credits.TotalCredits);
        Assert.Equal(25.75m, credits.TotalUsage);
        Snapshot.Match(new { Request = handler.Last, Response = credits });
    }

    [Fact]
    public async Task GetAsync_MoreDigitsThanDouble_KeepsEveryDigit()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondJson("""{"data":{"total_credits":"100.10000000000000000000000001","total_usage":0.30000000000000000000000001}}""");

        OpenRouterCredits credits = await client.Credits.GetAsync(Ct);

        Assert.Equal(100.10000000000000000000000001m, credits.TotalCredits);
        Assert.Equal(0.30000000000000000000000001m, credits.TotalUsage);
    }

    [Fact]
    public async Task GetAsync_Forbidden_ThrowsOpenRouterException()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(System.Net.HttpStatusCode.Forbidden, """{"error":{"code":403,"message":"Only management keys can perform this operation"}}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Credits.GetAsync(Ct));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.DoesNotContain(RecordingHandler.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }
}
