namespace OpenRouter.Testing;

/// <summary>One tool (function) call in a scripted assistant message.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">The arguments as a JSON text, sent verbatim (streamed in several fragments).</param>
/// <param name="Id">The tool call id; <c>call_emulator_{index}</c> when <see langword="null"/>.</param>
public sealed record EmulatorToolCall(string Name, string Arguments, string? Id = null);

/// <summary>
/// One entry of OpenRouter's <c>reasoning_details</c> array. Create one with <see cref="FromText"/>,
/// <see cref="FromSummary"/> or <see cref="FromEncrypted"/>.
/// </summary>
public sealed record EmulatorReasoningDetail
{
    private EmulatorReasoningDetail(string type) => Type = type;

    /// <summary>Gets the detail type: <c>reasoning.text</c>, <c>reasoning.summary</c> or <c>reasoning.encrypted</c>.</summary>
    public string Type { get; }

    /// <summary>Gets the reasoning text of a <c>reasoning.text</c> detail.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the signature of a <c>reasoning.text</c> detail (sent with its last streamed piece).</summary>
    public string? Signature { get; init; }

    /// <summary>Gets the summary of a <c>reasoning.summary</c> detail.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the opaque data of a <c>reasoning.encrypted</c> detail.</summary>
    public string? Data { get; init; }

    /// <summary>Gets the optional detail id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the format, for example <c>anthropic-claude-v1</c>; <c>unknown</c> is written when <see langword="null"/>.</summary>
    public string? Format { get; init; }

    /// <summary>Gets the index written with the detail; the position in the list when <see langword="null"/>.</summary>
    public int? Index { get; init; }

    /// <summary>Creates a <c>reasoning.text</c> detail.</summary>
    /// <param name="text">The reasoning text.</param>
    /// <param name="signature">An optional signature.</param>
    /// <param name="id">An optional id.</param>
    /// <param name="format">An optional format.</param>
    /// <param name="index">An optional index.</param>
    /// <returns>The detail.</returns>
    public static EmulatorReasoningDetail FromText(string text, string? signature = null, string? id = null, string? format = null, int? index = null) =>
        new("reasoning.text") { Text = text, Signature = signature, Id = id, Format = format, Index = index };

    /// <summary>Creates a <c>reasoning.summary</c> detail.</summary>
    /// <param name="summary">The summary text.</param>
    /// <param name="id">An optional id.</param>
    /// <param name="format">An optional format.</param>
    /// <param name="index">An optional index.</param>
    /// <returns>The detail.</returns>
    public static EmulatorReasoningDetail FromSummary(string summary, string? id = null, string? format = null, int? index = null) =>
        new("reasoning.summary") { Summary = summary, Id = id, Format = format, Index = index };

    /// <summary>Creates a <c>reasoning.encrypted</c> detail.</summary>
    /// <param name="data">The opaque (for example base64) data.</param>
    /// <param name="id">An optional id.</param>
    /// <param name="format">An optional format.</param>
    /// <param name="index">An optional index.</param>
    /// <returns>The detail.</returns>
    public static EmulatorReasoningDetail FromEncrypted(string data, string? id = null, string? format = null, int? index = null) =>
        new("reasoning.encrypted") { Data = data, Id = id, Format = format, Index = index };

    /// <summary>Gets the plain text this detail contributes to <c>message.reasoning</c> (text or summary).</summary>
    internal string? PlainText => Text ?? Summary;
}

/// <summary>The <c>usage</c> object of a scripted completion.</summary>
public sealed record EmulatorUsage
{
    /// <summary>Gets the prompt token count.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Gets the completion token count (reasoning tokens included).</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Gets <c>completion_tokens_details.reasoning_tokens</c>.</summary>
    public int ReasoningTokens { get; init; }

    /// <summary>Gets <c>prompt_tokens_details.cached_tokens</c>.</summary>
    public int CachedTokens { get; init; }

    /// <summary>Gets the cost in credits (US dollars), written as <c>usage.cost</c>.</summary>
    public decimal Cost { get; init; }

    /// <summary>Gets a value indicating whether the request used the caller's own provider key (<c>is_byok</c>).</summary>
    public bool IsByok { get; init; }

    /// <summary>Gets the total token count (prompt plus completion).</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>An in-band error sent inside a stream, as OpenRouter does when a provider fails mid-generation.</summary>
/// <param name="Code">The <c>error.code</c> value, for example <c>server_error</c>.</param>
/// <param name="Message">The <c>error.message</c> value.</param>
public sealed record EmulatorStreamError(string Code, string Message)
{
    /// <summary>Gets a value indicating whether the error chunk has <c>"choices":[]</c> instead of a choice with <c>finish_reason: "error"</c>.</summary>
    public bool EmptyChoices { get; init; }

    /// <summary>Gets how many content deltas are sent before the error chunk; all of them when <see langword="null"/>.</summary>
    public int? AfterContentDeltas { get; init; }

    /// <summary>Gets a value indicating whether the error chunk carries the <c>usage</c> of the generation so far.</summary>
    public bool IncludeUsage { get; init; }
}
