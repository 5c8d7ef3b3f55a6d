using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Where the value of a request field comes from, once <see cref="ChatRequestView.SourceOf"/> has applied the precedence rule.</summary>
internal enum RequestFieldSource
{
    /// <summary>The request does not carry the field.</summary>
    None,

    /// <summary>The <see cref="OpenRouterChatRequest"/> returned by <c>ChatOptions.RawRepresentationFactory</c>.</summary>
    RawRequest,

    /// <summary>A typed source: a <see cref="ChatOptions"/> property (or the client itself: model, messages, stream).</summary>
    Typed,

    /// <summary><see cref="ChatOptions.AdditionalProperties"/> under the wire name (where the <c>With…</c> helpers store it).</summary>
    AdditionalProperties,
}

/// <summary>What kind of key a row of <see cref="ChatRequestFields"/> is.</summary>
internal enum RequestFieldKind
{
    /// <summary>A wire field: raw request, then the typed source, then <c>AdditionalProperties</c>.</summary>
    Field,

    /// <summary>
    /// A wire field whose typed source is the library's default, below <c>AdditionalProperties</c>
    /// (<c>stream_options</c>: <c>include_usage</c> unless the caller sends their own).
    /// </summary>
    Defaulted,

    /// <summary>Written only by the client from its arguments (<c>messages</c>, <c>stream</c>); the same key elsewhere is ignored.</summary>
    Reserved,

    /// <summary>An <c>AdditionalProperties</c> key that configures the request and is never written (<c>strict</c>).</summary>
    Setting,
}

/// <summary>Whether a row's typed source has a value for this request.</summary>
internal delegate bool TypedPresence(in ChatRequestView request);

/// <summary>Writes a row's value from its typed source (the property name is written by the delegate).</summary>
internal delegate void TypedFieldWriter(Utf8JsonWriter writer, in ChatRequestView request);

/// <summary>One row of the request-field table: a wire name, its typed sources and how it is written and dropped.</summary>
internal sealed class ChatRequestField
{
    public ChatRequestField(string name, RequestFieldKind kind = RequestFieldKind.Field)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>Gets the wire name, the key in the JSON body, in <c>AdditionalProperties</c> and in <see cref="OpenRouterChatRequest.Fields"/>.</summary>
    public string Name { get; }

    /// <summary>Gets the kind of key, which decides the precedence rule.</summary>
    public RequestFieldKind Kind { get; }

    /// <summary>Gets the typed <see cref="ChatOptions"/> member the field is read from, for documentation and tests (e.g. <c>Temperature</c>).</summary>
    public string? OptionsProperty { get; init; }

    /// <summary>Gets the public <c>With…</c> extension(s) that store the field in <c>AdditionalProperties</c> under <see cref="Name"/>.</summary>
    public string? Helper { get; init; }

    /// <summary>Gets the <see cref="OpenRouterChatRequest"/> property that is a view over <see cref="OpenRouterChatRequest.Fields"/>[<see cref="Name"/>].</summary>
    public string? RequestProperty { get; init; }

    /// <summary>Gets whether the typed source has a value; <see langword="null"/> for fields that have only loose sources.</summary>
    public TypedPresence? HasTyped { get; init; }

    /// <summary>Gets the writer of the typed value.</summary>
    public TypedFieldWriter? WriteTyped { get; init; }

    /// <summary>Gets the action that clears the typed source on a clone of the options (capability check, Drop mode).</summary>
    public Action<ChatOptions>? ClearTyped { get; init; }

    /// <summary>Gets a value indicating whether the typed writer also reads the <c>AdditionalProperties</c> value (merged field by field, <c>reasoning</c>), so that key is never written on its own.</summary>
    public bool MergesAdditionalProperty { get; init; }

    /// <summary>Gets a value indicating whether <c>AdditionalProperties</c> and the default apply to streaming requests only (<c>stream_options</c>).</summary>
    public bool StreamOnly { get; init; }

    /// <summary>Gets the catalog parameter a model must list for the capability check to let the field through; <see langword="null"/> when unchecked or checked by its own rule.</summary>
    public OpenRouterParameter? Requires { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// The one table of OpenRouter's <c>/chat/completions</c> request members: each wire name once, with its typed sources and
/// the precedence rule. <see cref="ChatRequestWriter"/> writes what <see cref="ChatRequestView"/> resolves from it, the
/// capability check inspects the same resolved fields, and <see cref="OpenRouterChatRequest"/>, the <c>With…</c> helpers
/// (<see cref="OpenRouterChatOptionsExtensions"/>) and the Semantic Kernel settings are views over it.
/// </summary>
/// <remarks>
/// <para>
/// Precedence, for every <see cref="RequestFieldKind.Field"/>: a field set on the <see cref="OpenRouterChatRequest"/> returned by
/// <c>RawRepresentationFactory</c> wins; then the typed <see cref="ChatOptions"/> property; then
/// <see cref="ChatOptions.AdditionalProperties"/> under the wire name. <c>AdditionalProperties</c> keys that are not in the
/// table are written under their own names (new OpenRouter parameters need no release); so are unknown raw-request fields.
/// </para>
/// <para>
/// Order on the wire: the typed values in table order, then <c>AdditionalProperties</c> in their order, then the raw
/// request's fields in theirs. Add a field: one row below (the wire name, its typed source if MEAI has one, the <c>With…</c>
/// helper that stores it, the <see cref="OpenRouterChatRequest"/> property if any).
/// </para>
/// </remarks>
internal static class ChatRequestFields
{
    public static readonly ChatRequestField Model = new("model")
    {
        OptionsProperty = nameof(ChatOptions.ModelId) + " (else the client's default model)",
        RequestProperty = nameof(OpenRouterChatRequest.Model),
        HasTyped = static (in ChatRequestView _) => true,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => w.WriteString("model"u8, r.ModelId),
    };

    public static readonly ChatRequestField Messages = new("messages", RequestFieldKind.Reserved)
    {
        OptionsProperty = "the messages argument, after " + nameof(ChatOptions.Instructions),
        HasTyped = static (in ChatRequestView _) => true,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) =>
        {
            w.WritePropertyName("messages"u8);
            ChatMessageWriter.WriteMessages(w, r.Messages, r.Options?.Instructions);
        },
    };

    public static readonly ChatRequestField Stream = new("stream", RequestFieldKind.Reserved)
    {
        OptionsProperty = "GetStreamingResponseAsync",
        HasTyped = static (in ChatRequestView r) => r.Stream,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView _) => w.WriteBoolean("stream"u8, true),
    };

    public static readonly ChatRequestField StreamOptions = new("stream_options", RequestFieldKind.Defaulted)
    {
        OptionsProperty = "default {\"include_usage\":true}",
        StreamOnly = true,
        HasTyped = static (in ChatRequestView r) => r.Stream,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView _) =>
        {
            w.WriteStartObject("stream_options"u8);
            w.WriteBoolean("include_usage"u8, true);
            w.WriteEndObject();
        },
    };

    public static readonly ChatRequestField Temperature = new("temperature")
    {
        OptionsProperty = nameof(ChatOptions.Temperature),
        RequestProperty = nameof(OpenRouterChatRequest.Temperature),
        HasTyped = static (in ChatRequestView r) => r.Options?.Temperature is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => WriteFinite(w, "temperature", r.Options!.Temperature!.Value),
        ClearTyped = static o => o.Temperature = null,
    };

    public static readonly ChatRequestField TopP = new("top_p")
    {
        OptionsProperty = nameof(ChatOptions.TopP),
        RequestProperty = nameof(OpenRouterChatRequest.TopP),
        HasTyped = static (in ChatRequestView r) => r.Options?.TopP is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => WriteFinite(w, "top_p", r.Options!.TopP!.Value),
        ClearTyped = static o => o.TopP = null,
    };

    public static readonly ChatRequestField TopK = new("top_k")
    {
        OptionsProperty = nameof(ChatOptions.TopK),
        RequestProperty = nameof(OpenRouterChatRequest.TopK),
        HasTyped = static (in ChatRequestView r) => r.Options?.TopK is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => w.WriteNumber("top_k"u8, r.Options!.TopK!.Value),
        ClearTyped = static o => o.TopK = null,
    };

    public static readonly ChatRequestField FrequencyPenalty = new("frequency_penalty")
    {
        OptionsProperty = nameof(ChatOptions.FrequencyPenalty),
        HasTyped = static (in ChatRequestView r) => r.Options?.FrequencyPenalty is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => WriteFinite(w, "frequency_penalty", r.Options!.FrequencyPenalty!.Value),
        ClearTyped = static o => o.FrequencyPenalty = null,
    };

    public static readonly ChatRequestField PresencePenalty = new("presence_penalty")
    {
        OptionsProperty = nameof(ChatOptions.PresencePenalty),
        HasTyped = static (in ChatRequestView r) => r.Options?.PresencePenalty is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => WriteFinite(w, "presence_penalty", r.Options!.PresencePenalty!.Value),
        ClearTyped = static o => o.PresencePenalty = null,
    };

    public static readonly ChatRequestField MaxTokens = new("max_tokens")
    {
        OptionsProperty = nameof(ChatOptions.MaxOutputTokens),
        RequestProperty = nameof(OpenRouterChatRequest.MaxTokens),
        HasTyped = static (in ChatRequestView r) => r.Options?.MaxOutputTokens is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => w.WriteNumber("max_tokens"u8, r.Options!.MaxOutputTokens!.Value),
        ClearTyped = static o => o.MaxOutputTokens = null,
    };

    public static readonly ChatRequestField Seed = new("seed")
    {
        OptionsProperty = nameof(ChatOptions.Seed),
        RequestProperty = nameof(OpenRouterChatRequest.Seed),
        Requires = OpenRouterParameter.Seed,
        HasTyped = static (in ChatRequestView r) => r.Options?.Seed is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => w.WriteNumber("seed"u8, r.Options!.Seed!.Value),
        ClearTyped = static o => o.Seed = null,
    };

    public static readonly ChatRequestField Stop = new("stop")
    {
        OptionsProperty = nameof(ChatOptions.StopSequences),
        Requires = OpenRouterParameter.Stop,
        HasTyped = static (in ChatRequestView r) => r.Options?.StopSequences is { Count: > 0 },
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) =>
        {
            w.WriteStartArray("stop"u8);
            foreach (string s in r.Options!.StopSequences!)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        },
        ClearTyped = static o => o.StopSequences = null,
    };

    public static readonly ChatRequestField Tools = new("tools")
    {
        OptionsProperty = nameof(ChatOptions.Tools) + " (functions and the server tools of ChatToolWriter)",
        HasTyped = static (in ChatRequestView r) => ChatToolWriter.HasWireTools(r.Options),
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => ChatToolWriter.WriteTools(w, r.Options!.Tools!),
        ClearTyped = static o => o.Tools = null,
    };

    public static readonly ChatRequestField ToolChoice = new("tool_choice")
    {
        OptionsProperty = nameof(ChatOptions.ToolMode) + " (with tools)",
        HasTyped = static (in ChatRequestView r) => r.Options?.ToolMode is not null && ChatToolWriter.HasWireTools(r.Options),
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => ChatToolWriter.WriteToolChoice(w, r.Options!.ToolMode!),
        ClearTyped = static o => o.ToolMode = null,
    };

    public static readonly ChatRequestField ParallelToolCalls = new("parallel_tool_calls")
    {
        OptionsProperty = nameof(ChatOptions.AllowMultipleToolCalls) + " (with tools)",
        HasTyped = static (in ChatRequestView r) => r.Options?.AllowMultipleToolCalls is not null && ChatToolWriter.HasWireTools(r.Options),
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) => w.WriteBoolean("parallel_tool_calls"u8, r.Options!.AllowMultipleToolCalls!.Value),
        ClearTyped = static o => o.AllowMultipleToolCalls = null,
    };

    public static readonly ChatRequestField ResponseFormat = new("response_format")
    {
        OptionsProperty = nameof(ChatOptions.ResponseFormat),
        Helper = nameof(OpenRouterChatOptionsExtensions.WithResponseFormat),
        RequestProperty = nameof(OpenRouterChatRequest.ResponseFormat),
        HasTyped = static (in ChatRequestView r) => r.Options?.ResponseFormat is not null,
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) =>
        {
            w.WritePropertyName("response_format"u8);
            ChatRequestWriter.WriteResponseFormat(w, r.Options!.ResponseFormat!, r.Options.AdditionalProperties);
        },
        ClearTyped = static o => o.ResponseFormat = null,
    };

    public static readonly ChatRequestField Reasoning = new("reasoning")
    {
        OptionsProperty = nameof(ChatOptions.Reasoning) + " (merged with AdditionalProperties, which win field by field)",
        Helper = nameof(OpenRouterChatOptionsExtensions.WithReasoning),
        RequestProperty = nameof(OpenRouterChatRequest.Reasoning),
        MergesAdditionalProperty = true,
        HasTyped = static (in ChatRequestView r) => r.Options is { } o && (o.Reasoning is not null || o.AdditionalProperties?.ContainsKey("reasoning") == true),
        WriteTyped = static (Utf8JsonWriter w, in ChatRequestView r) =>
        {
            if (r.TypedReasoning() is { } reasoning)
            {
                w.WritePropertyName("reasoning"u8);
                JsonSerializer.Serialize(w, reasoning, OpenRouterJsonContext.Default.OpenRouterReasoning);
            }
        },
        ClearTyped = static o => o.Reasoning = null,
    };

    public static readonly ChatRequestField Models = new("models") { Helper = nameof(OpenRouterChatOptionsExtensions.WithModelFallbacks), RequestProperty = nameof(OpenRouterChatRequest.Models) };

    public static readonly ChatRequestField Provider = new("provider") { Helper = nameof(OpenRouterChatOptionsExtensions.WithProviderRouting), RequestProperty = nameof(OpenRouterChatRequest.Provider) };

    public static readonly ChatRequestField Plugins = new("plugins") { Helper = nameof(OpenRouterChatOptionsExtensions.WithPlugins) };

    public static readonly ChatRequestField Transforms = new("transforms") { Helper = nameof(OpenRouterChatOptionsExtensions.WithTransforms) };

    public static readonly ChatRequestField User = new("user") { Helper = nameof(OpenRouterChatOptionsExtensions.WithUser), RequestProperty = nameof(OpenRouterChatRequest.User) };

    public static readonly ChatRequestField Metadata = new("metadata") { Helper = nameof(OpenRouterChatOptionsExtensions.WithMetadata) };

    public static readonly ChatRequestField LogitBias = new("logit_bias") { Helper = nameof(OpenRouterChatOptionsExtensions.WithLogitBias) };

    public static readonly ChatRequestField Logprobs = new("logprobs") { Helper = nameof(OpenRouterChatOptionsExtensions.WithLogprobs), Requires = OpenRouterParameter.Logprobs };

    // Checked as logprobs, like the catalog's own grouping: a model without logprobs has no top_logprobs either.
    public static readonly ChatRequestField TopLogprobs = new("top_logprobs") { Helper = nameof(OpenRouterChatOptionsExtensions.WithLogprobs), Requires = OpenRouterParameter.Logprobs };

    public static readonly ChatRequestField MinP = new("min_p") { Helper = nameof(OpenRouterChatOptionsExtensions.WithMinP) };

    public static readonly ChatRequestField TopA = new("top_a") { Helper = nameof(OpenRouterChatOptionsExtensions.WithTopA) };

    public static readonly ChatRequestField RepetitionPenalty = new("repetition_penalty") { Helper = nameof(OpenRouterChatOptionsExtensions.WithRepetitionPenalty) };

    public static readonly ChatRequestField Verbosity = new("verbosity") { Helper = nameof(OpenRouterChatOptionsExtensions.WithVerbosity) };

    public static readonly ChatRequestField MaxCompletionTokens = new("max_completion_tokens") { Helper = nameof(OpenRouterChatOptionsExtensions.WithMaxCompletionTokens) };

    public static readonly ChatRequestField Modalities = new("modalities")
    {
        Helper = nameof(OpenRouterChatOptionsExtensions.WithImageOutput) + ", " + nameof(OpenRouterChatOptionsExtensions.WithAudioOutput),
    };

    public static readonly ChatRequestField Audio = new("audio") { Helper = nameof(OpenRouterChatOptionsExtensions.WithAudioOutput) };

    public static readonly ChatRequestField SessionId = new("session_id") { Helper = nameof(OpenRouterChatOptionsExtensions.WithSessionId) };

    /// <summary>Top-level <c>cache_control</c> (automatic caching); breakpoints on parts, messages and tools are written by the message and tool writers.</summary>
    public static readonly ChatRequestField CacheControl = new("cache_control") { Helper = nameof(OpenRouterChatOptionsExtensions.WithCacheControl) };

    public static readonly ChatRequestField MaxToolCalls = new("max_tool_calls") { Helper = nameof(OpenRouterChatOptionsExtensions.WithMaxToolCalls) };

    public static readonly ChatRequestField StopServerToolsWhen = new("stop_server_tools_when") { Helper = nameof(OpenRouterChatOptionsExtensions.WithStopServerToolsWhen) };

    public static readonly ChatRequestField ImageConfig = new("image_config") { Helper = nameof(OpenRouterChatOptionsExtensions.WithImageOutput) };

    public static readonly ChatRequestField IncludeReasoning = new("include_reasoning") { Requires = OpenRouterParameter.IncludeReasoning };

    public static readonly ChatRequestField ReasoningEffort = new("reasoning_effort");

    public static readonly ChatRequestField WebSearchOptions = new("web_search_options");

    public static readonly ChatRequestField Prediction = new("prediction");

    public static readonly ChatRequestField Route = new("route");

    public static readonly ChatRequestField ServiceTier = new("service_tier");

    public static readonly ChatRequestField PromptCacheKey = new("prompt_cache_key");

    public static readonly ChatRequestField PromptCacheOptions = new("prompt_cache_options");

    public static readonly ChatRequestField Debug = new("debug");

    public static readonly ChatRequestField Trace = new("trace");

    /// <summary><c>json_schema.strict</c> for <see cref="ChatOptions.ResponseFormat"/>: read by the <c>response_format</c> writer, never sent on its own.</summary>
    public static readonly ChatRequestField Strict = new("strict", RequestFieldKind.Setting) { Helper = nameof(OpenRouterChatOptionsExtensions.WithStrictJsonSchema) };

    /// <summary>
    /// Per-request HTTP headers (<see cref="OpenRouterChatOptionsExtensions.WithHeader"/>, <see cref="OpenRouterChatOptionsExtensions.WithResponseCaching"/>):
    /// an <c>AdditionalProperties</c> key read by the client, never part of the body.
    /// </summary>
    public static readonly ChatRequestField Headers = new("openrouter.headers", RequestFieldKind.Setting)
    {
        Helper = nameof(OpenRouterChatOptionsExtensions.WithHeader) + ", " + nameof(OpenRouterChatOptionsExtensions.WithResponseCaching),
    };

    /// <summary>Every row, in the order typed values are written.</summary>
    public static readonly ChatRequestField[] All =
    [
        Model, Messages, Stream, StreamOptions, Temperature, TopP, TopK, FrequencyPenalty, PresencePenalty, MaxTokens, Seed, Stop,
        Tools, ToolChoice, ParallelToolCalls, ResponseFormat, Reasoning,
        Models, Provider, Plugins, Transforms, User, Metadata, LogitBias, Logprobs, TopLogprobs, MinP, TopA, RepetitionPenalty,
        Verbosity, MaxCompletionTokens, Modalities, ImageConfig, Audio, SessionId, CacheControl, MaxToolCalls, StopServerToolsWhen,
        IncludeReasoning, ReasoningEffort, WebSearchOptions, Prediction, Route, ServiceTier, PromptCacheKey, PromptCacheOptions, Debug, Trace,
        Strict, Headers,
    ];

    /// <summary>The rows with a typed source, in wire order.</summary>
    public static readonly ChatRequestField[] Typed = [.. All.Where(f => f.WriteTyped is not null)];

    private static readonly FrozenDictionary<string, ChatRequestField> ByName = All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Finds the row of a wire name; <see langword="null"/> for a key the table does not name (written as it is).</summary>
    public static ChatRequestField? Find(string name) => ByName.GetValueOrDefault(name);

    private static void WriteFinite(Utf8JsonWriter writer, string name, float value)
    {
        // Utf8JsonWriter writes a float's shortest round-trip text (0.7, not 0.699999988) and refuses NaN and infinities.
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"ChatOptions: {name} must be a finite number; got {value}.", nameof(value));
        }

        writer.WriteNumber(name, value);
    }
}
