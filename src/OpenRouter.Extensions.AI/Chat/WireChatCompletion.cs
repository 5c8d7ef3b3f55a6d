using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>chat.completion</c> body and <c>chat.completion.chunk</c> event, as on the wire. This and the other
/// <c>Wire*</c> types are the one place where the response fields of <c>/chat/completions</c> are named;
/// <see cref="ChatResponseMapper"/> is the one place where they are mapped to MEAI. Members no type names are kept in
/// <see cref="ExtensionData"/> and reach the caller under their wire names.
/// </summary>
internal sealed class WireChatCompletion
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("object")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Object { get; set; }

    [JsonPropertyName("created")]
    [JsonConverter(typeof(WireUnixSecondsConverter))]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("model")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Model { get; set; }

    [JsonPropertyName("provider")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Provider { get; set; }

    [JsonPropertyName("system_fingerprint")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? SystemFingerprint { get; set; }

    [JsonPropertyName("service_tier")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? ServiceTier { get; set; }

    /// <summary>Gets or sets OpenRouter's own metadata about the generation (kept as received).</summary>
    [JsonPropertyName("openrouter_metadata")]
    [JsonConverter(typeof(WireElementConverter))]
    public JsonElement? OpenRouterMetadata { get; set; }

    /// <summary>Gets or sets the choices; OpenRouter sends one (an empty array on a usage-only chunk).</summary>
    [JsonPropertyName("choices")]
    [JsonConverter(typeof(WireObjectListConverter<WireChoice>))]
    public List<WireChoice>? Choices { get; set; }

    [JsonPropertyName("usage")]
    [JsonConverter(typeof(WireObjectConverter<WireUsage>))]
    public WireUsage? Usage { get; set; }

    /// <summary>Gets or sets an in-band error (a stream chunk, or a 200 body that reports a failure).</summary>
    [JsonPropertyName("error")]
    [JsonConverter(typeof(WireElementConverter))]
    public JsonElement? Error { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Gets the first choice, or <see langword="null"/>.</summary>
    [JsonIgnore]
    public WireChoice? FirstChoice => Choices is { Count: > 0 } choices ? choices[0] : null;
}

/// <summary>One entry of <c>choices</c>.</summary>
internal sealed class WireChoice
{
    [JsonPropertyName("index")]
    [JsonConverter(typeof(WireCountConverter))]
    public long? Index { get; set; }

    /// <summary>Gets or sets the message of a whole response.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(WireObjectConverter<WireMessage>))]
    public WireMessage? Message { get; set; }

    /// <summary>Gets or sets the delta of a stream chunk.</summary>
    [JsonPropertyName("delta")]
    [JsonConverter(typeof(WireObjectConverter<WireMessage>))]
    public WireMessage? Delta { get; set; }

    [JsonPropertyName("finish_reason")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? FinishReason { get; set; }

    [JsonPropertyName("native_finish_reason")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? NativeFinishReason { get; set; }

    [JsonPropertyName("logprobs")]
    [JsonConverter(typeof(WireElementConverter))]
    public JsonElement? Logprobs { get; set; }

    [JsonPropertyName("error")]
    [JsonConverter(typeof(WireElementConverter))]
    public JsonElement? Error { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A <c>message</c> (whole response) or a <c>delta</c> (stream chunk).</summary>
internal sealed class WireMessage
{
    [JsonPropertyName("role")]
    [JsonConverter(typeof(WireRepeatedStringConverter))]
    public string? Role { get; set; }

    /// <summary>Gets or sets the text: a string, or the concatenated <c>text</c> parts of an array of content parts.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(WireContentTextConverter))]
    public string? Content { get; set; }

    [JsonPropertyName("reasoning")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Reasoning { get; set; }

    [JsonPropertyName("refusal")]
    [JsonConverter(typeof(WireStringConverter))]
    public string? Refusal { get; set; }

    [JsonPropertyName("tool_calls")]
    [JsonConverter(typeof(WireObjectListConverter<WireToolCall>))]
    public List<WireToolCall>? ToolCalls { get; set; }

    [JsonPropertyName("reasoning_details")]
    [JsonConverter(typeof(WireObjectListConverter<WireReasoningDetail>))]
    public List<WireReasoningDetail>? ReasoningDetails { get; set; }

    [JsonPropertyName("annotations")]
    [JsonConverter(typeof(WireObjectListConverter<WireAnnotation>))]
    public List<WireAnnotation>? Annotations { get; set; }

    [JsonPropertyName("images")]
    [JsonConverter(typeof(WireObjectListConverter<WireImage>))]
    public List<WireImage>? Images { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
