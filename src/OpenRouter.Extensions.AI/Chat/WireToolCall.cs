using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>One entry of <c>tool_calls</c>, or a streamed fragment of one (fragments of one call share <see cref="Index"/>).</summary>
internal sealed class WireToolCall
{
    [JsonPropertyName("index")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? Index { get; set; }

    [JsonPropertyName("id")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("type")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Type { get; set; }

    [JsonPropertyName("function")]
    public WireFunction? Function { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>function</c> of a tool call.</summary>
internal sealed class WireFunction
{
    [JsonPropertyName("name")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments as JSON text (a string on the wire; an object is kept as its JSON text).</summary>
    [JsonPropertyName("arguments")]
    [JsonConverter(typeof(WireArgumentsConverter))]
    public string? Arguments { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
