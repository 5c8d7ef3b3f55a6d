using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>One entry of <c>message.annotations</c> / <c>delta.annotations</c>: a <c>url_citation</c> or a <c>file</c>.</summary>
internal sealed class WireAnnotation
{
    /// <summary>Reads one with the serializer; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireAnnotation Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, OpenRouterJsonContext.Default.WireAnnotation)!;

    [JsonPropertyName("type")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Type { get; set; }

    [JsonPropertyName("url_citation")]
    public WireUrlCitation? UrlCitation { get; set; }

    /// <summary>Gets or sets the <c>file</c> of a <c>file</c> annotation (a parsed file: name, hash, content parts), kept as received.</summary>
    [JsonPropertyName("file")]
    [JsonConverter(typeof(WireElementConverter))]
    public JsonElement? File { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>url_citation</c> of an annotation.</summary>
internal sealed class WireUrlCitation
{
    [JsonPropertyName("url")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Url { get; set; }

    [JsonPropertyName("title")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Title { get; set; }

    /// <summary>Gets or sets the cited text (web search results carry it).</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Content { get; set; }

    [JsonPropertyName("start_index")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? StartIndex { get; set; }

    [JsonPropertyName("end_index")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? EndIndex { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
