using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Sets OpenRouter's <c>/images</c> request fields that <see cref="ImageGenerationOptions"/> has no property for. Each value is stored in
/// <see cref="ImageGenerationOptions.AdditionalProperties"/> under its wire name, as on the chat side.
/// </summary>
[Experimental("MEAI001")]
public static class OpenRouterImageOptionsExtensions
{
    /// <summary>Sets <c>aspect_ratio</c>, e.g. <c>16:9</c>, <c>1:1</c> or <c>auto</c>; providers clamp it to what they support.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="aspectRatio">The aspect ratio.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithAspectRatio(this ImageGenerationOptions options, string aspectRatio) => Set(options, "aspect_ratio", aspectRatio);

    /// <summary>Sets <c>resolution</c>: <c>512</c>, <c>1K</c>, <c>2K</c> or <c>4K</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="resolution">The resolution tier.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithResolution(this ImageGenerationOptions options, string resolution) => Set(options, "resolution", resolution);

    /// <summary>Sets <c>quality</c>: <c>auto</c>, <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="quality">The rendering quality.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithQuality(this ImageGenerationOptions options, string quality) => Set(options, "quality", quality);

    /// <summary>Sets <c>background</c>: <c>auto</c>, <c>transparent</c> (png or webp only) or <c>opaque</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="background">The background treatment.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithBackground(this ImageGenerationOptions options, string background) => Set(options, "background", background);

    /// <summary>Sets <c>seed</c>, for repeatable images where the provider supports it.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="seed">The seed.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithSeed(this ImageGenerationOptions options, long seed) => Set(options, "seed", seed);

    /// <summary>Sets <c>output_compression</c> (0–100) for webp and jpeg output.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="compression">The compression level.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithOutputCompression(this ImageGenerationOptions options, int compression) => Set(options, "output_compression", compression);

    /// <summary>Sets <c>provider</c>: which upstream providers may serve the request.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="routing">The routing preferences.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithProviderRouting(this ImageGenerationOptions options, OpenRouterProviderRouting routing) => Set(options, "provider", routing);

    /// <summary>
    /// Sets OpenRouter's session id, sent as the <c>x-session-id</c> header (this endpoint takes no <c>session_id</c> in the body), so the
    /// request is grouped with the chat requests of the same session in OpenRouter's logs (at most 256 characters).
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="sessionId">The session id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ImageGenerationOptions WithSessionId(this ImageGenerationOptions options, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Set(options, OpenRouterTransport.SessionIdKey, sessionId);
    }

    private static ImageGenerationOptions Set(ImageGenerationOptions options, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties = AdditionalFields.Set(options.AdditionalProperties, name, value);
        return options;
    }
}
