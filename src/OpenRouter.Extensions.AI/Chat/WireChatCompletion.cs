using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>chat.completion</c> body and <c>chat.completion.chunk</c> event, as on the wire. This and the other
/// <c>Wire*</c> types are the one place where the response fields of <c>/chat/completions</c> are named (here in
/// <see cref="Read"/>, one line per member); <see cref="ChatResponseMapper"/> is the one place where they are mapped to MEAI.
/// Members no type names are kept in <see cref="ExtensionData"/> and reach the caller under their wire names.
/// </summary>
/// <remarks>The chunk types read themselves rather than through the serializer: see <see cref="WireJson"/> for the measurement.</remarks>
internal sealed class WireChatCompletion
{
    private static readonly WireStringCache IdCache = new();
    private static readonly WireStringCache ObjectCache = new();
    private static readonly WireStringCache ModelCache = new();
    private static readonly WireStringCache ProviderCache = new();
    private static readonly WireStringCache FingerprintCache = new();
    private static readonly WireStringCache ServiceTierCache = new();

    public string? Id { get; set; }

    public string? Object { get; set; }

    public DateTimeOffset? Created { get; set; }

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public string? SystemFingerprint { get; set; }

    public string? ServiceTier { get; set; }

    /// <summary>Gets or sets OpenRouter's own metadata about the generation (kept as received).</summary>
    public JsonElement? OpenRouterMetadata { get; set; }

    /// <summary>Gets or sets the choices; OpenRouter sends one (an empty array on a usage-only chunk).</summary>
    public WireChoice[]? Choices { get; set; }

    public WireUsage? Usage { get; set; }

    /// <summary>Gets or sets an in-band error (a stream chunk, or a 200 body that reports a failure).</summary>
    public JsonElement? Error { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Gets the first choice, or <see langword="null"/>.</summary>
    public WireChoice? FirstChoice => Choices is { Length: > 0 } choices ? choices[0] : null;

    /// <summary>Reads a response or chunk; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireChatCompletion Read(ref Utf8JsonReader reader)
    {
        var completion = new WireChatCompletion();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "id"u8))
            {
                completion.Id = IdCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "object"u8))
            {
                completion.Object = ObjectCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "created"u8))
            {
                completion.Created = WireJson.UnixSeconds(ref reader);
            }
            else if (WireJson.Member(ref reader, "model"u8))
            {
                completion.Model = ModelCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "provider"u8))
            {
                completion.Provider = ProviderCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "system_fingerprint"u8))
            {
                completion.SystemFingerprint = FingerprintCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "service_tier"u8))
            {
                completion.ServiceTier = ServiceTierCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "openrouter_metadata"u8))
            {
                completion.OpenRouterMetadata = WireJson.Element(ref reader);
            }
            else if (WireJson.Member(ref reader, "choices"u8))
            {
                completion.Choices = WireJson.Objects(ref reader, WireChoice.Read);
            }
            else if (WireJson.Member(ref reader, "usage"u8))
            {
                completion.Usage = WireJson.Object(ref reader, WireUsage.Read);
            }
            else if (WireJson.Member(ref reader, "error"u8))
            {
                completion.Error = WireJson.Element(ref reader);
            }
            else
            {
                completion.ExtensionData = WireJson.Unknown(ref reader, completion.ExtensionData);
            }
        }

        return completion;
    }
}

/// <summary>One entry of <c>choices</c>.</summary>
internal sealed class WireChoice
{
    private static readonly WireStringCache FinishReasonCache = new();
    private static readonly WireStringCache NativeFinishReasonCache = new();

    public long? Index { get; set; }

    /// <summary>Gets or sets the message of a whole response.</summary>
    public WireMessage? Message { get; set; }

    /// <summary>Gets or sets the delta of a stream chunk.</summary>
    public WireMessage? Delta { get; set; }

    public string? FinishReason { get; set; }

    public string? NativeFinishReason { get; set; }

    public JsonElement? Logprobs { get; set; }

    public JsonElement? Error { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a choice; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireChoice Read(ref Utf8JsonReader reader)
    {
        var choice = new WireChoice();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "index"u8))
            {
                choice.Index = WireJson.Count(ref reader);
            }
            else if (WireJson.Member(ref reader, "delta"u8))
            {
                choice.Delta = WireJson.Object(ref reader, WireMessage.Read);
            }
            else if (WireJson.Member(ref reader, "message"u8))
            {
                choice.Message = WireJson.Object(ref reader, WireMessage.Read);
            }
            else if (WireJson.Member(ref reader, "finish_reason"u8))
            {
                choice.FinishReason = FinishReasonCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "native_finish_reason"u8))
            {
                choice.NativeFinishReason = NativeFinishReasonCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "logprobs"u8))
            {
                choice.Logprobs = WireJson.Element(ref reader);
            }
            else if (WireJson.Member(ref reader, "error"u8))
            {
                choice.Error = WireJson.Element(ref reader);
            }
            else
            {
                choice.ExtensionData = WireJson.Unknown(ref reader, choice.ExtensionData);
            }
        }

        return choice;
    }
}

/// <summary>A <c>message</c> (whole response) or a <c>delta</c> (stream chunk).</summary>
internal sealed class WireMessage
{
    private static readonly WireStringCache RoleCache = new();

    public string? Role { get; set; }

    /// <summary>Gets or sets the text: a string, or the concatenated <c>text</c> parts of an array of content parts.</summary>
    public string? Content { get; set; }

    public string? Reasoning { get; set; }

    public string? Refusal { get; set; }

    public WireToolCall[]? ToolCalls { get; set; }

    public WireReasoningDetail[]? ReasoningDetails { get; set; }

    public WireAnnotation[]? Annotations { get; set; }

    public WireImage[]? Images { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a message or delta; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireMessage Read(ref Utf8JsonReader reader)
    {
        var message = new WireMessage();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "role"u8))
            {
                message.Role = RoleCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "content"u8))
            {
                message.Content = WireJson.ContentText(ref reader);
            }
            else if (WireJson.Member(ref reader, "reasoning"u8))
            {
                message.Reasoning = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, "refusal"u8))
            {
                message.Refusal = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, "tool_calls"u8))
            {
                message.ToolCalls = WireJson.Objects(ref reader, WireToolCall.Read);
            }
            else if (WireJson.Member(ref reader, "reasoning_details"u8))
            {
                message.ReasoningDetails = WireJson.Objects(ref reader, WireReasoningDetail.Read);
            }
            else if (WireJson.Member(ref reader, "annotations"u8))
            {
                message.Annotations = WireJson.Objects(ref reader, WireAnnotation.Read);
            }
            else if (WireJson.Member(ref reader, "images"u8))
            {
                message.Images = WireJson.Objects(ref reader, WireImage.Read);
            }
            else
            {
                message.ExtensionData = WireJson.Unknown(ref reader, message.ExtensionData);
            }
        }

        return message;
    }
}
