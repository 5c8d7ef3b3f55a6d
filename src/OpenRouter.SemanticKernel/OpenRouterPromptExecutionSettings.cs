using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;

namespace OpenRouter.SemanticKernel;

/// <summary>
/// Semantic Kernel execution settings for OpenRouter: the standard sampling fields plus provider routing, model fallbacks,
/// reasoning, plugins, response format, transforms and user. They produce the same request JSON as the equivalent
/// <see cref="ChatOptions"/> built with <see cref="OpenRouterChatOptionsExtensions"/>.
/// </summary>
/// <remarks>
/// A plain <see cref="PromptExecutionSettings"/> works too: put the fields in <see cref="PromptExecutionSettings.ExtensionData"/>
/// under their wire names (<c>provider</c>, <c>models</c>, …) as dictionaries, <see cref="JsonElement"/>s or typed models.
/// <see cref="FunctionChoiceBehavior"/> is handled by Semantic Kernel. After <see cref="Freeze"/> the setters throw; the
/// typed models themselves (e.g. <see cref="OpenRouterProviderRouting"/>) stay mutable objects.
/// </remarks>
public sealed class OpenRouterPromptExecutionSettings : PromptExecutionSettings
{
    private double? _temperature;
    private double? _topP;
    private int? _topK;
    private int? _maxTokens;
    private IList<string>? _stopSequences;
    private long? _seed;
    private double? _frequencyPenalty;
    private double? _presencePenalty;
    private OpenRouterProviderRouting? _provider;
    private IList<string>? _models;
    private OpenRouterReasoning? _reasoning;
    private IList<OpenRouterPlugin>? _plugins;
    private OpenRouterResponseFormat? _responseFormat;
    private IList<string>? _transforms;
    private string? _user;

    /// <summary>Gets or sets <c>temperature</c> (0–2).</summary>
    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get => _temperature; set => Set(ref _temperature, value); }

    /// <summary>Gets or sets <c>top_p</c> (0–1).</summary>
    [JsonPropertyName("top_p")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TopP { get => _topP; set => Set(ref _topP, value); }

    /// <summary>Gets or sets <c>top_k</c>.</summary>
    [JsonPropertyName("top_k")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TopK { get => _topK; set => Set(ref _topK, value); }

    /// <summary>Gets or sets <c>max_tokens</c>.</summary>
    [JsonPropertyName("max_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxTokens { get => _maxTokens; set => Set(ref _maxTokens, value); }

    /// <summary>Gets or sets the stop sequences, sent as <c>stop</c>.</summary>
    [JsonPropertyName("stop_sequences")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Settings are deserialized and set like Semantic Kernel's own settings.")]
    public IList<string>? StopSequences { get => _stopSequences; set => Set(ref _stopSequences, value); }

    /// <summary>Gets or sets <c>seed</c>.</summary>
    [JsonPropertyName("seed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Seed { get => _seed; set => Set(ref _seed, value); }

    /// <summary>Gets or sets <c>frequency_penalty</c> (-2–2).</summary>
    [JsonPropertyName("frequency_penalty")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FrequencyPenalty { get => _frequencyPenalty; set => Set(ref _frequencyPenalty, value); }

    /// <summary>Gets or sets <c>presence_penalty</c> (-2–2).</summary>
    [JsonPropertyName("presence_penalty")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PresencePenalty { get => _presencePenalty; set => Set(ref _presencePenalty, value); }

    /// <summary>Gets or sets <c>provider</c>: provider routing preferences.</summary>
    [JsonPropertyName("provider")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OpenRouterProviderRouting? Provider { get => _provider; set => Set(ref _provider, value); }

    /// <summary>Gets or sets <c>models</c>: fallback models, tried in order.</summary>
    [JsonPropertyName("models")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Settings are deserialized and set like Semantic Kernel's own settings.")]
    public IList<string>? Models { get => _models; set => Set(ref _models, value); }

    /// <summary>Gets or sets <c>reasoning</c>.</summary>
    [JsonPropertyName("reasoning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OpenRouterReasoning? Reasoning { get => _reasoning; set => Set(ref _reasoning, value); }

    /// <summary>Gets or sets <c>plugins</c> (web search, file parser, …).</summary>
    [JsonPropertyName("plugins")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Settings are deserialized and set like Semantic Kernel's own settings.")]
    public IList<OpenRouterPlugin>? Plugins { get => _plugins; set => Set(ref _plugins, value); }

    /// <summary>Gets or sets <c>response_format</c>.</summary>
    [JsonPropertyName("response_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OpenRouterResponseFormat? ResponseFormat { get => _responseFormat; set => Set(ref _responseFormat, value); }

    /// <summary>Gets or sets <c>transforms</c>, e.g. <c>middle-out</c>.</summary>
    [JsonPropertyName("transforms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Settings are deserialized and set like Semantic Kernel's own settings.")]
    public IList<string>? Transforms { get => _transforms; set => Set(ref _transforms, value); }

    /// <summary>Gets or sets <c>user</c>: a stable id of your end user.</summary>
    [JsonPropertyName("user")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get => _user; set => Set(ref _user, value); }

    /// <summary>
    /// Returns <paramref name="executionSettings"/> as <see cref="OpenRouterPromptExecutionSettings"/>: the same instance when it
    /// already is one, otherwise a new instance whose typed fields are read from the settings' <see cref="PromptExecutionSettings.ExtensionData"/>
    /// (wire names) and, for other derived settings types when reflection is available, their serialized properties.
    /// Keys without a typed field stay in <see cref="PromptExecutionSettings.ExtensionData"/> and are sent as-is.
    /// </summary>
    /// <param name="executionSettings">Any settings, or <see langword="null"/>.</param>
    /// <returns>OpenRouter settings.</returns>
    public static OpenRouterPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? executionSettings)
    {
        switch (executionSettings)
        {
            case null:
                return new OpenRouterPromptExecutionSettings();
            case OpenRouterPromptExecutionSettings settings:
                return settings;
        }

        byte[] json = SettingsJson.Serialize(executionSettings);
        OpenRouterPromptExecutionSettings result = JsonSerializer.Deserialize(json, OpenRouterSemanticKernelJsonContext.Default.OpenRouterPromptExecutionSettings)
            ?? new OpenRouterPromptExecutionSettings();
        result.ModelId = executionSettings.ModelId;
        result.ServiceId = executionSettings.ServiceId;
        result.FunctionChoiceBehavior = executionSettings.FunctionChoiceBehavior;
        return result;
    }

    /// <inheritdoc />
    public override PromptExecutionSettings Clone() => new OpenRouterPromptExecutionSettings
    {
        ModelId = ModelId,
        ServiceId = ServiceId,
        FunctionChoiceBehavior = FunctionChoiceBehavior,
        ExtensionData = ExtensionData is null ? null : new Dictionary<string, object>(ExtensionData, StringComparer.Ordinal),
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        MaxTokens = MaxTokens,
        StopSequences = StopSequences is null ? null : [.. StopSequences],
        Seed = Seed,
        FrequencyPenalty = FrequencyPenalty,
        PresencePenalty = PresencePenalty,
        Provider = Provider,
        Models = Models is null ? null : [.. Models],
        Reasoning = Reasoning,
        Plugins = Plugins is null ? null : [.. Plugins],
        ResponseFormat = ResponseFormat,
        Transforms = Transforms is null ? null : [.. Transforms],
        User = User,
    };

    /// <inheritdoc />
    public override void Freeze()
    {
        if (IsFrozen)
        {
            return;
        }

        _stopSequences = ReadOnly(_stopSequences);
        _models = ReadOnly(_models);
        _plugins = ReadOnly(_plugins);
        _transforms = ReadOnly(_transforms);
        base.Freeze();
    }

    /// <summary>
    /// Writes the typed fields into the <see cref="ChatOptions"/> produced by Semantic Kernel's <c>ToChatOptions</c>: sampling fields
    /// into the typed properties, OpenRouter fields into <see cref="ChatOptions.AdditionalProperties"/> under their wire names as typed
    /// models (Semantic Kernel's JSON round trip of derived settings would otherwise leave them as loosely serialized JSON, and would
    /// read an OpenRouter <c>response_format</c> object as a JSON schema).
    /// </summary>
    /// <param name="options">The options to complete.</param>
    protected override void PrepareChatOptionsForRequest(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        base.PrepareChatOptionsForRequest(options);
        Apply(options);
    }

    /// <summary>Writes these settings into <paramref name="options"/>; see <see cref="PrepareChatOptionsForRequest"/>.</summary>
    internal void Apply(ChatOptions options)
    {
        options.Temperature = (float?)Temperature ?? options.Temperature;
        options.TopP = (float?)TopP ?? options.TopP;
        options.TopK = TopK ?? options.TopK;
        options.MaxOutputTokens = MaxTokens ?? options.MaxOutputTokens;
        options.Seed = Seed ?? options.Seed;
        options.FrequencyPenalty = (float?)FrequencyPenalty ?? options.FrequencyPenalty;
        options.PresencePenalty = (float?)PresencePenalty ?? options.PresencePenalty;
        if (StopSequences is { Count: > 0 } stop)
        {
            options.StopSequences = [.. stop];
        }

        // The OpenRouter fields go through the same With… helpers as ChatOptions do: each stores its field under the wire name the
        // core library's request-field table gives it, so these settings name no wire field of their own.
        if (Provider is not null)
        {
            options.WithProviderRouting(Provider);
        }

        if (Models is not null)
        {
            options.WithModelFallbacks(Models);
        }

        if (Reasoning is not null)
        {
            options.WithReasoning(Reasoning);
        }

        if (Plugins is not null)
        {
            options.WithPlugins(Plugins);
        }

        if (Transforms is not null)
        {
            options.WithTransforms(Transforms);
        }

        if (User is not null)
        {
            options.WithUser(User);
        }

        if (ResponseFormat is not null)
        {
            // An OpenRouter format replaces the JSON schema Semantic Kernel may have read from the same key.
            options.ResponseFormat = null;
            options.WithResponseFormat(ResponseFormat);
        }
    }

    private static ReadOnlyCollection<T>? ReadOnly<T>(IList<T>? list) => list is null ? null : new ReadOnlyCollection<T>([.. list]);

    private void Set<T>(ref T field, T value)
    {
        ThrowIfFrozen();
        field = value;
    }
}
