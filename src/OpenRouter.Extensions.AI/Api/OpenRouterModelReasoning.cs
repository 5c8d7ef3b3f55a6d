using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>How a reasoning model reasons (<c>reasoning</c> of a catalog entry); absent for models that do not reason and for router models.</summary>
public sealed record OpenRouterModelReasoning
{
    /// <summary>Gets a value indicating whether reasoning cannot be turned off (<c>mandatory</c>): <c>enabled: false</c> and effort <c>none</c> are rejected.</summary>
    [JsonPropertyName("mandatory")]
    public bool Mandatory { get; init; }

    /// <summary>Gets the efforts the model accepts, highest first (<c>supported_efforts</c>); <see langword="null"/> when every effort is accepted.</summary>
    [JsonPropertyName("supported_efforts")]
    public IReadOnlyList<string>? SupportedEfforts { get; init; }

    /// <summary>Gets the effort used when a request turns reasoning on without one (<c>default_effort</c>).</summary>
    [JsonPropertyName("default_effort")]
    public string? DefaultEffort { get; init; }

    /// <summary>Gets whether the model reasons when a request does not say (<c>default_enabled</c>).</summary>
    [JsonPropertyName("default_enabled")]
    public bool? DefaultEnabled { get; init; }

    /// <summary>Gets whether the model accepts a reasoning token budget, <c>reasoning.max_tokens</c> (<c>supports_max_tokens</c>).</summary>
    [JsonPropertyName("supports_max_tokens")]
    public bool? SupportsMaxTokens { get; init; }
}
