using System.Globalization;
using System.Text.Json;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Writes the <c>POST /images</c> body (<c>ImageGenerationRequest</c>) from an MEAI request and options.</summary>
/// <remarks>
/// Typed options win over the same key in <c>AdditionalProperties</c>; every other key (<c>aspect_ratio</c>, <c>resolution</c>,
/// <c>quality</c>, <c>background</c>, <c>seed</c>, <c>provider</c>, anything newer) is written under its name. <c>stream</c> is never
/// sent: <see cref="IImageGenerator"/> returns whole images.
/// </remarks>
[Experimental("MEAI001")]
internal static class ImageRequestWriter
{
    public static PooledBufferWriter WriteToBuffer(ImageGenerationRequest request, string modelId, ImageGenerationOptions? options) =>
        JsonWriterCache.WriteRequest((request, modelId, options), static (writer, s) => Write(writer, s.request, s.modelId, s.options));

    private static void Write(Utf8JsonWriter writer, ImageGenerationRequest request, string modelId, ImageGenerationOptions? options)
    {
        AdditionalPropertiesDictionary? extra = options?.AdditionalProperties;
        writer.WriteStartObject();
        writer.WriteString("model"u8, modelId);
        writer.WriteString("prompt"u8, request.Prompt);

        if (options?.Count is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, "ImageGenerationOptions.Count");
            writer.WriteNumber("n"u8, count);
        }

        if (options?.ImageSize is { } size)
        {
            writer.WriteString("size"u8, string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}"));
        }

        if (ImageOutputFormat.Of(options?.MediaType) is { } format)
        {
            writer.WriteString("output_format"u8, format);
        }

        if (request.OriginalImages is { } images && images.Any())
        {
            writer.WriteStartArray("input_references"u8);
            foreach (AIContent image in images)
            {
                string url = image switch
                {
                    DataContent data => data.Uri,
                    UriContent uri => uri.Uri.AbsoluteUri,
                    _ => throw new ArgumentException(
                        $"ImageGenerationRequest.OriginalImages may hold DataContent or UriContent; got {image.GetType().Name}.", nameof(request)),
                };
                writer.WriteStartObject();
                writer.WriteString("type"u8, "image_url"u8);
                writer.WriteStartObject("image_url"u8);
                writer.WriteString("url"u8, url);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (extra is not null)
        {
            foreach (KeyValuePair<string, object?> pair in extra)
            {
                if (!IsTaken(pair.Key, request, options!))
                {
                    JsonValueWriter.WriteField(writer, pair, "ImageGenerationOptions.AdditionalProperties");
                }
            }
        }

        writer.WriteEndObject();
    }

    private static bool IsTaken(string key, ImageGenerationRequest request, ImageGenerationOptions options) => key switch
    {
        // session_id travels as the x-session-id header: /images reads no body field of that name.
        "model" or "prompt" or "stream" or OpenRouterTransport.SessionIdKey => true,
        "n" => options.Count is not null,
        "size" => options.ImageSize is not null,
        "output_format" => options.MediaType is not null,
        "input_references" => request.OriginalImages?.Any() == true,
        _ => false,
    };
}
