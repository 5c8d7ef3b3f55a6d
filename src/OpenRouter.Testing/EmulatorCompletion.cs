namespace OpenRouter.Testing;

/// <summary>
/// A scripted chat completion. The emulator writes it in OpenRouter's wire format: a <c>chat.completion</c> JSON body,
/// or, when the request has <c>"stream": true</c>, a server-sent-event stream of <c>chat.completion.chunk</c> events
/// (comment line, role delta, reasoning deltas, content deltas, tool-call fragments, finish chunk, usage-only chunk with
/// <c>"choices":[]</c>, <c>data: [DONE]</c>).
/// </summary>
public sealed partial record EmulatorCompletion : EmulatorResponse
{
    /// <summary>Gets the assistant content; <see langword="null"/> sends an empty string.</summary>
    public string? Content { get; init; }

    /// <summary>Gets the exact content deltas to stream; when <see langword="null"/> the content is split into words.</summary>
    public IReadOnlyList<string>? ContentChunks { get; init; }

    /// <summary>
    /// Gets <c>message.reasoning</c>. When <see cref="ReasoningDetails"/> is empty, one <c>reasoning.text</c> detail with
    /// this text is sent as well; when <see langword="null"/>, the concatenated text of the details is used.
    /// </summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets the <c>reasoning_details</c> entries.</summary>
    public IReadOnlyList<EmulatorReasoningDetail> ReasoningDetails { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether <c>message.reasoning</c> (and <c>delta.reasoning</c>) are left out, so the reasoning
    /// arrives only in <c>reasoning_details</c>, as OpenAI's reasoning summaries do.
    /// </summary>
    public bool OmitReasoningText { get; init; }

    /// <summary>Gets the <c>url_citation</c> annotations of the answer.</summary>
    public IReadOnlyList<EmulatorCitation> Citations { get; init; } = [];

    /// <summary>Gets the generated images of the answer.</summary>
    public IReadOnlyList<EmulatorImage> Images { get; init; } = [];

    /// <summary>Gets the tool calls of the assistant message.</summary>
    public IReadOnlyList<EmulatorToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the finish reason; <c>tool_calls</c> when there are tool calls, otherwise <c>stop</c>, when <see langword="null"/>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the native (provider) finish reason; the finish reason when <see langword="null"/>.</summary>
    public string? NativeFinishReason { get; init; }

    /// <summary>Gets the usage; estimated from the words of the request and the answer when <see langword="null"/>.</summary>
    public EmulatorUsage? Usage { get; init; }

    /// <summary>Gets the model written in the response; the emulator's model or the request's model when <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the provider written in the response; the emulator's provider when <see langword="null"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the generation id; a fresh <c>gen-…</c> id when <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the in-band error to send in the stream (after the content deltas, ending the stream); <see langword="null"/> for none.
    /// A request that does not stream receives a 200 response whose body is <c>{"error":{…}}</c>.</summary>
    public EmulatorStreamError? StreamError { get; init; }

    /// <summary>Gets a value indicating whether the stream ends with <c>data: [DONE]</c>.</summary>
    public bool IncludeDone { get; init; } = true;

    /// <summary>Gets a value that forces a stream (<see langword="true"/>) or a JSON body (<see langword="false"/>); the request decides when <see langword="null"/>.</summary>
    public bool? Stream { get; init; }

    /// <summary>Returns a copy with reasoning text and optional <c>reasoning_details</c>.</summary>
    /// <param name="reasoning">The reasoning text, or <see langword="null"/> to derive it from the details.</param>
    /// <param name="details">The details; when none are given, one <c>reasoning.text</c> detail is derived from <paramref name="reasoning"/>.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithReasoning(string? reasoning, params EmulatorReasoningDetail[] details) =>
        this with { Reasoning = reasoning, ReasoningDetails = [.. details ?? []] };

    /// <summary>
    /// Returns a copy whose reasoning arrives only as <c>reasoning.summary</c> details (format <c>openai-responses-v1</c>,
    /// one index per summary), without <c>message.reasoning</c>, as OpenAI's reasoning models send it through OpenRouter.
    /// </summary>
    /// <param name="summaries">The summaries, in order.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithReasoningSummary(params string[] summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return this with
        {
            Reasoning = null,
            OmitReasoningText = true,
            ReasoningDetails = [.. summaries.Select((s, i) => EmulatorReasoningDetail.FromSummary(s, format: "openai-responses-v1", index: i))],
        };
    }

    /// <summary>Returns a copy with <c>url_citation</c> annotations (sent before the content when streaming, as OpenRouter does).</summary>
    /// <param name="citations">The citations.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithCitations(params EmulatorCitation[] citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        return this with { Citations = [.. citations] };
    }

    /// <summary>Returns a copy with generated images (sent after the content when streaming).</summary>
    /// <param name="images">The images.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithImages(params EmulatorImage[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return this with { Images = [.. images] };
    }

    /// <summary>
    /// Returns a copy whose in-band error chunk (see <see cref="WithStreamError"/>) also carries the <c>usage</c> of the
    /// generation so far, as OpenRouter sends it when a provider stops mid-stream (for example on a token limit).
    /// </summary>
    /// <returns>The modified copy.</returns>
    /// <exception cref="InvalidOperationException">No stream error was set.</exception>
    public EmulatorCompletion WithUsageOnErrorChunk() =>
        this with
        {
            StreamError = (StreamError ?? throw new InvalidOperationException("Call WithStreamError first.")) with { IncludeUsage = true },
        };

    /// <summary>Returns a copy with explicit usage; the cost is what this round reports in <c>usage.cost</c> and later in <c>GET /generation</c>.</summary>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The completion tokens.</param>
    /// <param name="cost">The cost in credits (US dollars).</param>
    /// <param name="reasoningTokens">The reasoning tokens (part of the completion tokens).</param>
    /// <param name="cachedTokens">The cached prompt tokens.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithUsage(int promptTokens, int completionTokens, decimal cost, int reasoningTokens = 0, int cachedTokens = 0) =>
        this with
        {
            Usage = new EmulatorUsage
            {
                PromptTokens = promptTokens,
                CompletionTokens = completionTokens,
                Cost = cost,
                ReasoningTokens = reasoningTokens,
                CachedTokens = cachedTokens,
            },
        };

    /// <summary>
    /// Returns a copy that sends an in-band error chunk in the stream, exactly as OpenRouter documents it, after the
    /// content deltas (or after <paramref name="afterContentDeltas"/> of them), and then ends the stream.
    /// </summary>
    /// <param name="code">The <c>error.code</c>.</param>
    /// <param name="message">The <c>error.message</c>.</param>
    /// <param name="emptyChoices">Whether the error chunk has <c>"choices":[]</c>.</param>
    /// <param name="afterContentDeltas">How many content deltas precede the error; all when <see langword="null"/>.</param>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithStreamError(
        string code = "server_error",
        string message = "Provider disconnected unexpectedly",
        bool emptyChoices = false,
        int? afterContentDeltas = null) =>
        this with { StreamError = new EmulatorStreamError(code, message) { EmptyChoices = emptyChoices, AfterContentDeltas = afterContentDeltas } };

    /// <summary>Returns a copy whose stream has the finish and usage chunks but no <c>data: [DONE]</c>.</summary>
    /// <returns>The modified copy.</returns>
    public EmulatorCompletion WithoutDone() => this with { IncludeDone = false };

    internal override Task WriteAsync(ResponseContext context)
    {
        CompletionPlan plan = CompletionPlan.Create(this, context);
        bool streamed = Stream ?? context.Streaming;
        context.Generations?.Record(plan, streamed);
        var response = context.Http.Response;
        response.StatusCode = 200;
        if (streamed)
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            return context.WriteEventsAsync(this, WireFormat.StreamEvents(plan));
        }

        response.ContentType = "application/json";
        return context.WriteBodyAsync(this, WireFormat.CompletionJson(plan));
    }
}
