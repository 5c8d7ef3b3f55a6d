using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// What a model can do and what it costs, derived from its catalog entry: <c>supported_parameters</c>, <c>architecture</c>,
/// <c>top_provider</c> and <c>pricing</c>. Obtain it from <see cref="OpenRouterModelCatalog"/> (computed once per catalog load) or with <see cref="FromModel"/>.
/// </summary>
/// <remarks>
/// <para>
/// <c>supported_parameters</c> is the union over the model's providers: a parameter is listed when at least one provider supports it.
/// OpenRouter routes to a provider that supports the parameters a request uses only when <c>provider.require_parameters</c> is set.
/// </para>
/// <para>
/// Prices are in US dollars per token (per request and per image where named). OpenRouter lists a negative price (<c>-1</c>) for router
/// models such as <c>openrouter/auto</c> whose price depends on the model chosen; such prices are reported as <see langword="null"/> (unknown).
/// </para>
/// </remarks>
public sealed record OpenRouterModelCapabilities
{
    private static readonly HashSet<OpenRouterModality> NoModalities = [];

    /// <summary>Gets the catalog entry these capabilities were derived from.</summary>
    public required OpenRouterModel Model { get; init; }

    /// <summary>Gets the model id (<c>id</c>).</summary>
    public string ModelId => Model.Id;

    /// <summary>Gets the request parameters at least one provider supports (<c>supported_parameters</c>), including values this library does not name.</summary>
    public IReadOnlySet<OpenRouterParameter> SupportedParameters { get; init; } = new HashSet<OpenRouterParameter>();

    /// <summary>Gets the input modalities (<c>architecture.input_modalities</c>), including values this library does not name.</summary>
    public IReadOnlySet<OpenRouterModality> InputModalities { get; init; } = NoModalities;

    /// <summary>Gets the output modalities (<c>architecture.output_modalities</c>).</summary>
    public IReadOnlySet<OpenRouterModality> OutputModalities { get; init; } = NoModalities;

    /// <summary>Gets a value indicating whether the model accepts function tools (<c>tools</c>).</summary>
    public bool SupportsTools => Supports(OpenRouterParameter.Tools);

    /// <summary>Gets a value indicating whether the model accepts <c>tool_choice</c> (required, none or a named function).</summary>
    public bool SupportsToolChoice => Supports(OpenRouterParameter.ToolChoice);

    /// <summary>Gets a value indicating whether the model accepts <c>parallel_tool_calls</c>.</summary>
    public bool SupportsParallelToolCalls => Supports(OpenRouterParameter.ParallelToolCalls);

    /// <summary>Gets a value indicating whether the model accepts the <c>reasoning</c> object (effort, budget, exclude).</summary>
    public bool SupportsReasoning => Supports(OpenRouterParameter.Reasoning);

    /// <summary>Gets a value indicating whether the model accepts <c>include_reasoning</c>.</summary>
    public bool SupportsIncludeReasoning => Supports(OpenRouterParameter.IncludeReasoning);

    /// <summary>Gets a value indicating whether the model accepts <c>response_format</c> (at least JSON mode, <c>json_object</c>).</summary>
    public bool SupportsResponseFormat => Supports(OpenRouterParameter.ResponseFormat);

    /// <summary>Gets a value indicating whether the model follows a JSON schema (<c>structured_outputs</c>, <c>response_format</c> of type <c>json_schema</c>).</summary>
    public bool SupportsStructuredOutputs => Supports(OpenRouterParameter.StructuredOutputs);

    /// <summary>Gets a value indicating whether the model returns log probabilities (<c>logprobs</c>).</summary>
    public bool SupportsLogprobs => Supports(OpenRouterParameter.Logprobs);

    /// <summary>Gets a value indicating whether the model accepts <c>top_logprobs</c>.</summary>
    public bool SupportsTopLogprobs => Supports(OpenRouterParameter.TopLogprobs);

    /// <summary>Gets a value indicating whether the model accepts <c>seed</c>.</summary>
    public bool SupportsSeed => Supports(OpenRouterParameter.Seed);

    /// <summary>Gets a value indicating whether the model accepts stop sequences (<c>stop</c>).</summary>
    public bool SupportsStop => Supports(OpenRouterParameter.Stop);

    /// <summary>Gets a value indicating whether the model accepts text input.</summary>
    public bool SupportsTextInput => InputModalities.Contains(OpenRouterModality.Text);

    /// <summary>Gets a value indicating whether the model accepts image input.</summary>
    public bool SupportsImageInput => InputModalities.Contains(OpenRouterModality.Image);

    /// <summary>Gets a value indicating whether the model accepts file (PDF, document) input natively.</summary>
    public bool SupportsFileInput => InputModalities.Contains(OpenRouterModality.File);

    /// <summary>Gets a value indicating whether the model accepts audio input.</summary>
    public bool SupportsAudioInput => InputModalities.Contains(OpenRouterModality.Audio);

    /// <summary>Gets a value indicating whether the model accepts video input.</summary>
    public bool SupportsVideoInput => InputModalities.Contains(OpenRouterModality.Video);

    /// <summary>Gets a value indicating whether the model produces text.</summary>
    public bool SupportsTextOutput => OutputModalities.Contains(OpenRouterModality.Text);

    /// <summary>Gets a value indicating whether the model produces images.</summary>
    public bool SupportsImageOutput => OutputModalities.Contains(OpenRouterModality.Image);

    /// <summary>Gets a value indicating whether the model produces audio.</summary>
    public bool SupportsAudioOutput => OutputModalities.Contains(OpenRouterModality.Audio);

    /// <summary>Gets a value indicating whether the model produces embedding vectors (an embeddings model).</summary>
    public bool SupportsEmbeddingsOutput => OutputModalities.Contains(OpenRouterModality.Embeddings);

    /// <summary>Gets the context length in tokens: the model's <c>context_length</c>, else the top provider's; <see langword="null"/> when unknown.</summary>
    public long? ContextLength { get; init; }

    /// <summary>Gets the most tokens the top provider generates per completion (<c>top_provider.max_completion_tokens</c>); <see langword="null"/> when not reported.</summary>
    public long? MaxCompletionTokens { get; init; }

    /// <summary>Gets a value indicating whether the top provider moderates input (<c>top_provider.is_moderated</c>).</summary>
    public bool IsModerated { get; init; }

    /// <summary>Gets the price per input token (<c>pricing.prompt</c>).</summary>
    public decimal? PromptPrice { get; init; }

    /// <summary>Gets the price per output token (<c>pricing.completion</c>).</summary>
    public decimal? CompletionPrice { get; init; }

    /// <summary>Gets the fixed price per request (<c>pricing.request</c>).</summary>
    public decimal? RequestPrice { get; init; }

    /// <summary>Gets the price per input image (<c>pricing.image</c>).</summary>
    public decimal? ImagePrice { get; init; }

    /// <summary>Gets the price per reasoning token (<c>pricing.internal_reasoning</c>); when <see langword="null"/>, reasoning tokens cost <see cref="CompletionPrice"/>.</summary>
    public decimal? ReasoningPrice { get; init; }

    /// <summary>Gets the price per input token read from the prompt cache (<c>pricing.input_cache_read</c>).</summary>
    public decimal? CacheReadPrice { get; init; }

    /// <summary>Gets the price per input token written to the prompt cache (<c>pricing.input_cache_write</c>).</summary>
    public decimal? CacheWritePrice { get; init; }

    /// <summary>Gets a value indicating whether prompt, completion and request are all free (<c>"0"</c>), as for <c>:free</c> variants.</summary>
    public bool IsFree => PromptPrice == 0m && CompletionPrice == 0m && RequestPrice is null or 0m;

    /// <summary>Gets a value indicating whether <see cref="SupportedParameters"/> contains <paramref name="parameter"/>.</summary>
    /// <param name="parameter">The parameter, such as <see cref="OpenRouterParameter.WebSearchOptions"/>.</param>
    /// <returns><see langword="true"/> when at least one provider of the model supports it.</returns>
    public bool Supports(OpenRouterParameter parameter) => SupportedParameters.Contains(parameter);

    /// <summary>Derives the capabilities of a catalog entry.</summary>
    /// <param name="model">The model, as returned by <c>GET /models</c>.</param>
    /// <returns>The capabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static OpenRouterModelCapabilities FromModel(OpenRouterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        OpenRouterPricing? pricing = model.Pricing;
        return new OpenRouterModelCapabilities
        {
            Model = model,
            SupportedParameters = model.SupportedParameters.Where(p => p.Value.Length > 0).ToHashSet(),
            InputModalities = model.Architecture?.InputModalities.Where(m => m.Value.Length > 0).ToHashSet() ?? NoModalities,
            OutputModalities = model.Architecture?.OutputModalities.Where(m => m.Value.Length > 0).ToHashSet() ?? NoModalities,
            ContextLength = model.ContextLength ?? model.TopProvider?.ContextLength,
            MaxCompletionTokens = model.TopProvider?.MaxCompletionTokens,
            IsModerated = model.TopProvider?.IsModerated ?? false,
            PromptPrice = Known(pricing?.Prompt),
            CompletionPrice = Known(pricing?.Completion),
            RequestPrice = Known(pricing?.Request),
            ImagePrice = Known(pricing?.Image),
            ReasoningPrice = Known(pricing?.InternalReasoning),
            CacheReadPrice = Known(pricing?.InputCacheRead),
            CacheWritePrice = Known(pricing?.InputCacheWrite),
        };
    }

    /// <summary>
    /// Estimates the cost in US dollars of a generation with the given usage from the listed prices.
    /// </summary>
    /// <param name="usage">The usage reported for the generation, e.g. <c>ChatResponse.Usage</c>.</param>
    /// <returns>The estimate, or <see langword="null"/> when the prompt or completion price is unknown.</returns>
    /// <remarks>
    /// <para>
    /// OpenRouter counts cached and cache-write tokens within the prompt tokens, and reasoning tokens within the completion tokens, so none is counted twice:
    /// <c>(input − cached − cacheWrite) × prompt + cached × input_cache_read + cacheWrite × input_cache_write
    /// + (output − reasoning) × completion + reasoning × internal_reasoning + request</c>.
    /// A missing cache or reasoning price falls back to the prompt or completion price. Cache-write tokens are read from
    /// <c>UsageDetails.AdditionalCounts["cache_write_tokens"]</c>, where the chat client puts them.
    /// </para>
    /// <para>
    /// This is an estimate: images, audio, web search, provider-specific prices and discounts are not included. The billed amount is
    /// <c>response.GetOpenRouterCost()</c> (<see cref="OpenRouterCostExtensions"/>).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is <see langword="null"/>.</exception>
    public decimal? EstimateCost(UsageDetails usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (PromptPrice is not { } prompt || CompletionPrice is not { } completion)
        {
            return null;
        }

        long input = Math.Max(usage.InputTokenCount ?? 0, 0);
        long cached = Math.Clamp(usage.CachedInputTokenCount ?? 0, 0, input);
        long cacheWrite = usage.AdditionalCounts?.TryGetValue("cache_write_tokens", out long written) == true ? Math.Clamp(written, 0, input - cached) : 0;
        long output = Math.Max(usage.OutputTokenCount ?? 0, 0);
        long reasoning = Math.Clamp(usage.ReasoningTokenCount ?? 0, 0, output);

        return ((input - cached - cacheWrite) * prompt)
            + (cached * (CacheReadPrice ?? prompt))
            + (cacheWrite * (CacheWritePrice ?? prompt))
            + ((output - reasoning) * completion)
            + (reasoning * (ReasoningPrice ?? completion))
            + (RequestPrice ?? 0m);
    }

    private static decimal? Known(decimal? price) => price is < 0m ? null : price;
}
