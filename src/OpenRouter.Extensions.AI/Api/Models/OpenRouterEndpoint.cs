using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>One provider endpoint that serves a model (<c>PublicEndpoint</c>).</summary>
public sealed record OpenRouterEndpoint
{
    /// <summary>Gets the endpoint name (<c>name</c>), such as <c>OpenAI | openai/gpt-4o</c>.</summary>
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the display name of the model (<c>model_name</c>).</summary>
    public string ModelName { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the context length in tokens (<c>context_length</c>).</summary>
    [JsonConverter(typeof(OpenRouterWholeNumberConverter))]
    public long ContextLength { get; init; }

    /// <summary>Gets the prices of this endpoint (<c>pricing</c>).</summary>
    public OpenRouterPricing? Pricing { get; init; }

    /// <summary>Gets the provider's display name (<c>provider_name</c>).</summary>
    public OpenRouterProviderName ProviderName { get; init; }

    /// <summary>Gets the endpoint tag used in provider routing (<c>tag</c>), such as <c>openai</c> or <c>deepinfra/fp8</c>.</summary>
    public string Tag { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the weight quantization (<c>quantization</c>), or <see langword="null"/> when not reported.</summary>
    public OpenRouterQuantization? Quantization { get; init; }

    /// <summary>Gets the most tokens generated per completion (<c>max_completion_tokens</c>).</summary>
    [JsonConverter(typeof(OpenRouterOptionalWholeNumberConverter))]
    public long? MaxCompletionTokens { get; init; }

    /// <summary>Gets the most prompt tokens accepted (<c>max_prompt_tokens</c>).</summary>
    [JsonConverter(typeof(OpenRouterOptionalWholeNumberConverter))]
    public long? MaxPromptTokens { get; init; }

    /// <summary>Gets the request parameters this endpoint supports (<c>supported_parameters</c>). A JSON <c>null</c> reads as empty.</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterParameter>))]
    public IReadOnlyList<OpenRouterParameter> SupportedParameters { get; init => field = value ?? []; } = [];

    /// <summary>Gets the health status (<c>status</c>).</summary>
    public OpenRouterEndpointStatus? Status { get; init; }

    /// <summary>Gets the uptime over the last 30 minutes, in percent (<c>uptime_last_30m</c>).</summary>
    [JsonPropertyName("uptime_last_30m")]
    public double? UptimeLast30Minutes { get; init; }

    /// <summary>Gets a value indicating whether the provider caches prompts without explicit cache markers (<c>supports_implicit_caching</c>).</summary>
    public bool SupportsImplicitCaching { get; init; }
}
