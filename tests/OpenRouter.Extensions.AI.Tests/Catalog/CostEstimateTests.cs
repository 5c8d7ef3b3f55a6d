using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

public sealed class CostEstimateTests
{
    private static OpenRouterModelCapabilities Priced(decimal? reasoning = null, decimal? cacheRead = null, decimal? cacheWrite = null, decimal? request = null) =>
        OpenRouterModelCapabilities.FromModel(new OpenRouterModel
        {
            Id = "test/priced",
            Pricing = new OpenRouterPricing
            {
                Prompt = 0.000001m,
                Completion = 0.00001m,
                InternalReasoning = reasoning,
                InputCacheRead = cacheRead,
                InputCacheWrite = cacheWrite,
                Request = request,
            },
        });

    [Fact]
    public void EstimateCost_ReasoningTokens_CountedWithinCompletionAtReasoningPrice()
    {
        var usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 50, ReasoningTokenCount = 30 };

        // 100 × 0.000001 + 20 × 0.00001 + 30 × 0.00002 = 0.0001 + 0.0002 + 0.0006
        Assert.Equal(0.0009m, Priced(reasoning: 0.00002m).EstimateCost(usage));

        // Without a reasoning price, reasoning tokens are plain completion tokens (not counted twice).
        Assert.Equal(0.0006m, Priced().EstimateCost(usage));
    }

    [Fact]
    public void EstimateCost_CachedAndCacheWriteTokens_UseCachePricesWithinPrompt()
    {
        var usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 10, CachedInputTokenCount = 600, AdditionalCounts = new() { ["cache_write_tokens"] = 300 } };

        // 100 × 0.000001 + 600 × 0.0000001 + 300 × 0.00000125 + 10 × 0.00001 + 0.002 request
        Assert.Equal(0.0001m + 0.00006m + 0.000375m + 0.0001m + 0.002m,
            Priced(cacheRead: 0.0000001m, cacheWrite: 0.00000125m, request: 0.002m).EstimateCost(usage));
    }

    [Fact]
    public void EstimateCost_InconsistentCounts_ClampsInsteadOfGoingNegative()
    {
        var usage = new UsageDetails { InputTokenCount = 10, CachedInputTokenCount = 50, OutputTokenCount = 5, ReasoningTokenCount = 9 };

        // Cached clamps to 10 input tokens, reasoning to 5 output tokens.
        Assert.Equal((10 * 0.0000001m) + (5 * 0.00001m), Priced(cacheRead: 0.0000001m).EstimateCost(usage));
    }

    [Fact]
    public async Task EstimateCost_Catalog_UnknownModelOrNotLoaded_ReturnsNull()
    {
        var usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 };
        using var notLoaded = new OpenRouterModelCatalog(CatalogTestKit.CreateClient(CatalogTestKit.CreateHandler()));
        Assert.Null(notLoaded.EstimateCost("openai/gpt-4o", usage));

        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();
        Assert.Null(catalog.EstimateCost("nobody/nothing", usage));
        Assert.Equal(0m, catalog.EstimateCost("deepseek/deepseek-r1-0528:free", usage));
        Assert.Equal(0.0000025m + 0.00001m, catalog.EstimateCost("openai/gpt-4o", usage));
    }
}
