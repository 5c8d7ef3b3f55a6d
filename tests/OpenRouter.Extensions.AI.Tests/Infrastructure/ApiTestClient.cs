using Microsoft.Extensions.Time.Testing;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>
/// Creates an <see cref="OpenRouterClient"/> wired to a <see cref="RecordingHandler"/> whose clock stands still, so the
/// recorded requests (timestamps included) snapshot the same on every run.
/// </summary>
public static class ApiTestClient
{
    public static (OpenRouterClient Client, RecordingHandler Handler) Create()
    {
        var handler = new RecordingHandler(new FakeTimeProvider());
        var options = new OpenRouterClientOptions
        {
            ApiKey = RecordingHandler.ApiKey,
            AppUrl = "https://example.com/app",
            AppTitle = "Connector Tests",
        };
        return (new OpenRouterClient(options, new HttpClient(handler)), handler);
    }
}
