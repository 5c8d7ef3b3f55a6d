namespace OpenRouter.Extensions.AI;

/// <summary>
/// Keys under which <see cref="OpenRouterChatClient"/> puts OpenRouter's extra response data in
/// <c>ChatResponse.AdditionalProperties</c> (and, when streaming, in the <c>ChatResponseUpdate.AdditionalProperties</c>
/// that <c>ToChatResponseAsync()</c> merges into the same place). They are OpenRouter's wire names.
/// </summary>
public static class OpenRouterResponseProperties
{
    /// <summary>The generation's cost in credits (USD), a <see cref="decimal"/>; from <c>usage.cost</c>.</summary>
    public const string Cost = "cost";

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
