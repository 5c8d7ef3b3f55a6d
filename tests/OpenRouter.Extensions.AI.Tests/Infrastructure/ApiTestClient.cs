namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>Creates an <see cref="OpenRouterClient"/> wired to a <see cref="RecordingHandler"/>.</summary>
public static class ApiTestClient
{
    public static (OpenRouterClient Client, RecordingHandler Handler) Create()
    {
        var handler = new RecordingHandler();
        var options = new OpenRouterClientOptions
        {
            ApiKey = RecordingHandler.ApiKey,
            AppUrl = "https://example.com/app",
            AppTitle = "Connector Tests",
        };
        return (new OpenRouterClient(options, new HttpClient(handler)), handler);
    }
}
