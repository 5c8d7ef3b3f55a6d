namespace OpenRouter.Extensions.AI.Tests;

public sealed class OpenRouterClientOptionsTests
{
    [Fact]
    public void ToString_WithApiKey_NeverContainsKey()
    {
        var options = new OpenRouterClientOptions { ApiKey = "sk-or-v1-sentinel-secret", DefaultModelId = "openai/gpt-4o" };

        string text = options.ToString();

        Assert.DoesNotContain("sentinel", text, StringComparison.Ordinal);
        Assert.Contains("openai/gpt-4o", text, StringComparison.Ordinal);
        Assert.Contains("(set)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_Default_IsOpenRouterApiV1()
    {
        Assert.Equal(new Uri("https://openrouter.ai/api/v1/"), new OpenRouterClientOptions().Endpoint);
    }
}
