namespace OpenRouter.Extensions.AI;

/// <summary>Token limits OpenRouter applies to each request to a model (<c>per_request_limits</c>).</summary>
public sealed record OpenRouterPerRequestLimits
{
    /// <summary>Gets the most prompt tokens per request (<c>prompt_tokens</c>).</summary>
    public double PromptTokens { get; init; }

    /// <summary>Gets the most completion tokens per request (<c>completion_tokens</c>).</summary>
    public double CompletionTokens { get; init; }
}
