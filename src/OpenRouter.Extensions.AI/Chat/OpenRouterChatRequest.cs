namespace OpenRouter.Extensions.AI;

/// <summary>
/// Request fields for OpenRouter's <c>/chat/completions</c> that take precedence over <c>ChatOptions</c>.
/// Return one from <c>ChatOptions.RawRepresentationFactory</c>: every field set here is written to the request
/// under its wire name and wins over the same field derived from <c>ChatOptions</c> or its <c>AdditionalProperties</c>.
/// </summary>
/// <remarks>
/// Each typed property is a view over <see cref="Fields"/>, keyed by OpenRouter's wire name (the library's one table of
/// request fields names each once); <see cref="Fields"/> also
/// takes any field this type does not name (values: primitives, dictionaries, lists, <c>JsonElement</c>/<c>JsonNode</c>
/// or this library's option models). The conversation itself always comes from the messages passed to the client.
/// </remarks>
public sealed class OpenRouterChatRequest
{
    /// <summary>Gets the request fields by wire name, in the order they are written.</summary>
    public IDictionary<string, object?> Fields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Gets or sets <c>model</c>.</summary>
    public string? Model { get => Get<string>(ChatRequestFields.Model); set => Set(ChatRequestFields.Model, value); }

    /// <summary>Gets or sets <c>models</c>, the fallback list tried in order when the first model fails.</summary>
    public IList<string>? Models { get => Get<IList<string>>(ChatRequestFields.Models); set => Set(ChatRequestFields.Models, value); }

    /// <summary>Gets or sets <c>temperature</c>.</summary>
    public double? Temperature { get => GetValue<double>(ChatRequestFields.Temperature); set => Set(ChatRequestFields.Temperature, value); }

    /// <summary>Gets or sets <c>top_p</c>.</summary>
    public double? TopP { get => GetValue<double>(ChatRequestFields.TopP); set => Set(ChatRequestFields.TopP, value); }

    /// <summary>Gets or sets <c>top_k</c>.</summary>
    public int? TopK { get => GetValue<int>(ChatRequestFields.TopK); set => Set(ChatRequestFields.TopK, value); }

    /// <summary>Gets or sets <c>max_tokens</c>.</summary>
    public int? MaxTokens { get => GetValue<int>(ChatRequestFields.MaxTokens); set => Set(ChatRequestFields.MaxTokens, value); }

    /// <summary>Gets or sets <c>seed</c>.</summary>
    public long? Seed { get => GetValue<long>(ChatRequestFields.Seed); set => Set(ChatRequestFields.Seed, value); }

    /// <summary>Gets or sets <c>provider</c>: an <see cref="OpenRouterProviderRouting"/> or the same data as a dictionary or JSON.</summary>
    public object? Provider { get => Get<object>(ChatRequestFields.Provider); set => Set(ChatRequestFields.Provider, value); }

    /// <summary>Gets or sets <c>reasoning</c>: an <see cref="OpenRouterReasoning"/> or the same data as a dictionary or JSON.</summary>
    public object? Reasoning { get => Get<object>(ChatRequestFields.Reasoning); set => Set(ChatRequestFields.Reasoning, value); }

    /// <summary>Gets or sets <c>response_format</c>: an <see cref="OpenRouterResponseFormat"/> or the same data as a dictionary or JSON.</summary>
    public object? ResponseFormat { get => Get<object>(ChatRequestFields.ResponseFormat); set => Set(ChatRequestFields.ResponseFormat, value); }

    /// <summary>Gets or sets <c>user</c>, a stable identifier of your end user.</summary>
    public string? User { get => Get<string>(ChatRequestFields.User); set => Set(ChatRequestFields.User, value); }

    /// <summary>A new request with the same fields (the values themselves are shared), for the capability check to drop fields from.</summary>
    internal static OpenRouterChatRequest CopyOf(OpenRouterChatRequest request)
    {
        var copy = new OpenRouterChatRequest();
        foreach (KeyValuePair<string, object?> pair in request.Fields)
        {
            copy.Fields.Add(pair);
        }

        return copy;
    }

    private T? Get<T>(ChatRequestField field)
        where T : class => Fields.TryGetValue(field.Name, out object? value) ? value as T : null;

    private T? GetValue<T>(ChatRequestField field)
        where T : struct => Fields.TryGetValue(field.Name, out object? value) && value is T typed ? typed : null;

    private void Set(ChatRequestField field, object? value)
    {
        if (value is null)
        {
            Fields.Remove(field.Name);
        }
        else
        {
            Fields[field.Name] = value;
        }
    }
}
