using System.Net;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class ApiErrorTests
{
    [Fact]
    public async Task GetCurrentAsync_401_ThrowsWithStatusAndMessageWithoutApiKey()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.Unauthorized, """{"error":{"code":401,"message":"No auth credentials found"}}""");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.GetCurrentAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("No auth credentials found", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordingHandler.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_402_ThrowsPaymentRequired()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.PaymentRequired, """{"error":{"code":402,"message":"Insufficient credits"}}""");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.CreateAsync(new OpenRouterCreateKeyRequest("k"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.PaymentRequired, ex.StatusCode);
        Assert.Equal("402", ex.ErrorCode);
    }

    [Fact]
    public async Task GetAsync_404_ThrowsNotFound()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.NotFound, """{"error":{"code":404,"message":"API key not found"}}""");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.GetAsync("missing", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("API key not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_429WithRetryAfter_ThrowsWithRetryAfter()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(
            HttpStatusCode.TooManyRequests,
            """{"error":{"code":429,"message":"Rate limit exceeded"}}""",
            configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.ListAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task ListAsync_500HtmlPage_ThrowsWithStatusAndTitle()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.InternalServerError, "<html><head><title>Bad gateway upstream</title></head></html>", "text/html");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Providers.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("Bad gateway upstream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_200WithErrorBody_ThrowsOpenRouterException()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, """{"error":{"code":503,"message":"Catalog temporarily unavailable"}}""");

        var ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Models.ListAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Contains("Catalog temporarily unavailable", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"a/b","pricing":{"prompt":"not-a-number","completion":"0"}}]}""")]
    [InlineData("""{"data":[{"id":"a/b","supported_parameters":[{}]}]}""")]
    [InlineData("""{"data":""")]
    [InlineData("""{}""")]
    public async Task ListAsync_MalformedBody_ThrowsOpenRouterException(string body)
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, body);

        await Assert.ThrowsAsync<OpenRouterException>(() => client.Models.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
