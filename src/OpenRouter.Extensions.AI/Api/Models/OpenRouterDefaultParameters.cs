namespace OpenRouter.Extensions.AI;

/// <summary>The sampling parameters a model uses when a request does not set them (<c>default_parameters</c>).</summary>
public sealed record OpenRouterDefaultParameters
{
    /// <summary>Gets the default temperature (<c>temperature</c>).</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the default nucleus sampling mass (<c>top_p</c>).</summary>
    public double? TopP { get; init; }

    /// <summary>Gets the default frequency penalty (<c>frequency_penalty</c>).</summary>
    public double? FrequencyPenalty { get; init; }
}
