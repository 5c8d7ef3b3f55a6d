using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// What one <c>/chat/completions</c> response or stream chunk says, read in a single forward pass by
/// <see cref="ChatCompletionReader"/>. One instance is reused for every chunk of a stream.
/// </summary>
internal sealed class ChatCompletionFrame
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public string? SystemFingerprint { get; set; }

    public DateTimeOffset? Created { get; set; }

    /// <summary>Gets or sets the <c>message.content</c> or <c>delta.content</c> text.</summary>
    public string? Content { get; set; }

    public string? Refusal { get; set; }

    public string? Reasoning { get; set; }

    public string? FinishReason { get; set; }

    public string? NativeFinishReason { get; set; }

    /// <summary>Gets or sets the <c>reasoning_details</c> array exactly as received (non-streaming).</summary>
    public string? ReasoningDetailsJson { get; set; }

    /// <summary>Gets the parsed <c>reasoning_details</c> pieces (streaming).</summary>
    public List<ReasoningDetailPiece> ReasoningPieces { get; } = [];

    public List<ToolCallFragment> ToolCalls { get; } = [];

    public JsonElement? Logprobs { get; set; }

    public ChatUsage? Usage { get; set; }

    /// <summary>Gets or sets an <c>error</c> object found at the top level or on the choice.</summary>
    public JsonElement? Error { get; set; }

    /// <summary>Gets the <see cref="Id"/> of the previous chunk, reused when a chunk repeats it (every chunk of a stream does).</summary>
    public string? LastId { get; private set; }

    /// <summary>Gets the <see cref="Model"/> of the previous chunk.</summary>
    public string? LastModel { get; private set; }

    /// <summary>Gets the <see cref="Provider"/> of the previous chunk.</summary>
    public string? LastProvider { get; private set; }

    /// <summary>Gets the <see cref="SystemFingerprint"/> of the previous chunk.</summary>
    public string? LastSystemFingerprint { get; private set; }

    public void Reset()
    {
        LastId = Id ?? LastId;
        LastModel = Model ?? LastModel;
        LastProvider = Provider ?? LastProvider;
        LastSystemFingerprint = SystemFingerprint ?? LastSystemFingerprint;
        Id = Model = Provider = SystemFingerprint = null;
        Created = null;
        Content = Refusal = Reasoning = FinishReason = NativeFinishReason = ReasoningDetailsJson = null;
        ReasoningPieces.Clear();
        ToolCalls.Clear();
        Logprobs = null;
        Usage = null;
        Error = null;
    }
}

/// <summary>A tool call, or a streamed fragment of one keyed by <see cref="Index"/>.</summary>
internal sealed class ToolCallFragment
{
    public int Index { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }
}

/// <summary>OpenRouter's <c>usage</c> object.</summary>
internal sealed class ChatUsage
{
    public long? PromptTokens { get; set; }

    public long? CompletionTokens { get; set; }

    public long? TotalTokens { get; set; }

    public long? CachedTokens { get; set; }

    public long? CacheWriteTokens { get; set; }

    public long? ReasoningTokens { get; set; }

    public decimal? Cost { get; set; }

    public bool? IsByok { get; set; }
}
