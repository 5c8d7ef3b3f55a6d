using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>Limits of the provider OpenRouter routes a model to first (<c>top_provider</c>).</summary>
public sealed record OpenRouterTopProvider
{
    /// <summary>Gets the provider's context length in tokens (<c>context_length</c>).</summary>
    [JsonConverter(typeof(OpenRouterOptionalWholeNumberConverter))]
    public long? ContextLength { get; init; }

    /// <summary>Gets the most tokens the provider generates in one completion (<c>max_completion_tokens</c>).</summary>
    [JsonConverter(typeof(OpenRouterOptionalWholeNumberConverter))]
    public long? MaxCompletionTokens { get; init; }

    /// <summary>Gets a value indicating whether the provider moderates the input (<c>is_moderated</c>).</summary>
    public bool IsModerated { get; init; }
}
