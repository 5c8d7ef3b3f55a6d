using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>A model and the provider endpoints that serve it (<c>ListEndpointsResponse</c>, from <c>GET /models/{author}/{slug}/endpoints</c>).</summary>
public sealed record OpenRouterModelEndpoints
{
    /// <summary>Gets the model id (<c>id</c>). A JSON <c>null</c> reads as empty.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the display name (<c>name</c>). A JSON <c>null</c> reads as empty.</summary>
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets when the model was added (<c>created</c>, Unix seconds on the wire).</summary>
    [JsonConverter(typeof(OpenRouterUnixTimeConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets the description (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the architecture (<c>architecture</c>).</summary>
    public OpenRouterModelArchitecture? Architecture { get; init; }

    /// <summary>Gets the endpoints serving the model (<c>endpoints</c>). A JSON <c>null</c> reads as empty.</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterEndpoint>))]
    public IReadOnlyList<OpenRouterEndpoint> Endpoints { get; init => field = value ?? []; } = [];
}
