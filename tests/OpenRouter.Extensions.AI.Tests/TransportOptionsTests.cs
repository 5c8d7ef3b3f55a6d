using System.Net;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests;

/// <summary>What the transport takes from the caller's <see cref="HttpClient"/>, and the hint for a wrong endpoint.</summary>
public sealed class TransportOptionsTests
{
    private const string Completion = """{"id":"gen-1","model":"openai/gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_HttpClientAsksForHttp2_AreSentWithItsVersionAndPolicy()
    {
        var handler = new RecordingHandler().RespondJson(Completion).RespondJson("""{"data":[]}""");
        using var http = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher };
        var options = new OpenRouterClientOptions { ApiKey = "sk-or-test", DefaultModelId = "openai/gpt-4o-mini" };
        using var chat = new OpenRouterChatClient(options, http);
        using var api = new OpenRouterClient(options, http);

        await chat.GetResponseAsync("Hi", cancellationToken: Ct);
        await api.Models.ListAsync(cancellationToken: Ct);

        Assert.Equal([(HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrHigher), (HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrHigher)], handler.Versions);
    }

    [Fact]
    public async Task GetResponseAsync_EndpointWithoutApiPath_404HintsAtTheEndpoint()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.NotFound, "<html><body>Page not found</body></html>", "text/html");
        using var http = new HttpClient(handler);
        using var chat = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-test", Endpoint = new Uri("https://openrouter.ai/"), DefaultModelId = "openai/gpt-4o-mini" }, http);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => chat.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.EndsWith(
            " The chat path https://openrouter.ai/chat/completions does not exist there: OpenRouterClientOptions.Endpoint must be the API base address, such as https://openrouter.ai/api/v1/.",
            ex.Message,
            StringComparison.Ordinal);
    }
}
