using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>
/// Calls the real openrouter.ai. Every test here is skipped unless the OPENROUTER_API_KEY environment variable is set;
/// OPENROUTER_LIVE_MODEL picks the model (default: a cheap one).
/// </summary>
public sealed class LiveOpenRouterTests
{
    private static readonly string? ApiKey = OpenRouter.Tests.TestEnvironment.LiveApiKey;
    private static readonly string Model = Environment.GetEnvironmentVariable("OPENROUTER_LIVE_MODEL") ?? "openai/gpt-4o-mini";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_Live_AnswersWithUsageAndCost()
    {
        using OpenRouterChatClient client = CreateLiveClient();

        ChatResponse response = await client.GetResponseAsync("Reply with the single word: pong", new ChatOptions { MaxOutputTokens = 20 }, Ct);

        Assert.Contains("pong", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Usage?.TotalTokenCount > 0);
        Assert.NotNull(response.GetOpenRouterCost());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Live_StreamsAndFinishes()
    {
        using OpenRouterChatClient client = CreateLiveClient();

        ChatResponse response = await client.GetStreamingResponseAsync("Count from 1 to 5, digits separated by spaces.", new ChatOptions { MaxOutputTokens = 40 }, Ct)
            .ToChatResponseAsync(Ct);

        Assert.Contains("3", response.Text, StringComparison.Ordinal);
        Assert.NotNull(response.FinishReason);
    }

    private static OpenRouterChatClient CreateLiveClient()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(ApiKey), "OPENROUTER_API_KEY is not set; live tests against openrouter.ai are skipped.");
        return new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = ApiKey, DefaultModelId = Model, AppTitle = "OpenRouter connectors tests" });
    }
}
