using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>A model of the OpenRouter catalog (<c>Model</c>), as returned by <c>GET /models</c> and its variants.</summary>
public sealed record OpenRouterModel
{
    /// <summary>Gets the model id used in requests (<c>id</c>), such as <c>openai/gpt-4o</c>. A JSON <c>null</c> reads as empty.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the permanent slug of this model version (<c>canonical_slug</c>).</summary>
    public string? CanonicalSlug { get; init; }

    /// <summary>Gets the Hugging Face repository id of open-weight models (<c>hugging_face_id</c>).</summary>
    public string? HuggingFaceId { get; init; }

    /// <summary>Gets the display name (<c>name</c>). A JSON <c>null</c> reads as empty.</summary>
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets when the model was added to OpenRouter (<c>created</c>, Unix seconds on the wire).</summary>
    [JsonConverter(typeof(OpenRouterUnixTimeConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets the description (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the prices (<c>pricing</c>).</summary>
    public OpenRouterPricing? Pricing { get; init; }

    /// <summary>Gets the context length in tokens (<c>context_length</c>).</summary>
    [JsonConverter(typeof(OpenRouterOptionalWholeNumberConverter))]
    public long? ContextLength { get; init; }

    /// <summary>Gets the architecture: tokenizer and modalities (<c>architecture</c>).</summary>
    public OpenRouterModelArchitecture? Architecture { get; init; }

    /// <summary>Gets the limits of the first provider (<c>top_provider</c>).</summary>
    public OpenRouterTopProvider? TopProvider { get; init; }

    /// <summary>Gets the per-request token limits (<c>per_request_limits</c>), usually <see langword="null"/>.</summary>
    public OpenRouterPerRequestLimits? PerRequestLimits { get; init; }

    /// <summary>Gets the request parameters at least one provider supports (<c>supported_parameters</c>). A JSON <c>null</c> reads as empty.</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterParameter>))]
    public IReadOnlyList<OpenRouterParameter> SupportedParameters { get; init => field = value ?? []; } = [];

    /// <summary>Gets the default sampling parameters (<c>default_parameters</c>).</summary>
    public OpenRouterDefaultParameters? DefaultParameters { get; init; }

    /// <summary>Gets the date after which the model is retired (<c>expiration_date</c>, e.g. <c>2025-12-31</c>), when announced.</summary>
    public string? ExpirationDate { get; init; }
}
