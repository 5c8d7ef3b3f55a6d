using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>One entry of <c>message.images</c> / <c>delta.images</c>: a generated image.</summary>
internal sealed class WireImage
{
    /// <summary>Reads one with the serializer; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireImage Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, OpenRouterJsonContext.Default.WireImage)!;

    [JsonPropertyName("type")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Type { get; set; }

    [JsonPropertyName("index")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? Index { get; set; }

    [JsonPropertyName("image_url")]
    public WireImageUrl? ImageUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>image_url</c> of an image: a <c>data:</c> URI or an address.</summary>
internal sealed class WireImageUrl
{
    [JsonPropertyName("url")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Url { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
