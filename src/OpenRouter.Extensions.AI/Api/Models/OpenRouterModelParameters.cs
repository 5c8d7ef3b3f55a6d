using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The parameters a model supports (from <c>GET /parameters/{author}/{slug}</c>).</summary>
public sealed record OpenRouterModelParameters
{
    /// <summary>Gets the model id (<c>model</c>).</summary>
    public string Model { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the supported request parameters (<c>supported_parameters</c>).</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterParameter>))]
    public IReadOnlyList<OpenRouterParameter> SupportedParameters { get; init => field = value ?? []; } = [];
}
