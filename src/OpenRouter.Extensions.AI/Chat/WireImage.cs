using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>One entry of <c>message.images</c> / <c>delta.images</c>: a generated image.</summary>
internal sealed class WireImage
{
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
