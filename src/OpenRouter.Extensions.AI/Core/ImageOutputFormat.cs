namespace OpenRouter.Extensions.AI;

/// <summary>OpenRouter's image <c>output_format</c> names, shared by <c>/images</c> and the <c>openrouter:image_generation</c> server tool.</summary>
internal static class ImageOutputFormat
{
    /// <summary>The <c>output_format</c> of a media type, or <see langword="null"/> when OpenRouter has none for it.</summary>
    public static string? Of(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        null => null,
        "image/png" => "png",
        "image/jpeg" or "image/jpg" => "jpeg",
        "image/webp" => "webp",
        "image/svg+xml" => "svg",
        _ => throw new ArgumentException(
            $"ImageGenerationOptions.MediaType '{mediaType}' is not an output format OpenRouter offers (image/png, image/jpeg, image/webp, image/svg+xml).",
            nameof(mediaType)),
    };
}
