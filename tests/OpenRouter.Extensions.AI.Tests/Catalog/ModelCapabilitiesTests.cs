using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

public sealed class ModelCapabilitiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCapabilitiesAsync_Fixture_DerivesEveryModel()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        IReadOnlyList<OpenRouterModelCapabilities> all = await catalog.GetCapabilitiesAsync(Ct);

        Assert.Equal(CatalogTestKit.ModelCount, all.Count);
        Assert.Equal((await catalog.GetModelsAsync(Ct)).Select(m => m.Id), all.Select(c => c.ModelId));
        Assert.Equal(5, all.Count(c => c.SupportsEmbeddingsOutput));
        Assert.Equal(8, all.Count(c => c.IsFree));
        Assert.All(all.Where(c => c.SupportsEmbeddingsOutput), c => Assert.False(c.SupportsTools));
    }

    [Fact]
    public async Task GetCapabilitiesAsync_FullOpenAIModel_SupportsEveryNamedParameter()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities gpt = (await catalog.GetCapabilitiesAsync("openai/gpt-4o", Ct))!;

        Assert.True(gpt.SupportsTools);
        Assert.True(gpt.SupportsToolChoice);
        Assert.True(gpt.SupportsParallelToolCalls);
        Assert.True(gpt.SupportsResponseFormat);
        Assert.True(gpt.SupportsStructuredOutputs);
        Assert.True(gpt.SupportsLogprobs);
        Assert.True(gpt.SupportsTopLogprobs);
        Assert.True(gpt.SupportsSeed);
        Assert.True(gpt.SupportsStop);
        Assert.False(gpt.SupportsReasoning);
        Assert.False(gpt.SupportsIncludeReasoning);
        Assert.True(gpt.Supports(OpenRouterParameter.WebSearchOptions));
        Assert.True(gpt.SupportsTextInput && gpt.SupportsImageInput && gpt.SupportsFileInput);
        Assert.False(gpt.SupportsAudioInput || gpt.SupportsVideoInput);
        Assert.True(gpt.SupportsTextOutput);
        Assert.False(gpt.SupportsImageOutput);
        Assert.Equal(128000, gpt.ContextLength);
        Assert.Equal(16384, gpt.MaxCompletionTokens);
        Assert.True(gpt.IsModerated);
        Assert.Equal(0.0000025m, gpt.PromptPrice);
        Assert.Equal(0.00001m, gpt.CompletionPrice);
        Assert.Equal(0m, gpt.RequestPrice);
        Assert.Equal(0.003613m, gpt.ImagePrice);
        Assert.Equal(0m, gpt.ReasoningPrice);
        Assert.Equal(0.00000125m, gpt.CacheReadPrice);
        Assert.Null(gpt.CacheWritePrice);
        Assert.False(gpt.IsFree);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_ReasoningAndMultimodalModels_DeriveReasoningModalitiesAndPrices()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities claude = (await catalog.GetCapabilitiesAsync("anthropic/claude-sonnet-4", Ct))!;
        Assert.True(claude.SupportsReasoning && claude.SupportsIncludeReasoning && claude.SupportsTools);
        Assert.False(claude.SupportsStructuredOutputs || claude.SupportsResponseFormat || claude.SupportsSeed);
        Assert.Equal(0.0000003m, claude.CacheReadPrice);
        Assert.Equal(0.00000375m, claude.CacheWritePrice);
        Assert.Equal(64000, claude.MaxCompletionTokens);

        OpenRouterModelCapabilities o3 = (await catalog.GetCapabilitiesAsync("openai/o3", Ct))!;
        Assert.Equal(0.000008m, o3.ReasoningPrice);
        Assert.False(o3.SupportsStop);

        OpenRouterModelCapabilities gemini = (await catalog.GetCapabilitiesAsync("google/gemini-2.5-flash", Ct))!;
        Assert.True(gemini.SupportsAudioInput && gemini.SupportsVideoInput && gemini.SupportsFileInput && gemini.SupportsImageInput);

        OpenRouterModelCapabilities imageOut = (await catalog.GetCapabilitiesAsync("google/gemini-2.5-flash-image", Ct))!;
        Assert.True(imageOut.SupportsImageOutput);
        Assert.False(imageOut.SupportsTools);

        OpenRouterModelCapabilities audio = (await catalog.GetCapabilitiesAsync("openai/gpt-4o-audio-preview", Ct))!;
        Assert.True(audio.SupportsAudioInput && audio.SupportsAudioOutput);
        Assert.False(audio.SupportsImageInput);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_TextOnlyModelWithoutMaxCompletion_ReportsNull()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities qwq = (await catalog.GetCapabilitiesAsync("qwen/qwq-32b", Ct))!;

        Assert.Null(qwq.MaxCompletionTokens);
        Assert.Equal([OpenRouterModality.Text], qwq.InputModalities);
        Assert.False(qwq.SupportsImageInput);
        Assert.True(qwq.SupportsTools);
        Assert.False(qwq.SupportsStructuredOutputs);
        Assert.True(qwq.SupportsResponseFormat);
        Assert.False(qwq.IsModerated);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_PricesAsJsonNumbers_ParseExactly()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities nano = (await catalog.GetCapabilitiesAsync("openai/gpt-4.1-nano", Ct))!;
        OpenRouterModelCapabilities sonar = (await catalog.GetCapabilitiesAsync("perplexity/sonar-reasoning", Ct))!;

        Assert.Equal(0.0000001m, nano.PromptPrice);
        Assert.Equal(0.0000004m, nano.CompletionPrice);
        Assert.Equal(0.000000025m, nano.CacheReadPrice);
        Assert.Equal(0.005m, sonar.RequestPrice);
        Assert.True(sonar.SupportsReasoning);
        Assert.True(sonar.Supports(OpenRouterParameter.WebSearchOptions));
    }

    [Fact]
    public async Task GetCapabilitiesAsync_FreeVariant_IsFreeWithZeroPrices()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities free = (await catalog.GetCapabilitiesAsync("deepseek/deepseek-r1-0528:free", Ct))!;

        Assert.True(free.IsFree);
        Assert.Equal(0m, free.PromptPrice);
        Assert.Equal(0m, free.CompletionPrice);
        Assert.True(free.SupportsReasoning);
        Assert.False(free.SupportsTools);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_EmbeddingsModel_OutputsEmbeddingsOnly()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities embed = (await catalog.GetCapabilitiesAsync("openai/text-embedding-3-small", Ct))!;

        Assert.True(embed.SupportsEmbeddingsOutput);
        Assert.False(embed.SupportsTextOutput);
        Assert.Empty(embed.SupportedParameters);
        Assert.Null(embed.MaxCompletionTokens);
        Assert.Equal(0.00000002m, embed.PromptPrice);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_RouterWithNegativePrices_ReportsUnknownPrices()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        OpenRouterModelCapabilities auto = (await catalog.GetCapabilitiesAsync("openrouter/auto", Ct))!;

        Assert.Equal(-1m, auto.Model.Pricing!.Prompt);
        Assert.Null(auto.PromptPrice);
        Assert.Null(auto.CompletionPrice);
        Assert.False(auto.IsFree);
        Assert.Null(auto.EstimateCost(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 10 }));
    }

    [Fact]
    public async Task GetCapabilitiesAsync_UnknownModalityTokenizerAndExtraFields_KeptAsValues()
    {
        // Values OpenRouter does not send today, as a model added tomorrow could bring them.
        const string Future = """
            {"data":[{"id":"futurelabs/holo-1:free","canonical_slug":"futurelabs/holo-1","name":"FutureLabs: Holo 1 (free)","created":1705097600,
              "context_length":null,
              "architecture":{"modality":"text+hologram->text+hologram","input_modalities":["text","hologram"],"output_modalities":["text","hologram"],"tokenizer":"Nova9","instruct_type":"holo"},
              "pricing":{"prompt":"0","completion":"0"},"top_provider":{"context_length":32768,"max_completion_tokens":null,"is_moderated":false},"per_request_limits":null,
              "supported_parameters":["temperature","max_tokens","quantum_sampling"],"default_parameters":{"temperature":null,"top_p":null,"frequency_penalty":null},
              "experimental_flags":{"holo_mode":true,"levels":[1,2]},"preview":true}]}
            """;
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync(Future);

        OpenRouterModelCapabilities holo = (await catalog.GetCapabilitiesAsync("futurelabs/holo-1:free", Ct))!;

        Assert.Contains(new OpenRouterModality("hologram"), holo.InputModalities);
        Assert.Contains(new OpenRouterModality("HOLOGRAM"), holo.OutputModalities);
        Assert.Equal("Nova9", holo.Model.Architecture!.Tokenizer!.Value.Value);
        Assert.True(holo.Supports(new OpenRouterParameter("quantum_sampling")));
        Assert.False(holo.SupportsTools);
        Assert.Null(holo.Model.ContextLength);
        Assert.Equal(32768, holo.ContextLength);
    }

    [Fact]
    public async Task GetModelAsync_ByCanonicalSlugOrIdInAnyCase_FindsModelAndPrefersIdMatch()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        Assert.Equal("anthropic/claude-sonnet-4", (await catalog.GetModelAsync("anthropic/claude-4-sonnet-20250522", Ct))?.Id);
        Assert.Equal("openai/gpt-4o", (await catalog.GetModelAsync("OpenAI/GPT-4o", Ct))?.Id);

        // The free variant shares the paid model's canonical slug, which is also the paid model's id: the id wins.
        Assert.Equal("meta-llama/llama-3.3-70b-instruct", (await catalog.GetModelAsync("meta-llama/llama-3.3-70b-instruct", Ct))?.Id);

        // A slug shared by two models that is nobody's id: the first in the catalog wins.
        Assert.Equal("qwen/qwen3-coder", (await catalog.GetModelAsync("qwen/qwen3-coder-480b-a35b-07-25", Ct))?.Id);
        Assert.Null(await catalog.GetModelAsync("nobody/nothing", Ct));
        Assert.True(catalog.TryGetModel("google/gemini-2.5-pro", out OpenRouterModel? pro));
        Assert.Equal(1048576, pro.ContextLength);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_ToolsAndStructuredOutputsCheapestFirst_OrdersByPrice()
    {
        using OpenRouterModelCatalog catalog = await CatalogTestKit.LoadedCatalogAsync();

        List<string> ids = (await catalog.GetCapabilitiesAsync(Ct))
            .Where(m => m.SupportsTools && m.SupportsStructuredOutputs && m.PromptPrice is not null)
            .OrderBy(m => m.PromptPrice + m.CompletionPrice)
            .ThenBy(m => m.ModelId, StringComparer.Ordinal)
            .Select(m => m.ModelId)
            .Take(5)
            .ToList();

        // The last two cost the same: the id breaks the tie.
        Assert.Equal(["openai/gpt-oss-20b:free", "mistralai/mistral-small-3.2-24b-instruct", "openai/gpt-oss-120b", "google/gemini-2.5-flash-lite", "openai/gpt-4.1-nano"], ids);
    }

    [Fact]
    public void FromModel_MissingArchitectureAndPricing_ReportsUnknowns()
    {
        var model = new OpenRouterModel { Id = "x/bare" };

        OpenRouterModelCapabilities bare = OpenRouterModelCapabilities.FromModel(model);

        Assert.Empty(bare.InputModalities);
        Assert.Null(bare.PromptPrice);
        Assert.Null(bare.ContextLength);
        Assert.False(bare.SupportsTools);
        Assert.False(bare.IsFree);
    }
}
