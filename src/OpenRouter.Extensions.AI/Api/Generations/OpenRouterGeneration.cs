using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The request and usage metadata OpenRouter keeps for one generation (from <c>GET /generation?id=</c>): the exact cost, the upstream
/// cost, latency, the provider that served it and the provider's native token counts. Money is in US dollars, as exact decimals;
/// times are in milliseconds.
/// </summary>
public sealed record OpenRouterGeneration
{
    /// <summary>Gets the generation id (<c>id</c>), the <c>id</c> of the chat completion and <c>ChatResponse.ResponseId</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the total cost in US dollars (<c>total_cost</c>).</summary>
    public decimal TotalCost { get; init; }

    /// <summary>Gets what the upstream provider charged, in US dollars (<c>upstream_inference_cost</c>); for example with your own provider key.</summary>
    public decimal? UpstreamInferenceCost { get; init; }

    /// <summary>Gets the discount for cached tokens, in US dollars (<c>cache_discount</c>).</summary>
    public decimal? CacheDiscount { get; init; }

    /// <summary>Gets the amount charged to the account, in US dollars (<c>usage</c>).</summary>
    public decimal Usage { get; init; }

    /// <summary>Gets the total latency in milliseconds (<c>latency</c>).</summary>
    public double? Latency { get; init; }

    /// <summary>Gets the time the generation took, in milliseconds (<c>generation_time</c>).</summary>
    public double? GenerationTime { get; init; }

    /// <summary>Gets the moderation latency in milliseconds (<c>moderation_latency</c>).</summary>
    public double? ModerationLatency { get; init; }

    /// <summary>Gets the name of the provider that served the request (<c>provider_name</c>), e.g. <c>Infermatic</c>.</summary>
    public string? ProviderName { get; init; }

    /// <summary>Gets the model that generated (<c>model</c>).</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the prompt tokens as OpenRouter counts them (<c>tokens_prompt</c>).</summary>
    public long? TokensPrompt { get; init; }

    /// <summary>Gets the completion tokens as OpenRouter counts them (<c>tokens_completion</c>).</summary>
    public long? TokensCompletion { get; init; }

    /// <summary>Gets the prompt tokens as the provider counted them, which is what is billed (<c>native_tokens_prompt</c>).</summary>
    public long? NativeTokensPrompt { get; init; }

    /// <summary>Gets the completion tokens as the provider counted them (<c>native_tokens_completion</c>).</summary>
    public long? NativeTokensCompletion { get; init; }

    /// <summary>Gets the completion image tokens as the provider counted them (<c>native_tokens_completion_images</c>).</summary>
    public long? NativeTokensCompletionImages { get; init; }

    /// <summary>Gets the reasoning tokens as the provider counted them (<c>native_tokens_reasoning</c>).</summary>
    public long? NativeTokensReasoning { get; init; }

    /// <summary>Gets the cached prompt tokens as the provider counted them (<c>native_tokens_cached</c>).</summary>
    public long? NativeTokensCached { get; init; }

    /// <summary>Gets the number of media items in the prompt (<c>num_media_prompt</c>).</summary>
    public long? NumMediaPrompt { get; init; }

    /// <summary>Gets the number of audio inputs in the prompt (<c>num_input_audio_prompt</c>).</summary>
    public long? NumInputAudioPrompt { get; init; }

    /// <summary>Gets the number of media items in the completion (<c>num_media_completion</c>).</summary>
    public long? NumMediaCompletion { get; init; }

    /// <summary>Gets the number of web search results included (<c>num_search_results</c>).</summary>
    public long? NumSearchResults { get; init; }

    /// <summary>Gets the number of web fetches performed (<c>num_fetches</c>).</summary>
    public long? NumFetches { get; init; }

    /// <summary>Gets a value indicating whether the request used your own provider key (<c>is_byok</c>).</summary>
    public bool IsByok { get; init; }

    /// <summary>Gets OpenRouter's normalized finish reason (<c>finish_reason</c>).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the provider's own finish reason (<c>native_finish_reason</c>).</summary>
    public string? NativeFinishReason { get; init; }

    /// <summary>Gets a value indicating whether the response was streamed (<c>streamed</c>).</summary>
    public bool? Streamed { get; init; }

    /// <summary>Gets a value indicating whether the generation was cancelled (<c>cancelled</c>).</summary>
    public bool? Cancelled { get; init; }

    /// <summary>Gets when the generation was created (<c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the upstream provider's id of the generation (<c>upstream_id</c>).</summary>
    public string? UpstreamId { get; init; }

    /// <summary>Gets the kind of API call (<c>api_type</c>): <c>completions</c>, <c>embeddings</c>, <c>image</c>, ….</summary>
    public string? ApiType { get; init; }

    /// <summary>Gets the id of the app that made the request (<c>app_id</c>).</summary>
    public long? AppId { get; init; }

    /// <summary>Gets the data region the generation was routed through (<c>data_region</c>): <c>global</c>, <c>europe</c> or <c>us</c>.</summary>
    public string? DataRegion { get; init; }

    /// <summary>Gets the end-user identifier sent with the request (<c>external_user</c>).</summary>
    public string? ExternalUser { get; init; }

    /// <summary>Gets the <c>HTTP-Referer</c> header of the request (<c>http_referer</c>).</summary>
    public string? HttpReferer { get; init; }

    /// <summary>Gets the origin of the request (<c>origin</c>).</summary>
    public string? Origin { get; init; }

    /// <summary>Gets the <c>User-Agent</c> header of the request (<c>user_agent</c>).</summary>
    public string? UserAgent { get; init; }

    /// <summary>Gets the id of the preset used (<c>preset_id</c>).</summary>
    public string? PresetId { get; init; }

    /// <summary>Gets the id grouping every generation of one API request (<c>request_id</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the original generation id when this one was served from the response cache (<c>response_cache_source_id</c>).</summary>
    public string? ResponseCacheSourceId { get; init; }

    /// <summary>Gets the router used (<c>router</c>), e.g. <c>openrouter/auto</c>.</summary>
    public string? Router { get; init; }

    /// <summary>Gets the service tier the provider ran the request on (<c>service_tier</c>).</summary>
    public string? ServiceTier { get; init; }

    /// <summary>Gets the session id grouping generations (<c>session_id</c>).</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the web search engine used (<c>web_search_engine</c>), e.g. <c>exa</c>.</summary>
    public string? WebSearchEngine { get; init; }

    /// <summary>Gets the workspace the generation is attributed to (<c>workspace_id</c>).</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Gets the responses of each provider tried, including fallback attempts (<c>provider_responses</c>), as OpenRouter sent them.</summary>
    public IReadOnlyList<JsonElement>? ProviderResponses { get; init; }

    /// <summary>Gets members OpenRouter added that this type does not name yet, as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
