using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Sets OpenRouter's request fields on <see cref="ChatOptions"/>. Each value is stored in <see cref="ChatOptions.AdditionalProperties"/>
/// under OpenRouter's wire name, so it survives <see cref="ChatOptions.Clone"/> and middleware, and the same value given as a
/// plain dictionary or JSON (as Semantic Kernel's <c>ExtensionData</c> delivers it) produces the same request.
/// </summary>
public static class OpenRouterChatOptionsExtensions
{
    /// <summary>Sets <c>provider</c>: provider routing preferences.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="routing">The routing preferences.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithProviderRouting(this ChatOptions options, OpenRouterProviderRouting routing) => Set(options, ChatRequestFields.Provider, routing);

    /// <summary>Sets <c>models</c>: models to fall back to, in order, when the primary model fails or is unavailable.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="modelIds">Model ids such as <c>anthropic/claude-sonnet-4</c>.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithModelFallbacks(this ChatOptions options, params IEnumerable<string> modelIds) => Set(options, ChatRequestFields.Models, modelIds.ToArray());

    /// <summary>Sets <c>reasoning</c>; its fields win over those derived from <see cref="ChatOptions.Reasoning"/>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="reasoning">The reasoning settings.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithReasoning(this ChatOptions options, OpenRouterReasoning reasoning) => Set(options, ChatRequestFields.Reasoning, reasoning);

    /// <summary>Sets <c>plugins</c>, e.g. <see cref="OpenRouterPlugin.Web"/> or <see cref="OpenRouterPlugin.FileParser"/>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="plugins">The plugins.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithPlugins(this ChatOptions options, params IEnumerable<OpenRouterPlugin> plugins) => Set(options, ChatRequestFields.Plugins, plugins.ToArray());

    /// <summary>Sets <c>transforms</c>, e.g. <c>middle-out</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="transforms">The transform names.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithTransforms(this ChatOptions options, params IEnumerable<string> transforms) => Set(options, ChatRequestFields.Transforms, transforms.ToArray());

    /// <summary>Sets <c>response_format</c> to an OpenRouter format (grammar, python, strict JSON schema…). <see cref="ChatOptions.ResponseFormat"/>, when set, wins.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="format">The format.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithResponseFormat(this ChatOptions options, OpenRouterResponseFormat format) => Set(options, ChatRequestFields.ResponseFormat, format);

    /// <summary>
    /// Sets <c>json_schema.strict</c> for the JSON schema given in <see cref="ChatOptions.ResponseFormat"/> (stored as <c>AdditionalProperties["strict"]</c>).
    /// When strict, the schema is sent with every property required and <c>additionalProperties: false</c>, as strict mode demands.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="strict">Whether the provider must follow the schema exactly.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithStrictJsonSchema(this ChatOptions options, bool strict = true) => Set(options, ChatRequestFields.Strict, strict);

    /// <summary>Sets <c>user</c>: a stable id of your end user, for abuse detection.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="user">The user id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithUser(this ChatOptions options, string user) => Set(options, ChatRequestFields.User, user);

    /// <summary>Sets <c>metadata</c>: string pairs stored with the generation.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="metadata">The metadata.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithMetadata(this ChatOptions options, IReadOnlyDictionary<string, string> metadata) =>
        Set(options, ChatRequestFields.Metadata, new Dictionary<string, string>(metadata, StringComparer.Ordinal));

    /// <summary>Sets <c>logit_bias</c>: token id → bias (-100 to 100).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="bias">The biases by token id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithLogitBias(this ChatOptions options, IReadOnlyDictionary<int, double> bias) =>
        Set(options, ChatRequestFields.LogitBias, bias.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal));

    /// <summary>Sets <c>logprobs: true</c> and, when given, <c>top_logprobs</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="topLogprobs">How many alternatives to return per token (0–20).</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithLogprobs(this ChatOptions options, int? topLogprobs = null)
    {
        Set(options, ChatRequestFields.Logprobs, true);
        return topLogprobs is { } top ? Set(options, ChatRequestFields.TopLogprobs, top) : options;
    }

    /// <summary>Sets <c>min_p</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="minP">The minimum probability relative to the most likely token (0–1).</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithMinP(this ChatOptions options, double minP) => Set(options, ChatRequestFields.MinP, minP);

    /// <summary>Sets <c>top_a</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="topA">The top-a value (0–1).</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithTopA(this ChatOptions options, double topA) => Set(options, ChatRequestFields.TopA, topA);

    /// <summary>Sets <c>repetition_penalty</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="penalty">The penalty (0–2).</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithRepetitionPenalty(this ChatOptions options, double penalty) => Set(options, ChatRequestFields.RepetitionPenalty, penalty);

    /// <summary>Sets <c>verbosity</c>: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="verbosity">The verbosity.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithVerbosity(this ChatOptions options, string verbosity) => Set(options, ChatRequestFields.Verbosity, verbosity);

    /// <summary>Sets <c>max_completion_tokens</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="maxCompletionTokens">The most tokens to generate, reasoning included.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithMaxCompletionTokens(this ChatOptions options, int maxCompletionTokens) => Set(options, ChatRequestFields.MaxCompletionTokens, maxCompletionTokens);

    /// <summary>
    /// Asks an image-capable chat model (one with <c>image</c> in its output modalities) for images: sets <c>modalities</c> to
    /// <c>["image","text"]</c>, or <c>["image"]</c> for models that only output images, and <c>image_config</c> when a setting is given.
    /// The images come back in the assistant message.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="includeText">Whether the model also answers with text; <see langword="false"/> for image-only models (e.g. Flux).</param>
    /// <param name="aspectRatio"><c>image_config.aspect_ratio</c>, e.g. <c>16:9</c>.</param>
    /// <param name="imageSize"><c>image_config.image_size</c>, e.g. <c>1K</c>, <c>2K</c> or <c>4K</c>.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithImageOutput(this ChatOptions options, bool includeText = true, string? aspectRatio = null, string? imageSize = null)
    {
        // A new array each time: the caller may change the stored value.
        string[] modalities = includeText ? ["image", "text"] : ["image"];
        Set(options, ChatRequestFields.Modalities, modalities);
        if (aspectRatio is null && imageSize is null)
        {
            return options;
        }

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (aspectRatio is not null)
        {
            config["aspect_ratio"] = aspectRatio;
        }

        if (imageSize is not null)
        {
            config["image_size"] = imageSize;
        }

        return Set(options, ChatRequestFields.ImageConfig, config);
    }

    /// <summary>
    /// Sets <c>session_id</c>: groups related requests (a conversation, an agent run) so OpenRouter routes them to the same
    /// provider, which keeps its prompt cache warm, and shows them together in its logs (at most 256 characters).
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="sessionId">The session id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithSessionId(this ChatOptions options, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Set(options, ChatRequestFields.SessionId, sessionId);
    }

    /// <summary>
    /// Sets the top-level <c>cache_control</c>: automatic prompt caching, where the provider places the breakpoint on the last
    /// cacheable block (Anthropic and others). For explicit breakpoints on parts, messages or tools see <see cref="OpenRouterPromptCachingExtensions"/>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="ttl">The cache lifetime (see <see cref="OpenRouterCacheControl.Ephemeral"/>); <see langword="null"/> for the provider's default.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithCacheControl(this ChatOptions options, TimeSpan? ttl = null) =>
        Set(options, ChatRequestFields.CacheControl, OpenRouterCacheControl.Ephemeral(ttl));

    /// <summary>Sets <c>max_tool_calls</c>: the most server-tool steps (web searches, fetches, …) OpenRouter runs for the request.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="maxToolCalls">The step budget (OpenRouter's default and maximum: 30).</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithMaxToolCalls(this ChatOptions options, int maxToolCalls)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxToolCalls);
        return Set(options, ChatRequestFields.MaxToolCalls, maxToolCalls);
    }

    /// <summary>Sets <c>stop_server_tools_when</c>: conditions that end OpenRouter's server-tool loop (any one fires); overrides <c>max_tool_calls</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="conditions">The conditions, e.g. <see cref="OpenRouterStopCondition.StepCountIs"/> and <see cref="OpenRouterStopCondition.MaxCost"/>.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithStopServerToolsWhen(this ChatOptions options, params IEnumerable<OpenRouterStopCondition> conditions) =>
        Set(options, ChatRequestFields.StopServerToolsWhen, conditions.ToArray());

    /// <summary>
    /// Asks an audio-capable model for spoken output: sets <c>modalities</c> to <c>["text","audio"]</c> and <c>audio</c> to the voice and format.
    /// The answer's audio comes back as one <see cref="DataContent"/> (chunks of a stream joined) and its transcript as text.
    /// OpenRouter delivers audio output only on streaming requests.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="voice">The voice, e.g. <c>alloy</c>.</param>
    /// <param name="format">The audio format: <c>wav</c>, <c>mp3</c>, <c>flac</c>, <c>opus</c> or <c>pcm16</c>.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithAudioOutput(this ChatOptions options, string voice = "alloy", string format = "wav")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        string[] modalities = ["text", "audio"];
        Set(options, ChatRequestFields.Modalities, modalities);
        return Set(options, ChatRequestFields.Audio, new Dictionary<string, object?>(StringComparer.Ordinal) { ["voice"] = voice, ["format"] = format });
    }

    /// <summary>
    /// Sends an HTTP header with requests made with these options only (e.g. OpenRouter's <c>X-OpenRouter-Cache-Clear</c>).
    /// The header is validated when the request is built; <c>Authorization</c> cannot be set this way.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static ChatOptions WithHeader(this ChatOptions options, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);

        // A new dictionary each time: a clone of these options shares the stored value, and must not see later headers.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.AdditionalProperties?.TryGetValue(ChatRequestFields.Headers.Name, out object? existing) == true &&
            existing is IEnumerable<KeyValuePair<string, string>> previous)
        {
            foreach (KeyValuePair<string, string> pair in previous)
            {
                headers[pair.Key] = pair.Value;
            }
        }

        headers[name] = value;
        return Set(options, ChatRequestFields.Headers, (IReadOnlyDictionary<string, string>)headers);
    }

    /// <summary>
    /// Turns on OpenRouter's response cache for requests made with these options: sends <c>X-OpenRouter-Cache: true</c> and, when
    /// given, <c>X-OpenRouter-Cache-TTL</c> in whole seconds. An identical request within the TTL is answered from the cache at no
    /// cost; the answer's <c>AdditionalProperties</c> carry <see cref="OpenRouterResponseProperties.ResponseCacheStatus"/>
    /// (<c>HIT</c> or <c>MISS</c>) and, on a hit, <see cref="OpenRouterResponseProperties.ResponseCacheAge"/>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="ttl">How long a cached answer stays valid (1 second to 1 day); <see langword="null"/> for OpenRouter's default (5 minutes).</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> is shorter than a second or longer than a day.</exception>
    public static ChatOptions WithResponseCaching(this ChatOptions options, TimeSpan? ttl = null)
    {
        if (ttl is { } t && (t < TimeSpan.FromSeconds(1) || t > TimeSpan.FromDays(1)))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "OpenRouter's response cache keeps answers from 1 second to 1 day (86,400 seconds).");
        }

        options.WithHeader("X-OpenRouter-Cache", "true");
        return ttl is { } seconds
            ? options.WithHeader("X-OpenRouter-Cache-TTL", ((long)seconds.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : options;
    }

    private static ChatOptions Set(ChatOptions options, ChatRequestField field, object value)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties = AdditionalFields.Set(options.AdditionalProperties, field.Name, value);
        return options;
    }
}
