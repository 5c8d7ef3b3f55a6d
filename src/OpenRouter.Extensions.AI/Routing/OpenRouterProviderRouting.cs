using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>provider</c> routing preferences: which upstream providers may serve a request, in which order, at what price.
/// Set it with <see cref="OpenRouterChatOptionsExtensions.WithProviderRouting"/>.
/// </summary>
public sealed class OpenRouterProviderRouting
{
    /// <summary>Gets or sets <c>order</c>: provider slugs to try in this order (e.g. <c>anthropic</c>, <c>openai</c>).</summary>
    public IList<string>? Order { get; set; }

    /// <summary>Gets or sets <c>only</c>: the providers allowed to serve the request.</summary>
    public IList<string>? Only { get; set; }

    /// <summary>Gets or sets <c>ignore</c>: providers never to use.</summary>
    public IList<string>? Ignore { get; set; }

    /// <summary>Gets or sets <c>allow_fallbacks</c>: whether other providers may be used when the preferred ones fail.</summary>
    public bool? AllowFallbacks { get; set; }

    /// <summary>Gets or sets <c>require_parameters</c>: only use providers that support every parameter of the request.</summary>
    public bool? RequireParameters { get; set; }

    /// <summary>Gets or sets <c>data_collection</c>: <c>allow</c>, or <c>deny</c> to exclude providers that store or train on data.</summary>
    public string? DataCollection { get; set; }

    /// <summary>Gets or sets <c>zdr</c>: only use zero-data-retention endpoints.</summary>
    public bool? Zdr { get; set; }

    /// <summary>Gets or sets <c>quantizations</c>: allowed quantization levels (e.g. <c>fp8</c>, <c>bf16</c>).</summary>
    public IList<string>? Quantizations { get; set; }

    /// <summary>Gets or sets <c>sort</c>: <c>price</c>, <c>throughput</c> or <c>latency</c>.</summary>
    public string? Sort { get; set; }

    /// <summary>Gets or sets <c>max_price</c>: the most to pay, in USD per million tokens (per request / per image for those fields).</summary>
    public OpenRouterMaxPrice? MaxPrice { get; set; }

    /// <summary>Gets or sets fields OpenRouter adds later, written as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The <c>max_price</c> of provider routing.</summary>
public sealed class OpenRouterMaxPrice
{
    /// <summary>Gets or sets <c>prompt</c>: USD per million input tokens.</summary>
    public decimal? Prompt { get; set; }

    /// <summary>Gets or sets <c>completion</c>: USD per million output tokens.</summary>
    public decimal? Completion { get; set; }

    /// <summary>Gets or sets <c>request</c>: USD per request.</summary>
    public decimal? Request { get; set; }

    /// <summary>Gets or sets <c>image</c>: USD per image.</summary>
    public decimal? Image { get; set; }
}
