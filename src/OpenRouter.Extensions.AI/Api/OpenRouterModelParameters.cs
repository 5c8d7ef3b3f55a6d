namespace OpenRouter.Extensions.AI;

/// <summary>The parameters a model supports (from <c>GET /parameters/{author}/{slug}</c>).</summary>
public sealed record OpenRouterModelParameters
{
    /// <summary>Gets the model id (<c>model</c>).</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the supported request parameters (<c>supported_parameters</c>).</summary>
    public IReadOnlyList<OpenRouterParameter> SupportedParameters { get; init; } = [];
}
