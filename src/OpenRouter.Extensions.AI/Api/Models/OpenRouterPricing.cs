using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Prices of a model or an endpoint, in US dollars (<c>PublicPricing</c> / <c>PublicEndpointPricing</c>).
/// Token prices are per token; OpenRouter sends them as decimal strings (or numbers), parsed exactly into <see cref="decimal"/>.
/// </summary>
public sealed record OpenRouterPricing
{
    /// <summary>Gets the price per input (prompt) token (<c>prompt</c>).</summary>
    public decimal Prompt { get; init; }

    /// <summary>Gets the price per output (completion) token (<c>completion</c>).</summary>
    public decimal Completion { get; init; }

    /// <summary>Gets the fixed price per request (<c>request</c>).</summary>
    public decimal? Request { get; init; }

    /// <summary>Gets the price per input image (<c>image</c>).</summary>
    public decimal? Image { get; init; }

    /// <summary>Gets the price per output image (<c>image_output</c>).</summary>
    public decimal? ImageOutput { get; init; }

    /// <summary>Gets the price per audio input unit (<c>audio</c>).</summary>
    public decimal? Audio { get; init; }

    /// <summary>Gets the price per cached audio input unit (<c>input_audio_cache</c>).</summary>
    public decimal? InputAudioCache { get; init; }

    /// <summary>Gets the price per web search (<c>web_search</c>).</summary>
    public decimal? WebSearch { get; init; }

    /// <summary>Gets the price per internal reasoning token (<c>internal_reasoning</c>).</summary>
    public decimal? InternalReasoning { get; init; }

    /// <summary>Gets the price per input token read from the prompt cache (<c>input_cache_read</c>).</summary>
    public decimal? InputCacheRead { get; init; }

    /// <summary>Gets the price per input token written to the prompt cache (<c>input_cache_write</c>).</summary>
    public decimal? InputCacheWrite { get; init; }

    /// <summary>Gets the discount applied to the prices, as a fraction (<c>discount</c>).</summary>
    public decimal? Discount { get; init; }
}
