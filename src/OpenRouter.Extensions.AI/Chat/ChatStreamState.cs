using System.Text;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Turns the chunks of one OpenRouter stream into <see cref="ChatResponseUpdate"/>s: one update per chunk that carries
/// content; tool calls reassembled from their fragments and emitted once, complete, with the finish reason;
/// <c>reasoning_details</c> merged by index and attached as <see cref="TextReasoningContent.ProtectedData"/>; usage and cost
/// from the usage-only chunk. In-band errors and early ends throw <see cref="OpenRouterException"/>.
/// </summary>
internal sealed class ChatStreamState
{
    private readonly ChatCompletionFrame _frame = new();
    private readonly ReasoningDetailsAccumulator _details = new();
    private readonly List<PendingToolCall> _toolCalls = [];
    private StringBuilder? _refusal;
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _created;
    private bool _finished;
    private bool _done;
    private OpenRouterException? _error;

    /// <summary>Gets the generation id seen so far.</summary>
    public string? ResponseId => _responseId;

    /// <summary>Returns the in-band error met by <see cref="CreateUpdate"/> (once), after the update of its chunk was delivered.</summary>
    public OpenRouterException? TakeError()
    {
        OpenRouterException? error = _error;
        _error = null;
        return error;
    }

    /// <summary>Parses one SSE event's data. Returns <see langword="false"/> for <c>[DONE]</c>.</summary>
    /// <exception cref="System.Text.Json.JsonException">The data is not a valid chunk.</exception>
    public bool Parse(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return false;
        }

        ChatCompletionReader.Read(data, _frame, streaming: true);
        return true;
    }

    /// <summary>Creates the update for the chunk last parsed, or <see langword="null"/> when it carries nothing to show.</summary>
    public ChatResponseUpdate? CreateUpdate()
    {
        ChatCompletionFrame frame = _frame;
        _responseId = frame.Id ?? _responseId;
        _modelId = frame.Model ?? _modelId;
        _created = frame.Created ?? _created;

        if (frame.Error is not null || frame.FinishReason == "error")
        {
            // Hand over what this chunk still carries, then fail (see TakeError).
            _error = ChatResponseMapper.InBandError(frame, _responseId, _modelId);
            _finished = true;
            List<AIContent>? partial = null;
            if (!string.IsNullOrEmpty(frame.Reasoning))
            {
                (partial ??= []).Add(new TextReasoningContent(frame.Reasoning));
            }

            if (!string.IsNullOrEmpty(frame.Content))
            {
                (partial ??= []).Add(new TextContent(frame.Content));
            }

            return partial is null ? null : NewUpdate(partial, null);
        }

        if (_finished)
        {
            // After the finish chunk only usage is expected.
            return frame.Usage is { } lateUsage ? NewUpdate(UsageContents(lateUsage, out AdditionalPropertiesDictionary? p), p) : null;
        }

        List<AIContent>? contents = null;
        AdditionalPropertiesDictionary? properties = null;

        if (!string.IsNullOrEmpty(frame.Reasoning))
        {
            (contents ??= NewContents()).Add(new TextReasoningContent(frame.Reasoning));
        }

        foreach (ReasoningDetailPiece piece in frame.ReasoningPieces)
        {
            _details.Add(piece);
        }

        if (!string.IsNullOrEmpty(frame.Content))
        {
            // The reasoning phase is over: attach its details now, so the reasoning coalesces into one content.
            FlushReasoningDetails(ref contents);
            (contents ??= NewContents()).Add(new TextContent(frame.Content));
        }

        if (!string.IsNullOrEmpty(frame.Refusal))
        {
            (_refusal ??= new StringBuilder()).Append(frame.Refusal);
        }

        foreach (ToolCallFragment fragment in frame.ToolCalls)
        {
            AddToolCallFragment(fragment);
        }

        if (frame.FinishReason is not null)
        {
            _finished = true;
            FlushPending(ref contents);
            ChatResponseMapper.AddChoiceProperties(ref properties, frame.Provider, frame.NativeFinishReason, frame.SystemFingerprint);
        }

        if (frame.Usage is { } usage)
        {
            (contents ??= NewContents()).AddRange(UsageContents(usage, out AdditionalPropertiesDictionary? usageProperties));
            if (usageProperties is not null)
            {
                foreach (KeyValuePair<string, object?> pair in usageProperties)
                {
                    (properties ??= [])[pair.Key] = pair.Value;
                }
            }
        }

        if (frame.Logprobs is { } logprobs)
        {
            (properties ??= [])[OpenRouterResponseProperties.Logprobs] = logprobs;
        }

        if (contents is null && frame.FinishReason is null && properties is null)
        {
            return null;
        }

        ChatResponseUpdate update = NewUpdate(contents ?? [], properties);
        update.FinishReason = ChatResponseMapper.MapFinishReason(frame.FinishReason);
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
            throw OpenRouterErrors.StreamEndedEarly(_responseId, _modelId);
        }

        // [DONE] without a finish reason: still hand over what arrived.
        List<AIContent>? contents = null;
        FlushPending(ref contents);
        _finished = true;
        return contents is null ? null : NewUpdate(contents, null);
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

    private void AddToolCallFragment(ToolCallFragment fragment)
    {
        // Fragments of one call share an index. Some providers send every complete call in its own chunk with the same
        // index (or none): a fragment that names a different call id starts a new call.
        PendingToolCall? call = null;
        for (int i = _toolCalls.Count - 1; i >= 0; i--)
        {
            if (_toolCalls[i].Index == fragment.Index)
            {
                call = _toolCalls[i];
                break;
            }
        }

        if (call is null || (fragment.Id is not null && call.Id is not null && fragment.Id != call.Id))
        {
            call = new PendingToolCall { Index = fragment.Index };
            _toolCalls.Add(call);
        }

        call.Id ??= fragment.Id;
        call.Name ??= fragment.Name;
        call.Arguments.Append(fragment.Arguments);
    }

    /// <summary>A content list sized for the usual single item (a default list grows straight to four slots).</summary>
    private static List<AIContent> NewContents() => new(1);

    private static List<AIContent> UsageContents(ChatUsage usage, out AdditionalPropertiesDictionary? properties)
    {
        properties = null;
        ChatResponseMapper.AddUsageProperties(ref properties, usage);
        return [new UsageContent(ChatResponseMapper.MapUsage(usage))];
    }

    private ChatResponseUpdate NewUpdate(IList<AIContent> contents, AdditionalPropertiesDictionary? properties) =>
        new(ChatRole.Assistant, contents)
        {
            ResponseId = _responseId,
            ModelId = _modelId,
            CreatedAt = _created,
            AdditionalProperties = properties,
        };

    private sealed class PendingToolCall
    {
        public int Index { get; init; }

        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
