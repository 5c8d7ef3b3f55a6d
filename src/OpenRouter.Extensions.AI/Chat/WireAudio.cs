using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary><c>message.audio</c> / <c>delta.audio</c>: spoken output (base64 audio and its transcript; in a stream, pieces of both).</summary>
internal sealed class WireAudio
{
    /// <summary>Reads one with the serializer; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireAudio Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, OpenRouterJsonContext.Default.WireAudio)!;

    [JsonPropertyName("id")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Id { get; set; }

    /// <summary>Gets or sets <c>data</c>, base64 audio (a piece of it in a stream).</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Data { get; set; }

    /// <summary>Gets or sets <c>transcript</c>, the spoken text (a piece of it in a stream).</summary>
    [JsonPropertyName("transcript")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Transcript { get; set; }

    /// <summary>Gets or sets <c>format</c>, when the server names it (<c>wav</c>, <c>mp3</c>, …).</summary>
    [JsonPropertyName("format")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Format { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
