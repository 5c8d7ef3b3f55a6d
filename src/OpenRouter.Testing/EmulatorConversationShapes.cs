using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// Shapes of OpenRouter answers that providers produce and a client must get right (issue 23, from the cases of OpenRouter's
/// own Vercel AI SDK provider): usage sent on two chunks, an Anthropic signature that arrives after the answer text, parallel
/// tool calls that share one id. Each is a <c>With…</c> method of a scripted completion.
/// </summary>
public sealed partial record EmulatorCompletion
{
    /// <summary>
    /// Gets a usage the stream's finish chunk carries as well, before the usage-only chunk with <see cref="Usage"/>;
    /// <see langword="null"/> for none. A JSON answer has one usage, <see cref="Usage"/>.
    /// </summary>
    public EmulatorUsage? FinishChunkUsage { get; init; }

    /// <summary>
    /// Gets a value indicating whether each signed <c>reasoning.text</c> detail streams its signature in a piece of its own,
    /// with empty text, after the answer's content deltas instead of with its last text piece.
    /// </summary>
    public bool SignatureAfterContent { get; init; }

    /// <summary>
    /// Returns a copy whose stream sends usage twice: <paramref name="earlier"/> on the finish chunk, then the completion's
    /// usage on the usage-only chunk, as some providers do. The last usage is the total; a client that adds the two up
    /// reports too much.
    /// </summary>
    /// <param name="earlier">The usage on the finish chunk.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithUsageOnFinishChunk(EmulatorUsage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return this with { FinishChunkUsage = earlier };
    }

    /// <summary>
    /// Returns a copy with Anthropic-style reasoning (<c>anthropic-claude-v1</c>) whose signature arrives in a piece of its own
    /// after the answer text has started, as Anthropic models sometimes send it through OpenRouter. A client must send the
    /// reasoning back as one signed item; the signature on an empty item of its own is rejected ("Invalid signature in
    /// thinking block").
    /// </summary>
    /// <param name="reasoning">The reasoning text.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithLateSignature(string reasoning, string signature)
    {
        ArgumentNullException.ThrowIfNull(reasoning);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        return this with
        {
            Reasoning = reasoning,
            ReasoningDetails = [EmulatorReasoningDetail.FromText(reasoning, signature, format: "anthropic-claude-v1", index: 0)],
            SignatureAfterContent = true,
        };
    }

    /// <summary>
    /// Returns a copy whose tool calls all carry the same id (<c>call_0</c> by default, or an empty one), as some providers
    /// send parallel calls. A client must still tell the calls apart, or their results cannot be matched to them.
    /// </summary>
    /// <param name="id">The id every call carries.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithRepeatedToolCallId(string id = "call_0")
    {
        ArgumentNullException.ThrowIfNull(id);
        return this with { ToolCalls = [.. ToolCalls.Select(call => call with { Id = id })] };
    }
}

/// <summary>The factory of <see cref="EchoContentParts"/>.</summary>
public abstract partial record EmulatorResponse
{
    /// <summary>
    /// Creates an answer that lists, in order, the content parts of the request's last message whose content is an array of
    /// parts (a user message, or a tool result sent as parts) as the emulator received them: <c>text</c> with its text,
    /// <c>image_url</c>, <c>video_url</c> (or the legacy <c>input_video</c>) and <c>file</c> with their address or the media type
    /// and size of their <c>data:</c> URL, <c>input_audio</c> with its format and size. So a test can check offline how images,
    /// audio, video and documents reach the wire.
    /// </summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse EchoContentParts() => new ContentPartsEcho();
}

/// <summary>The answer of <see cref="EmulatorResponse.EchoContentParts"/>, computed from the request when it is written.</summary>
internal sealed record ContentPartsEcho : EmulatorResponse
{
    internal override Task WriteAsync(ResponseContext context)
    {
        JsonArray messages = context.Body?["messages"] as JsonArray ?? [];
        JsonNode? last = messages.LastOrDefault(m => m?["content"] is JsonArray);
        string text = last is null
            ? $"{DemoScript.Prefix} Received no content parts."
            : $"{DemoScript.Prefix} Received in the {DemoScript.Role(last)} message: {string.Join("; ", last["content"]!.AsArray().Select(Describe))}";
        EmulatorCompletion answer = Text(text) with
        {
            Delay = Delay,
            EventDelay = EventDelay,
            Stalls = Stalls,
            AbortAfterEvents = AbortAfterEvents,
            EndAfterEvents = EndAfterEvents,
        };
        return answer.WriteAsync(context);
    }

    private static string Describe(JsonNode? part)
    {
        string type = part?["type"] is JsonValue t && t.TryGetValue(out string? name) ? name : "?";
        return type switch
        {
            "text" => $"text \"{Str(part!["text"])}\"",
            "image_url" => $"image_url {Address(Str(part!["image_url"]?["url"]))}",
            "video_url" or "input_video" => $"{type} {Address(Str(part!["video_url"]?["url"] ?? part["input_video"]?["url"]))}",
            "input_audio" => $"input_audio {Str(part!["input_audio"]?["format"])}, {Base64Length(Str(part["input_audio"]?["data"]))} bytes",
            "file" => $"file {Str(part!["file"]?["filename"])} {Address(Str(part["file"]?["file_data"]))}",
            _ => type,
        };
    }

    /// <summary>An address as is; a <c>data:</c> URL as its media type and size.</summary>
    private static string Address(string url)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        int comma = url.IndexOf(',', StringComparison.Ordinal);
        string header = comma < 0 ? url[5..] : url[5..comma];
        string mediaType = header.Split(';')[0];
        return comma < 0 ? $"(data: {mediaType})" : $"(data: {mediaType}, {Base64Length(url[(comma + 1)..])} bytes)";
    }

    private static int Base64Length(string base64)
    {
        var bytes = new byte[(base64.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64, bytes, out int written) ? written : -1;
    }

    private static string Str(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : string.Empty;
}
