using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// One <c>reasoning_details</c> item (<c>reasoning.text</c>, <c>reasoning.summary</c>, <c>reasoning.encrypted</c>), or a
/// streamed piece of one. Written back as received (members it does not name are kept in <see cref="ExtensionData"/>).
/// </summary>
internal sealed class WireReasoningDetail
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(0)]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Type { get; set; }

    [JsonPropertyName("text")]
    [JsonPropertyOrder(1)]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Text { get; set; }

    [JsonPropertyName("summary")]
    [JsonPropertyOrder(2)]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Summary { get; set; }

    [JsonPropertyName("data")]
    [JsonPropertyOrder(3)]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Data { get; set; }

    [JsonPropertyName("signature")]
    [JsonPropertyOrder(4)]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Signature { get; set; }

    [JsonPropertyName("id")]
    [JsonPropertyOrder(5)]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("format")]
    [JsonPropertyOrder(6)]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Format { get; set; }

    [JsonPropertyName("index")]
    [JsonPropertyOrder(7)]
    [JsonConverter(typeof(WireCountConverter))]
    public long? Index { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
