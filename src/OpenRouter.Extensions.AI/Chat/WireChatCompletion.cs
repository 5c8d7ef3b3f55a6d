using System.Text;
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

    /// <summary>Gets the members a stream repeats on every chunk (id, object, created, model, provider, fingerprint, tier).</summary>
    public WireEnvelope Envelope { get; private set; } = WireEnvelope.Empty;

    public string? Id => Envelope.Id;

    public string? Model => Envelope.Model;

    public string? Provider => Envelope.Provider;

    /// <summary>Gets <c>created</c>, in Unix seconds (a value outside <see cref="DateTimeOffset"/>'s range reads as unknown).</summary>
    public long? Created => Envelope.Created;

    public string? SystemFingerprint => Envelope.SystemFingerprint;

    public string? ServiceTier => Envelope.ServiceTier;

    /// <summary>
    /// Gets or sets the first entry of <c>choices</c>: OpenRouter sends one (the API has no <c>n</c>), and none on a
    /// usage-only chunk.
    /// </summary>
    /// <remarks>
    /// One choice held directly rather than in an array of one: every stream update keeps its chunk as
    /// <c>RawRepresentation</c>, and the array was 32 B of the ~600 B per update that the allocation bar of
    /// ContentStreamBenchmarks allows (bench/README.md).
    /// </remarks>
    public WireChoice? FirstChoice { get; set; }

    /// <summary>Gets or sets the entries of <c>choices</c> after the first, if a response ever has more.</summary>
    public WireChoice[]? MoreChoices { get; set; }

    public WireUsage? Usage { get; set; }

    /// <summary>Gets or sets an in-band error (a stream chunk, or a 200 body that reports a failure); <c>Undefined</c> when there is none.</summary>
    public JsonElement Error { get; set; }

    /// <summary>
    /// Gets or sets the members no wire type names, as received: among them <c>openrouter_metadata</c>, which reaches the
    /// caller as they all do, under its wire name (<see cref="OpenRouterResponseProperties.OpenRouterMetadata"/>).
    /// </summary>
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a response or chunk; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="previous">The envelope of the stream's previous chunk, shared when this chunk repeats it.</param>
    public static WireChatCompletion Read(ref Utf8JsonReader reader, WireEnvelope? previous)
    {
        var completion = new WireChatCompletion();
        string? id = null, type = null, model = null, provider = null, fingerprint = null, tier = null;
        long? created = null;
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "id"u8))
            {
                id = IdCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "object"u8))
            {
                type = ObjectCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "created"u8))
            {
                created = WireJson.UnixSeconds(ref reader);
            }
            else if (WireJson.Member(ref reader, "model"u8))
            {
                model = ModelCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "provider"u8))
            {
                provider = ProviderCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "system_fingerprint"u8))
            {
                fingerprint = FingerprintCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "service_tier"u8))
            {
                tier = ServiceTierCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "choices"u8))
            {
                _ = WireJson.FirstAndMore(ref reader, WireChoice.Read, out WireChoice? first, out WireChoice[]? more);
                completion.FirstChoice = first;
                completion.MoreChoices = more;
            }
            else if (WireJson.Member(ref reader, "usage"u8))
            {
                completion.Usage = WireJson.Object(ref reader, WireUsage.Read);
            }
            else if (WireJson.Member(ref reader, "error"u8))
            {
                completion.Error = WireJson.Element(ref reader) ?? default;
            }
            else
            {
                completion.ExtensionData = WireJson.Unknown(ref reader, completion.ExtensionData);
            }
        }

        completion.Envelope = previous is not null && previous.Matches(id, type, created, model, provider, fingerprint, tier)
            ? previous
            : new WireEnvelope(id, type, created, model, provider, fingerprint, tier);
        return completion;
    }
}

/// <summary>
/// The members of a response that a stream repeats, unchanged, on every chunk: <c>id</c>, <c>object</c>, <c>created</c>,
/// <c>model</c>, <c>provider</c>, <c>system_fingerprint</c>, <c>service_tier</c>. The chunks of a stream share one instance
/// while the values stay the same.
/// </summary>
/// <remarks>
/// Measured in bench/ (ContentStreamBenchmarks): held on every chunk, these members were 56 of the ~590 B that each stream
/// update allocates, against a bar of ~595 B (every update keeps its chunk as <c>RawRepresentation</c>).
/// </remarks>
internal sealed class WireEnvelope(string? id, string? type, long? created, string? model, string? provider, string? fingerprint, string? tier)
{
    /// <summary>A response that names none of these members.</summary>
    public static readonly WireEnvelope Empty = new(null, null, null, null, null, null, null);

    public string? Id { get; } = id;

    /// <summary>Gets <c>object</c>: <c>chat.completion</c> or <c>chat.completion.chunk</c>.</summary>
    public string? Object { get; } = type;

    public long? Created { get; } = created;

    public string? Model { get; } = model;

    public string? Provider { get; } = provider;

    public string? SystemFingerprint { get; } = fingerprint;

    public string? ServiceTier { get; } = tier;

    /// <summary>Whether these are the values of this envelope.</summary>
    public bool Matches(string? id, string? type, long? created, string? model, string? provider, string? fingerprint, string? tier) =>
        created == Created && string.Equals(id, Id, StringComparison.Ordinal) && string.Equals(type, Object, StringComparison.Ordinal) &&
        string.Equals(model, Model, StringComparison.Ordinal) && string.Equals(provider, Provider, StringComparison.Ordinal) &&
        string.Equals(fingerprint, SystemFingerprint, StringComparison.Ordinal) && string.Equals(tier, ServiceTier, StringComparison.Ordinal);
}

/// <summary>One entry of <c>choices</c>.</summary>
internal sealed class WireChoice
{
    private static readonly WireStringCache FinishReasonCache = new();
    private static readonly WireStringCache NativeFinishReasonCache = new();

    /// <summary>Gets or sets <c>index</c> (an <see cref="int"/>: 8 B less per stream update than a <see cref="long"/>, and as wide as a position in an array).</summary>
    public int? Index { get; set; }

    /// <summary>Gets or sets the message of a whole response.</summary>
    public WireMessage? Message { get; set; }

    /// <summary>Gets or sets the delta of a stream chunk.</summary>
    public WireMessage? Delta { get; set; }

    public string? FinishReason { get; set; }

    public string? NativeFinishReason { get; set; }

    /// <summary>Gets or sets the error of this choice; <c>Undefined</c> when there is none.</summary>
    public JsonElement Error { get; set; }

    /// <summary>
    /// Gets or sets the members no wire type names, as received: among them <c>logprobs</c>, which reaches the caller as they
    /// all do, under its wire name (<see cref="OpenRouterResponseProperties.Logprobs"/>).
    /// </summary>
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a choice; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireChoice Read(ref Utf8JsonReader reader)
    {
        var choice = new WireChoice();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "index"u8))
            {
                choice.Index = WireJson.Count(ref reader) is long index and >= int.MinValue and <= int.MaxValue ? (int)index : null;
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
            else if (WireJson.Member(ref reader, "error"u8))
            {
                choice.Error = WireJson.Element(ref reader) ?? default;
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
                message.Content = ReadContentText(ref reader);
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

    /// <summary><c>content</c>: a string, or an array of content parts whose <c>text</c> parts are concatenated.</summary>
    private static string? ReadContentText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        StringBuilder? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? partText = null;
            bool isText = false;
            while (WireJson.NextMember(ref reader))
            {
                if (WireJson.Member(ref reader, "type"u8))
                {
                    isText = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8);
                }
                else if (WireJson.Member(ref reader, "text"u8))
                {
                    partText = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Read();
                }

                reader.Skip();
            }

            if (isText && partText is not null)
            {
                (text ??= new StringBuilder()).Append(partText);
            }
        }

        return text?.ToString();
    }
}
