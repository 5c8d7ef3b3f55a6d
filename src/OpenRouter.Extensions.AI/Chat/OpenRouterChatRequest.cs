namespace OpenRouter.Extensions.AI;

/// <summary>
/// Request fields for OpenRouter's <c>/chat/completions</c> that take precedence over <c>ChatOptions</c>.
/// Return one from <c>ChatOptions.RawRepresentationFactory</c>: every field set here is written to the request
/// under its wire name and wins over the same field derived from <c>ChatOptions</c> or its <c>AdditionalProperties</c>.
/// </summary>
/// <remarks>
/// Each typed property is a view over <see cref="Fields"/>, keyed by OpenRouter's wire name; <see cref="Fields"/> also
/// takes any field this type does not name (values: primitives, dictionaries, lists, <c>JsonElement</c>/<c>JsonNode</c>
/// or this library's option models). The conversation itself always comes from the messages passed to the client.
/// </remarks>
public sealed class OpenRouterChatRequest
{
    /// <summary>Gets the request fields by wire name, in the order they are written.</summary>
    public IDictionary<string, object?> Fields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Gets or sets <c>model</c>.</summary>
    public string? Model { get => Get<string>("model"); set => Set("model", value); }

    /// <summary>Gets or sets <c>models</c>, the fallback list tried in order when the first model fails.</summary>
    public IList<string>? Models { get => Get<IList<string>>("models"); set => Set("models", value); }

    /// <summary>Gets or sets <c>temperature</c>.</summary>
    public double? Temperature { get => GetValue<double>("temperature"); set => Set("temperature", value); }

    /// <summary>Gets or sets <c>top_p</c>.</summary>
    public double? TopP { get => GetValue<double>("top_p"); set => Set("top_p", value); }

    /// <summary>Gets or sets <c>top_k</c>.</summary>
    public int? TopK { get => GetValue<int>("top_k"); set => Set("top_k", value); }

    /// <summary>Gets or sets <c>max_tokens</c>.</summary>
    public int? MaxTokens { get => GetValue<int>("max_tokens"); set => Set("max_tokens", value); }

    /// <summary>Gets or sets <c>seed</c>.</summary>
    public long? Seed { get => GetValue<long>("seed"); set => Set("seed", value); }

    /// <summary>Gets or sets <c>provider</c>: an <see cref="OpenRouterProviderRouting"/> or the same data as a dictionary or JSON.</summary>
    public object? Provider { get => Get<object>("provider"); set => Set("provider", value); }

    /// <summary>Gets or sets <c>reasoning</c>: an <see cref="OpenRouterReasoning"/> or the same data as a dictionary or JSON.</summary>
    public object? Reasoning { get => Get<object>("reasoning"); set => Set("reasoning", value); }

    /// <summary>Gets or sets <c>response_format</c>: an <see cref="OpenRouterResponseFormat"/> or the same data as a dictionary or JSON.</summary>
    public object? ResponseFormat { get => Get<object>("response_format"); set => Set("response_format", value); }

    /// <summary>Gets or sets <c>user</c>, a stable identifier of your end user.</summary>
    public string? User { get => Get<string>("user"); set => Set("user", value); }

    private T? Get<T>(string name)
        where T : class => Fields.TryGetValue(name, out object? value) ? value as T : null;

    private T? GetValue<T>(string name)
        where T : struct => Fields.TryGetValue(name, out object? value) && value is T typed ? typed : null;

    private void Set(string name, object? value)
    {
        if (value is null)
        {
            Fields.Remove(name);
        }
        else
        {
            Fields[name] = value;
        }
    }
}
