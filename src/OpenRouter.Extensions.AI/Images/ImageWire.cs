using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The answer of <c>POST /images</c> (<c>ImageGenerationResponse</c>). Members this type does not name are kept in <see cref="AdditionalProperties"/>.</summary>
internal sealed class ImageResponseWire
{
    [JsonPropertyName("created")]
    public long? Created { get; set; }

    [JsonPropertyName("data")]
    public List<ImageItemWire>? Data { get; set; }

    [JsonPropertyName("usage")]
    public WireUsage? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One generated image: its bytes in base64 (<c>b64_json</c>) or, from providers that host it, an address (<c>url</c>).</summary>
internal sealed class ImageItemWire
{
    /// <summary>Gets or sets the image's bytes, decoded from the base64 straight out of the UTF-8 body (<see cref="ImageBytesConverter"/>).</summary>
    [JsonPropertyName("b64_json")]
    [JsonConverter(typeof(ImageBytesConverter))]
    public byte[]? B64Json { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("media_type")]
    public string? MediaType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
