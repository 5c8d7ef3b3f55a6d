using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>OpenRouter's <c>usage</c> object.</summary>
internal sealed class WireUsage
{
    /// <summary>Reads one with the serializer; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireUsage Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, OpenRouterJsonContext.Default.WireUsage)!;

    [JsonPropertyName("prompt_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the cost in credits (USD), exact as sent.</summary>
    [JsonPropertyName("cost")]
    public decimal? Cost { get; set; }

    [JsonPropertyName("is_byok")]
    [JsonConverter(typeof(WireBooleanConverter))]
    public bool? IsByok { get; set; }

    [JsonPropertyName("prompt_tokens_details")]
    public WireTokenDetails? PromptTokensDetails { get; set; }

    [JsonPropertyName("completion_tokens_details")]
    public WireTokenDetails? CompletionTokensDetails { get; set; }

    [JsonPropertyName("cost_details")]
    public WireCostDetails? CostDetails { get; set; }

    [JsonPropertyName("server_tool_use_details")]
    public WireServerToolUseDetails? ServerToolUseDetails { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary><c>prompt_tokens_details</c> or <c>completion_tokens_details</c>: each side sends the counts that apply to it.</summary>
internal sealed class WireTokenDetails
{
    /// <summary>Gets or sets <c>cached_tokens</c> (prompt side).</summary>
    [JsonPropertyName("cached_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? CachedTokens { get; set; }

    /// <summary>Gets or sets <c>cache_write_tokens</c> (prompt side).</summary>
    [JsonPropertyName("cache_write_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? CacheWriteTokens { get; set; }

    /// <summary>Gets or sets <c>reasoning_tokens</c> (completion side).</summary>
    [JsonPropertyName("reasoning_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? ReasoningTokens { get; set; }

    [JsonPropertyName("audio_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? AudioTokens { get; set; }

    [JsonPropertyName("video_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? VideoTokens { get; set; }

    [JsonPropertyName("image_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? ImageTokens { get; set; }

    [JsonPropertyName("text_tokens")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? TextTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary><c>usage.cost_details</c>: what the upstream provider charged, in credits (USD).</summary>
internal sealed class WireCostDetails
{
    [JsonPropertyName("upstream_inference_cost")]
    public decimal? UpstreamInferenceCost { get; set; }

    [JsonPropertyName("upstream_inference_prompt_cost")]
    public decimal? UpstreamInferencePromptCost { get; set; }

    [JsonPropertyName("upstream_inference_completions_cost")]
    public decimal? UpstreamInferenceCompletionsCost { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary><c>usage.server_tool_use_details</c>: tools OpenRouter ran on the server (web search).</summary>
internal sealed class WireServerToolUseDetails
{
    [JsonPropertyName("web_search_requests")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? WebSearchRequests { get; set; }

    [JsonPropertyName("tool_calls_requested")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? ToolCallsRequested { get; set; }

    [JsonPropertyName("tool_calls_executed")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? ToolCallsExecuted { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
