namespace OpenRouter.Extensions.AI;

/// <summary>
/// Keys under which <see cref="OpenRouterChatClient"/> puts OpenRouter's extra response data in
/// <c>ChatResponse.AdditionalProperties</c> (and, when streaming, in the <c>ChatResponseUpdate.AdditionalProperties</c>
/// that <c>ToChatResponseAsync()</c> merges into the same place). They are OpenRouter's wire names.
/// </summary>
public static class OpenRouterResponseProperties
{
    /// <summary>The generation's cost in credits (USD), a <see cref="decimal"/>; from <c>usage.cost</c>.</summary>
    /// <remarks>
    /// This is one response's cost. Behind <c>UseFunctionInvocation()</c> (and Semantic Kernel's or Agent Framework's tool loops)
    /// the final <c>ChatResponse</c> keeps only the last round's <c>AdditionalProperties</c>, so this value is the last round's cost,
    /// not the total. For the total use <see cref="OpenRouterCostExtensions.GetOpenRouterCost(Microsoft.Extensions.AI.ChatResponse)"/>,
    /// which reads <see cref="CostPicodollars"/> from the summed usage.
    /// </remarks>
    public const string Cost = "cost";

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
}
