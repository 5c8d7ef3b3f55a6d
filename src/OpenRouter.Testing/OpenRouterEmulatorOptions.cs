namespace OpenRouter.Testing;

/// <summary>Options for <see cref="OpenRouterEmulator.StartAsync(OpenRouterEmulatorOptions?, CancellationToken)"/>.</summary>
public sealed class OpenRouterEmulatorOptions
{
    /// <summary>The model written in responses when neither the response nor the request names one.</summary>
    public const string DefaultModel = "openrouter/emulator";

    /// <summary>
    /// Gets or sets a fixed model id written in every generated response. When <see langword="null"/> (the default),
    /// the request's <c>model</c> is echoed, or <see cref="DefaultModel"/> when the request has none.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the provider name written in generated responses (<c>"provider"</c>).</summary>
    public string Provider { get; set; } = "OpenRouterEmulator";

    /// <summary>
    /// Gets or sets a value indicating whether requests must carry an <c>Authorization: Bearer …</c> header. When set,
    /// requests without one get OpenRouter's 401 (<c>No auth credentials found</c>). Any key is accepted unless
    /// <see cref="ApiKey"/> is set.
    /// </summary>
    public bool RequireApiKey { get; set; }

    /// <summary>
    /// Gets or sets the only accepted API key (implies <see cref="RequireApiKey"/>); another key gets OpenRouter's 401 for an
    /// unknown key (<c>User not found.</c>).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the emulator accepts what OpenRouter refuses. Off by default: like OpenRouter,
    /// a chat request without messages gets a 400 (<c>Input required: specify "prompt" or "messages"</c>), a model id the
    /// catalog does not know a 400 (<c>{id} is not a valid model ID</c>, also for embeddings and images), and function tools,
    /// a forced <c>tool_choice</c> or image, audio or video input for a model whose catalog entry lacks them a 404
    /// (<c>No endpoints found that support tool use.</c> …), as does any parameter the model does not list when the request
    /// sets <c>provider.require_parameters</c>. These checks run before the queue and the <see cref="Handler"/> are consulted.
    /// Set to <see langword="true"/> for tests that send placeholder model ids.
    /// </summary>
    public bool Lenient { get; set; }

    /// <summary>
    /// Gets or sets the pause before each streamed event after the first, so a stream arrives word by word as a model's
    /// would. 20 ms by default; <see cref="TimeSpan.Zero"/> sends every event at once (what tests that measure nothing
    /// about time want). A response's own <c>WithEventDelay</c> wins.
    /// </summary>
    public TimeSpan TokenDelay { get; set; } = DefaultTokenDelay;

    /// <summary>The default <see cref="TokenDelay"/>, 20 ms.</summary>
    public static TimeSpan DefaultTokenDelay { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets the port to listen on, on <c>127.0.0.1</c>; 0 (the default) takes a free port.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the price per token used to estimate <c>usage.cost</c> when a response has no explicit usage.</summary>
    public decimal CostPerToken { get; set; } = 0.000001m;

    /// <summary>Gets or sets the <c>total_credits</c> that <c>GET /credits</c> reports; its <c>total_usage</c> is the sum of the costs of the generations answered so far.</summary>
    public decimal TotalCredits { get; set; } = 100m;

    /// <summary>
    /// Gets or sets a handler consulted for each <c>/chat/completions</c> request when the queue is empty. Return a
    /// response to answer with it, or <see langword="null"/> to fall back to the default demo script.
    /// </summary>
    public Func<RecordedRequest, EmulatorResponse?>? Handler { get; set; }

    /// <summary>
    /// Gets or sets the JSON served by <c>GET /models</c> (a <c>ModelsListResponse</c>); when <see langword="null"/>,
    /// <see cref="OpenRouterEmulator.CatalogJson"/> is served.
    /// </summary>
    public string? CatalogJson { get; set; }
}
