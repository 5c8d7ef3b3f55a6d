using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Turns the chunks of one OpenRouter stream into <see cref="ChatResponseUpdate"/>s: one update per chunk that carries
/// something to show (each with the parsed chunk as <see cref="ChatResponseUpdate.RawRepresentation"/> and the generation id
/// as <see cref="ChatResponseUpdate.MessageId"/>); tool calls reassembled from their fragments and emitted once, complete, with
/// the finish reason and ids made unique; <c>reasoning_details</c> merged (see <see cref="ReasoningDetailsAccumulator"/>) and
/// attached as <see cref="TextReasoningContent.ProtectedData"/> once each item is in the form it must be sent back in; usage
/// and cost once, from the last chunk that carries them, at the end of the stream; a surrogate pair split across two text
/// deltas joined. In-band errors and early ends throw <see cref="OpenRouterException"/>, after the content and usage that
/// arrived were handed over.
/// </summary>
internal sealed class ChatStreamState : IEventDecoder<ChatResponseUpdate>
{
    private readonly ReasoningDetailsAccumulator _details = new();
    private readonly List<PendingToolCall> _toolCalls = [];
    private WireChatCompletion? _chunk;
    private WireChatCompletion? _usageChunk;
    private StringBuilder? _refusal;
    private char _heldTextHalf;
    private char _heldReasoningHalf;
    private string? _responseId;
    private string? _modelId;
    private long? _created;
    private bool _finished;
    private bool _done;
    private OpenRouterException? _error;
    private AudioOutput? _audio;

    /// <summary>Gets the generation id seen so far.</summary>
    public string? GenerationId => _responseId;

    /// <summary>Returns the in-band error met by <see cref="Next"/> or <see cref="Complete"/> (once), after the update of its chunk was delivered.</summary>
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

            HoldUsage(chunk);
            AddHeldUsage(ref contents, ref properties);
            return contents is null && properties is null ? null : NewUpdate(chunk, contents, properties);
        }

        HoldUsage(chunk);
        if (_finished)
        {
            // After the finish chunk only usage (handed over at the end) and response-level extras are expected.
            return properties is null ? null : NewUpdate(chunk, null, properties);
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
        ChatFinishReason? mappedFinish = null;
        if (finishReason is not null)
        {
            _finished = true;
            bool calls = FlushPending(ref contents);
            mappedFinish = ChatResponseMapper.MapFinishReason(finishReason, calls, _details.SawEncrypted);
            ChatResponseMapper.AddFinishProperties(ref properties, chunk, choice);
        }

        if (contents is null && finishReason is null && properties is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(chunk, contents, properties);
        update.FinishReason = mappedFinish;
        return update;
    }

    /// <summary>
    /// Called when the stream has no more events: hands over the usage (and, after <c>[DONE]</c> without a finish reason,
    /// whatever is still pending). A stream that ended early also records the error for <see cref="TakeError"/>: the usage
    /// that arrived is handed over first, the pending content is not (an incomplete tool call must not look complete).
    /// </summary>
    public ChatResponseUpdate? Complete()
    {
        List<AIContent>? contents = null;
        AdditionalPropertiesDictionary? properties = null;
        ChatFinishReason? finish = null;
        if (!_finished)
        {
            if (_done)
            {
                // [DONE] without a finish reason: still hand over what arrived; tool calls mean the model wants them run
                // (peer test "should infer tool-calls finishReason when finish_reason is missing but tool calls are present (#420)").
                finish = FlushPending(ref contents) ? ChatFinishReason.ToolCalls : null;
            }
            else
            {
                _error = Failures.StreamEndedEarly(_responseId, _modelId);
            }

            _finished = true;
        }

        WireChatCompletion? usageChunk = _usageChunk;
        AddHeldUsage(ref contents, ref properties);
        if (contents is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(usageChunk, contents, properties);
        update.FinishReason = finish;
        return update;
    }

    /// <summary>Reasoning, text with its annotations, and images of a delta.</summary>
    private void AddDeltaContent(ref List<AIContent>? contents, WireMessage delta)
    {
        if (ChatResponseMapper.ReasoningText(delta) is { Length: > 0 } reasoning && WireText.JoinSplitPair(reasoning, ref _heldReasoningHalf) is { Length: > 0 } whole)
        {
            (contents ??= NewContents()).Add(new TextReasoningContent(whole));
        }

        if (delta.ReasoningDetails is { } details)
        {
            _details.Add(details);
        }

        string? text = delta.Content is { Length: > 0 } content ? WireText.JoinSplitPair(content, ref _heldTextHalf) : null;
        if (!string.IsNullOrEmpty(text) || delta.Annotations is { Length: > 0 })
        {
            // The reasoning phase is over: attach its details now, so the reasoning coalesces into one content; unless an item
            // still waits for its signature, which then arrives after the text (peer test "should not emit a second reasoning
            // block when signature-only reasoning_details arrive after text has started"): the details go out complete, once,
            // with the finish.
            if (_details.IsSettled)
            {
                FlushReasoningDetails(ref contents);
            }

            (contents ??= NewContents()).Add(ChatResponseMapper.CreateText(text ?? string.Empty, delta.Annotations));
        }

        if (delta.Images is { Length: > 0 } images)
        {
            ChatResponseMapper.AddImages(contents ??= NewContents(), images);
        }

        // Spoken output: the transcript shows as text as it arrives; the audio is joined and handed over once, at the finish.
        if (delta.Audio is { } audio && (_audio ??= new AudioOutput()).Add(audio) is { } transcript && string.IsNullOrEmpty(delta.Content))
        {
            (contents ??= NewContents()).Add(new TextContent(transcript));
        }
    }

    /// <summary>
    /// Keeps the usage of a chunk until the stream ends: a stream may send usage more than once (on the finish chunk and again
    /// on a final chunk), and the last is the total (peer tests "should handle usage arriving in multiple chunks by using
    /// last values (#419)", src/tests/stream-usage-accounting.test.ts). Handed over once, MEAI's summing of
    /// <see cref="UsageContent"/>s (and of the cost in <c>AdditionalCounts</c>) then gives that total.
    /// </summary>
    private void HoldUsage(WireChatCompletion chunk)
    {
        if (chunk.Usage is not null)
        {
            _usageChunk = chunk;
        }
    }

    private void AddHeldUsage(ref List<AIContent>? contents, ref AdditionalPropertiesDictionary? properties)
    {
        if (_usageChunk is not { Usage: { } usage } chunk)
        {
            return;
        }

        _usageChunk = null;
        (contents ??= NewContents()).Add(new UsageContent(UsageMapper.ToUsageDetails(usage)));
        UsageMapper.AddProperties(ref properties, usage);
        ChatResponseMapper.AddFinishProperties(ref properties, chunk, chunk.FirstChoice);
    }

    /// <summary>Hands over everything still pending; returns whether there were tool calls.</summary>
    private bool FlushPending(ref List<AIContent>? contents)
    {
        FlushHeldHalves(ref contents);
        if (_audio?.ToContent() is { } audioContent)
        {
            (contents ??= NewContents()).Add(audioContent);
            _audio = null;
        }

        FlushReasoningDetails(ref contents);
        if (_toolCalls.Count > 0)
        {
            _details.TakeEmptyArray(ref contents);
        }

        if (_refusal is { Length: > 0 })
        {
            (contents ??= NewContents()).Add(ChatResponseMapper.CreateRefusal(WireText.Repair(_refusal.ToString())));
            _refusal.Clear();
        }

        bool calls = _toolCalls.Count > 0;
        HashSet<string>? ids = null;
        for (int i = 0; i < _toolCalls.Count; i++)
        {
            PendingToolCall call = _toolCalls[i];
            string id = ToolCallIds.Assign(call.Id, i, _toolCalls.Count, _responseId, ref ids);
            (contents ??= NewContents()).Add(ChatResponseMapper.CreateFunctionCall(id, call.Name, call.Arguments.ToString()));
        }

        _toolCalls.Clear();
        return calls;
    }

    /// <summary>A high surrogate that ended the last text delta and was never completed is shown as U+FFFD.</summary>
    private void FlushHeldHalves(ref List<AIContent>? contents)
    {
        if (_heldReasoningHalf != '\0')
        {
            _heldReasoningHalf = '\0';
            (contents ??= NewContents()).Add(new TextReasoningContent(WireText.ReplacementText));
        }

        if (_heldTextHalf != '\0')
        {
            _heldTextHalf = '\0';
            (contents ??= NewContents()).Add(new TextContent(WireText.ReplacementText));
        }
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
