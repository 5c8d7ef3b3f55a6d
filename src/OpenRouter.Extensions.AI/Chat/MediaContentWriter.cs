using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Maps <see cref="DataContent"/> and <see cref="UriContent"/> to OpenRouter's content parts: images → <c>image_url</c>,
/// audio → <c>input_audio</c>, video → <c>video_url</c>, PDF and other documents → <c>file</c> (the part types of
/// OpenRouter's API reference, <c>ChatContentItems</c>; <c>input_video</c> is its legacy name for video).
/// </summary>
internal static class MediaContentWriter
{
    /// <summary>The <c>AdditionalProperties</c> key on an image content that sets <c>image_url.detail</c> (<c>auto</c>, <c>low</c>, <c>high</c>).</summary>
    public const string DetailKey = "detail";

    /// <summary>Writes one media part; <paramref name="cacheControl"/> is the prompt-cache breakpoint to put on it, if any.</summary>
    public static void Write(Utf8JsonWriter writer, AIContent content, object? cacheControl = null)
    {
        (string mediaType, string url, DataContent? data) = content switch
        {
            DataContent d => (d.MediaType, d.Uri, d),
            UriContent u => (u.MediaType, u.Uri.ToString(), (DataContent?)null),
            _ => throw new ArgumentException($"Unsupported content {content.GetType().Name}."),
        };

        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "image_url"u8);
            writer.WriteStartObject("image_url"u8);
            writer.WriteString("url"u8, url);
            if (content.AdditionalProperties?.TryGetValue(DetailKey, out object? detail) == true && detail?.ToString() is { Length: > 0 } detailText)
            {
                writer.WriteString("detail"u8, detailText);
            }

            writer.WriteEndObject();
            CacheControlWriter.Write(writer, cacheControl);
            writer.WriteEndObject();
            return;
        }

        if (mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            string format = AudioFormat(mediaType) ?? throw Unsupported(mediaType, "audio formats OpenRouter accepts are " + AudioFormats);
            if (data is null)
            {
                throw new ArgumentException(
                    $"OpenRouter's input_audio needs the audio bytes; '{url}' is a link. Load it into a DataContent first.");
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "input_audio"u8);
            writer.WriteStartObject("input_audio"u8);
            writer.WriteBase64String("data"u8, data.Data.Span);
            writer.WriteString("format"u8, format);
            writer.WriteEndObject();
            CacheControlWriter.Write(writer, cacheControl);
            writer.WriteEndObject();
            return;
        }

        if (mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "video_url"u8);
            writer.WriteStartObject("video_url"u8);
            writer.WriteString("url"u8, url);
            writer.WriteEndObject();
            CacheControlWriter.Write(writer, cacheControl);
            writer.WriteEndObject();
            return;
        }

        if (IsDocument(mediaType))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "file"u8);
            writer.WriteStartObject("file"u8);
            writer.WriteString("filename"u8, data?.Name ?? DefaultFileName(mediaType, url));
            writer.WriteString("file_data"u8, url);
            writer.WriteEndObject();
            CacheControlWriter.Write(writer, cacheControl);
            writer.WriteEndObject();
            return;
        }

        throw Unsupported(mediaType, "supported are image/*, audio (" + AudioFormats + "), video/*, application/pdf and text documents");
    }

    /// <summary>
    /// Maps an audio media type to OpenRouter's <c>input_audio.format</c>; <see langword="null"/> when not supported. The
    /// formats are OpenRouter's (overview_multimodal_audio.mdx, "Supported Audio Input Formats"); the media types of each are
    /// those of OpenRouter's own provider (its MIME_TO_FORMAT table, peer test "should convert %s to input_audio with %s
    /// format") and a few common aliases.
    /// </summary>
    public static string? AudioFormat(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
        "audio/mpeg" or "audio/mp3" or "audio/mpeg3" => "mp3",
        "audio/aiff" or "audio/x-aiff" => "aiff",
        "audio/aac" or "audio/x-aac" => "aac",
        "audio/ogg" or "audio/vorbis" or "audio/opus" => "ogg",
        "audio/flac" or "audio/x-flac" => "flac",
        "audio/m4a" or "audio/x-m4a" or "audio/mp4" or "audio/aac-m4a" => "m4a",
        "audio/pcm16" or "audio/l16" or "audio/pcm" => "pcm16",
        "audio/pcm24" or "audio/l24" => "pcm24",
        _ => null,
    };

    /// <summary>The formats of <see cref="AudioFormat"/>, for messages.</summary>
    private const string AudioFormats = "wav, mp3, aiff, aac, ogg, flac, m4a, pcm16 and pcm24";

    private static bool IsDocument(string mediaType) =>
        mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase) ||
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) ||
        mediaType.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/msword", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/rtf", StringComparison.OrdinalIgnoreCase);

    private static string DefaultFileName(string mediaType, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https")
        {
            string last = Path.GetFileName(uri.AbsolutePath);
            if (last.Length > 0)
            {
                return last;
            }
        }

        return mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase) ? "document.pdf" : "document";
    }

    private static ArgumentException Unsupported(string mediaType, string hint) =>
        new($"OpenRouter does not accept content of media type '{mediaType}' ({hint}).");
}
