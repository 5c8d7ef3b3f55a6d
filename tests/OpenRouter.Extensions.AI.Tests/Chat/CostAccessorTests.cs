using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>The cost as a pico-dollar count in usage (which MEAI sums) and the typed accessors that read it back in dollars.</summary>
public sealed class CostAccessorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_UsageWithCost_PutsPicodollarsInAdditionalCountsAndKeepsDecimalProperty()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson(ChatTestKit.Fixture("text.json"));

        ChatResponse response = await client.GetResponseAsync("Capital of France?", cancellationToken: Ct);

        Assert.Equal(115_000_000L, response.Usage!.AdditionalCounts![OpenRouterResponseProperties.CostPicodollars]);
        Assert.False(response.AdditionalProperties?.ContainsKey("cost") ?? false, "the cost is kept in the usage only");
        Assert.Equal(0.000115m, response.GetOpenRouterCost());
        Assert.Equal(0.000115m, response.Usage.GetOpenRouterCost());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageChunkWithCost_PutsPicodollarsInUsageContent()
    {
        string sse = """
            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"cost":0.00000000123456789}}

            data: [DONE]


            """;
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        ChatResponseUpdate usageUpdate = Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
        UsageContent usage = usageUpdate.Contents.OfType<UsageContent>().Single();
        Assert.Equal(1235L, usage.Details.AdditionalCounts![OpenRouterResponseProperties.CostPicodollars]);
        Assert.Equal(0.000000001235m, usageUpdate.GetOpenRouterCost());
        Assert.Equal(0.000000001235m, updates.ToChatResponse().GetOpenRouterCost());
        Assert.DoesNotContain(updates, u => u.AdditionalProperties?.ContainsKey("cost") ?? false);
    }

    [Fact]
    public void GetOpenRouterCost_UsageAdded_ReturnsExactSum()
    {
        var first = new UsageDetails { AdditionalCounts = new() { [OpenRouterResponseProperties.CostPicodollars] = 1_200_000_000 } };
        var second = new UsageDetails { AdditionalCounts = new() { [OpenRouterResponseProperties.CostPicodollars] = 3_400_000_000 } };

        first.Add(second);

        Assert.Equal(0.0046m, first.GetOpenRouterCost());
    }

    [Fact]
    public void GetOpenRouterCost_NoCostAnywhere_ReturnsNull()
    {
        Assert.Null(((UsageDetails?)null).GetOpenRouterCost());
        Assert.Null(new UsageDetails { InputTokenCount = 3 }.GetOpenRouterCost());
        Assert.Null(new ChatResponse(new ChatMessage(ChatRole.Assistant, "x")).GetOpenRouterCost());
        Assert.Null(new ChatResponseUpdate(ChatRole.Assistant, "x").GetOpenRouterCost());
    }

    [Theory]
    [InlineData("0.000000000001", 1L)]
    [InlineData("0.0000000000015", 2L)]
    [InlineData("-0.0000000000015", -2L)]
    [InlineData("0.0046", 4_600_000_000L)]
    [InlineData("9000000", 9_000_000_000_000_000_000L)]
    public void ToPicodollars_Dollars_RoundsHalfAwayFromZero(string dollars, long expected)
    {
        Assert.Equal(expected, OpenRouterCost.ToPicodollars(decimal.Parse(dollars, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToPicodollars_BeyondLongRange_ReturnsNull()
    {
        Assert.Null(OpenRouterCost.ToPicodollars(10_000_000m));
    }
}
