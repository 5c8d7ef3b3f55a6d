using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// One chat request as its sources give it (the messages, the options, the raw request, the model, the mode), resolved field by
/// field through <see cref="ChatRequestFields"/>: the writer writes what it resolves and the capability check inspects the same.
/// </summary>
/// <remarks>A value type over references the caller already holds: resolving a request allocates nothing.</remarks>
internal readonly struct ChatRequestView
{
    public ChatRequestView(IEnumerable<ChatMessage> messages, ChatOptions? options, OpenRouterChatRequest? raw, string modelId, bool stream)
    {
        Messages = messages;
        Options = options;
        RawFields = raw?.Fields;
        ModelId = modelId;
        Stream = stream;
    }

    public IEnumerable<ChatMessage> Messages { get; }

    public ChatOptions? Options { get; }

    /// <summary>Gets the fields of the <see cref="OpenRouterChatRequest"/> from <c>RawRepresentationFactory</c>, if any.</summary>
    public IDictionary<string, object?>? RawFields { get; }

    /// <summary>Gets the model sent: the raw request's, else <c>ChatOptions.ModelId</c>, else the client's default.</summary>
    public string ModelId { get; }

    public bool Stream { get; }

    public AdditionalPropertiesDictionary? AdditionalProperties => Options?.AdditionalProperties;

    /// <summary>Applies the precedence rule to one row: where its value comes from, or <see cref="RequestFieldSource.None"/>.</summary>
    public RequestFieldSource SourceOf(ChatRequestField field)
    {
        switch (field.Kind)
        {
            case RequestFieldKind.Reserved:
                return field.HasTyped!(in this) ? RequestFieldSource.Typed : RequestFieldSource.None;
            case RequestFieldKind.Setting:
                return RequestFieldSource.None;
        }

        if (RawFields?.ContainsKey(field.Name) == true)
        {
            return RequestFieldSource.RawRequest;
        }

        bool typed = field.HasTyped?.Invoke(in this) == true;
        if (field.Kind == RequestFieldKind.Field && typed)
        {
            return RequestFieldSource.Typed;
        }

        if (!field.MergesAdditionalProperty && (!field.StreamOnly || Stream) && AdditionalProperties?.ContainsKey(field.Name) == true)
        {
            return RequestFieldSource.AdditionalProperties;
        }

        return typed ? RequestFieldSource.Typed : RequestFieldSource.None;
    }

    /// <summary>Whether the request carries <paramref name="field"/> from any source.</summary>
    public bool Has(ChatRequestField field) => SourceOf(field) != RequestFieldSource.None;

    /// <summary>Whether an <c>AdditionalProperties</c> key is written under its own name: unknown keys, and rows it is the winning source of.</summary>
    public bool WritesAdditionalProperty(string key) =>
        ChatRequestFields.Find(key) is { } field
            ? SourceOf(field) == RequestFieldSource.AdditionalProperties
            : RawFields?.ContainsKey(key) != true;

    /// <summary>The loosely typed value of a field resolved from the raw request or <c>AdditionalProperties</c>; <see langword="null"/> otherwise.</summary>
    public object? LooseValueOf(ChatRequestField field) => SourceOf(field) switch
    {
        RequestFieldSource.RawRequest => RawFields![field.Name],
        RequestFieldSource.AdditionalProperties => AdditionalProperties![field.Name],
        _ => null,
    };

    /// <summary>The <c>reasoning</c> the request sends, from whichever source wins; <see langword="null"/> when none.</summary>
    public OpenRouterReasoning? ResolvedReasoning() => SourceOf(ChatRequestFields.Reasoning) switch
    {
        RequestFieldSource.RawRequest => OpenRouterReasoning.Combine(null, RawFields![ChatRequestFields.Reasoning.Name]),
        RequestFieldSource.Typed => TypedReasoning(),
        _ => null,
    };

    /// <summary>The typed <c>reasoning</c>: <see cref="ChatOptions.Reasoning"/> merged with <c>AdditionalProperties["reasoning"]</c>, which wins field by field.</summary>
    public OpenRouterReasoning? TypedReasoning() =>
        Options is null
            ? null
            : OpenRouterReasoning.Combine(
                Options.Reasoning,
                Options.AdditionalProperties is { } extra && extra.TryGetValue(ChatRequestFields.Reasoning.Name, out object? value) ? value : null);
}
