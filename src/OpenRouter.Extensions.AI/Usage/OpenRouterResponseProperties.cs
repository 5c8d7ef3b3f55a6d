namespace OpenRouter.Extensions.AI;

/// <summary>
/// Keys under which the library's clients put OpenRouter's extra response data: the chat client in
/// <c>ChatResponse.AdditionalProperties</c> and in the <c>AdditionalProperties</c> of its message (and, when streaming, in
/// the <c>ChatResponseUpdate.AdditionalProperties</c>; every update carries a <c>MessageId</c>, so
/// <c>ToChatResponseAsync()</c> merges them into the message's <c>AdditionalProperties</c>), the embedding generator in
/// <c>GeneratedEmbeddings.AdditionalProperties</c>. They are OpenRouter's wire names. The cost is kept in the usage only
/// (<see cref="CostPicodollars"/>; read it with <see cref="OpenRouterCostExtensions"/>).
/// </summary>
/// <remarks>
/// Members of the response, its choice or its message that the client does not know yet are there too, under their wire
/// names, as <c>System.Text.Json.JsonElement</c>s. Token counts without a home in <c>UsageDetails</c> are in
/// <c>UsageDetails.AdditionalCounts</c> under the keys of <see cref="OpenRouterUsageCounts"/>.
/// </remarks>
public static class OpenRouterResponseProperties
{
    /// <summary>
    /// The key in <c>UsageDetails.AdditionalCounts</c> that holds the cost in pico-dollars (10<sup>-12</sup> US dollars), a <see cref="long"/>;
    /// from <c>usage.cost</c>, in both JSON and streaming modes.
    /// </summary>
    /// <remarks>
    /// <c>UsageDetails.Add</c> sums <c>AdditionalCounts</c> key by key, so this count adds up wherever usage is aggregated:
    /// across the rounds of <c>FunctionInvokingChatClient</c>, in <c>ToChatResponse[Async]</c>, in Semantic Kernel's <c>Usage</c>
    /// metadata and in an Agent Framework run's usage. Pico-dollars keep every digit OpenRouter sends (costs are rounded to 10<sup>-12</sup>)
    /// and a <see cref="long"/> holds more than nine million dollars. Read it as US dollars with
    /// <see cref="OpenRouterCostExtensions.GetOpenRouterCost(Microsoft.Extensions.AI.UsageDetails?)"/>.
    /// </remarks>
    public const string CostPicodollars = "cost_picodollars";

    /// <summary>Whether the request used your own provider key (bring-your-own-key), a <see cref="bool"/>; from <c>usage.is_byok</c>.</summary>
    public const string IsByok = "is_byok";

    /// <summary>The upstream provider that served the request (e.g. <c>"Anthropic"</c>), a <see cref="string"/>. Together with <c>ChatResponse.ModelId</c> it shows which fallback actually answered.</summary>
    public const string Provider = "provider";

    /// <summary>The provider's own finish reason before OpenRouter normalized it, a <see cref="string"/>.</summary>
    public const string NativeFinishReason = "native_finish_reason";

    /// <summary>The choice's <c>logprobs</c> object as a <c>System.Text.Json.JsonElement</c> (when requested). When streaming, each update carries its own chunk's log probabilities.</summary>
    public const string Logprobs = "logprobs";

    /// <summary>The <c>system_fingerprint</c> of the response, a <see cref="string"/>, when the provider sends one.</summary>
    public const string SystemFingerprint = "system_fingerprint";

    /// <summary>The <c>service_tier</c> the provider served the request on (e.g. <c>"default"</c>), a <see cref="string"/>, when sent.</summary>
    public const string ServiceTier = "service_tier";

    /// <summary>OpenRouter's <c>openrouter_metadata</c> about the generation, a <c>System.Text.Json.JsonElement</c>, when sent.</summary>
    public const string OpenRouterMetadata = "openrouter_metadata";

    /// <summary>What the upstream provider charged, in credits (USD), a <see cref="decimal"/>; from <c>usage.cost_details.upstream_inference_cost</c>.</summary>
    public const string UpstreamInferenceCost = "upstream_inference_cost";

    /// <summary>The prompt part of <see cref="UpstreamInferenceCost"/>, a <see cref="decimal"/>; from <c>usage.cost_details.upstream_inference_prompt_cost</c>.</summary>
    public const string UpstreamInferencePromptCost = "upstream_inference_prompt_cost";

    /// <summary>The completion part of <see cref="UpstreamInferenceCost"/>, a <see cref="decimal"/>; from <c>usage.cost_details.upstream_inference_completions_cost</c>.</summary>
    public const string UpstreamInferenceCompletionsCost = "upstream_inference_completions_cost";
}
