using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Turns the chunks of one OpenRouter stream into <see cref="ChatResponseUpdate"/>s: one update per chunk that carries
/// something to show (each with the parsed chunk as <see cref="ChatResponseUpdate.RawRepresentation"/> and the generation id
/// as <see cref="ChatResponseUpdate.MessageId"/>); tool calls reassembled from their fragments and emitted once, complete, with
/// the finish reason; <c>reasoning_details</c> merged (see <see cref="ReasoningDetailsAccumulator"/>) and attached as
/// <see cref="TextReasoningContent.ProtectedData"/>; usage and cost from the usage chunk. In-band errors and early ends throw
/// <see cref="OpenRouterException"/>, after the content and usage of the error chunk were handed over.
/// </summary>
internal sealed class ChatStreamState : IEventDecoder<ChatResponseUpdate>
{
    private readonly ReasoningDetailsAccumulator _details = new();
    private readonly List<PendingToolCall> _toolCalls = [];
    private WireChatCompletion? _chunk;
    private StringBuilder? _refusal;
    private string? _responseId;
    private string? _modelId;
    private long? _created;
    private bool _finished;
    private bool _done;
    private OpenRouterException? _error;

    /// <summary>Gets the generation id seen so far.</summary>
    public string? GenerationId => _responseId;

    /// <summary>Returns the in-band error met by <see cref="Next"/> (once), after the update of its chunk was delivered.</summary>
    public OpenRouterException? TakeError()
    {
        OpenRouterException? error = _error;
        _error = null;
        return error;
    }

    /// <summary>Parses one SSE event's data. Returns <see langword="false"/> for <c>[DONE]</c>.</summary>
    /// <exception cref="JsonException">The data is not a valid chunk.</exception>
    public bool Parse(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return false;
        }

        _chunk = WireReader.Read(data, _chunk);
        return true;
    }

    /// <summary>A JSON answer to a streaming request: the updates of the whole response.</summary>
    /// <param name="body">The body.</param>
    /// <param name="response">The HTTP response.</param>
    /// <returns>The updates.</returns>
    public IReadOnlyList<ChatResponseUpdate> DecodeWhole(ReadOnlySpan<byte> body, HttpResponseMessage response) =>
        ChatResponseReader.Decode(body, response).ToChatResponseUpdates();

    /// <summary>Creates the update for the chunk last parsed, or <see langword="null"/> when it carries nothing to show.</summary>
    public ChatResponseUpdate? Next()
    {
        WireChatCompletion chunk = _chunk ?? throw new InvalidOperationException("No chunk was parsed.");
        _responseId = chunk.Id ?? _responseId;
        _modelId = chunk.Model ?? _modelId;
        _created = chunk.Created ?? _created;
        WireChoice? choice = chunk.FirstChoice;
        WireMessage? delta = choice?.Delta;

        List<AIContent>? contents = null;
        AdditionalPropertiesDictionary? properties = null;
        ChatResponseMapper.AddExtraProperties(ref properties, chunk, choice, delta);

        if (ChatResponseMapper.HasError(chunk))
        {
            // Hand over what this chunk still carries (text, usage), then fail (see TakeError).
            _error = ChatResponseMapper.InBandError(chunk, _responseId, _modelId);
            _finished = true;
            ChatResponseMapper.AddFinishProperties(ref properties, chunk, choice);
            if (delta is not null)
            {
                AddDeltaContent(ref contents, delta);
            }

            AddUsage(ref contents, ref properties, chunk.Usage);
            return contents is null && properties is null ? null : NewUpdate(chunk, contents, properties);
        }

        if (_finished)
        {
            // After the finish chunk only usage (and response-level extras) are expected.
            AddUsage(ref contents, ref properties, chunk.Usage);
            if (contents is not null)
            {
                ChatResponseMapper.AddFinishProperties(ref properties, chunk, choice);
            }

            return contents is null && properties is null ? null : NewUpdate(chunk, contents, properties);
        }

        if (delta is not null)
        {
            AddDeltaContent(ref contents, delta);
            if (!string.IsNullOrEmpty(delta.Refusal))
            {
                (_refusal ??= new StringBuilder()).Append(delta.Refusal);
            }

            if (delta.ToolCalls is { } calls)
            {
                for (int i = 0; i < calls.Length; i++)
                {
                    AddToolCallFragment(calls[i], i);
                }
            }
        }

        string? finishReason = ChatResponseMapper.FinishReasonOf(choice);
        if (finishReason is not null)
        {
            _finished = true;
            FlushPending(ref contents);
            ChatResponseMapper.AddFinishProperties(ref properties, chunk, choice);
        }

        AddUsage(ref contents, ref properties, chunk.Usage);

        if (contents is null && finishReason is null && properties is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(chunk, contents, properties);
        update.FinishReason = ChatResponseMapper.MapFinishReason(finishReason);
        return update;
    }

    /// <summary>Called when the stream has no more events: emits what is still pending, or throws if the stream ended early.</summary>
    public ChatResponseUpdate? Complete()
    {
        if (_finished)
        {
            return null;
        }

        if (!_done)
        {
            throw Failures.StreamEndedEarly(_responseId, _modelId);
        }

        // [DONE] without a finish reason: still hand over what arrived.
        List<AIContent>? contents = null;
        FlushPending(ref contents);
        _finished = true;
        return contents is null ? null : NewUpdate(null, contents, null);
    }

    /// <summary>Reasoning, text with its annotations, and images of a delta.</summary>
    private void AddDeltaContent(ref List<AIContent>? contents, WireMessage delta)
    {
        if (ChatResponseMapper.ReasoningText(delta) is { Length: > 0 } reasoning)
        {
            (contents ??= NewContents()).Add(new TextReasoningContent(reasoning));
        }

        if (delta.ReasoningDetails is { } details)
        {
            foreach (WireReasoningDetail piece in details)
            {
                _details.Add(piece);
            }
        }

        if (!string.IsNullOrEmpty(delta.Content) || delta.Annotations is { Length: > 0 })
        {
            // The reasoning phase is over: attach its details now, so the reasoning coalesces into one content.
            FlushReasoningDetails(ref contents);
            (contents ??= NewContents()).Add(ChatResponseMapper.CreateText(delta.Content ?? string.Empty, delta.Annotations));
        }

        if (delta.Images is { Length: > 0 } images)
        {
            ChatResponseMapper.AddImages(contents ??= NewContents(), images);
        }
    }

    private static void AddUsage(ref List<AIContent>? contents, ref AdditionalPropertiesDictionary? properties, WireUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        (contents ??= NewContents()).Add(new UsageContent(UsageMapper.ToUsageDetails(usage)));
        UsageMapper.AddProperties(ref properties, usage);
    }

    private void FlushPending(ref List<AIContent>? contents)
    {
        FlushReasoningDetails(ref contents);
        if (_refusal is { Length: > 0 })
        {
            (contents ??= NewContents()).Add(ChatResponseMapper.CreateRefusal(_refusal.ToString()));
            _refusal.Clear();
        }

        foreach (PendingToolCall call in _toolCalls)
        {
            (contents ??= NewContents()).Add(ChatResponseMapper.CreateFunctionCall(call.Id, call.Name, call.Arguments.ToString()));
        }

        _toolCalls.Clear();
    }

    private void FlushReasoningDetails(ref List<AIContent>? contents)
    {
        if (_details.HasPending)
        {
            (contents ??= NewContents()).Add(new TextReasoningContent(string.Empty) { ProtectedData = _details.TakeJson() });
        }
    }

    private void AddToolCallFragment(WireToolCall fragment, int position)
    {
        // Fragments of one call share an index (a fragment without one takes its position in the array). Some providers
        // send every complete call in its own chunk with the same index (or none): a fragment that names a different
        // call id starts a new call.
        long index = fragment.Index ?? position;
        PendingToolCall? call = null;
        for (int i = _toolCalls.Count - 1; i >= 0; i--)
        {
            if (_toolCalls[i].Index == index)
            {
                call = _toolCalls[i];
                break;
            }
        }

        if (call is null || (fragment.Id is not null && call.Id is not null && fragment.Id != call.Id))
        {
            call = new PendingToolCall { Index = index };
            _toolCalls.Add(call);
        }

        call.Id ??= fragment.Id;
        call.Name ??= fragment.Function?.Name;
        call.Arguments.Append(fragment.Function?.Arguments);
    }

    /// <summary>A content list sized for the usual single item (a default list grows straight to four slots).</summary>
    private static List<AIContent> NewContents() => new(1);

    private ChatResponseUpdate NewUpdate(WireChatCompletion? chunk, List<AIContent>? contents, AdditionalPropertiesDictionary? properties) =>
        new(ChatRole.Assistant, (IList<AIContent>?)contents ?? [])
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelId,
            CreatedAt = ChatResponseMapper.CreatedAt(_created),
            AdditionalProperties = properties,
            RawRepresentation = chunk,
        };

    private sealed class PendingToolCall
    {
        public long Index { get; init; }

        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
