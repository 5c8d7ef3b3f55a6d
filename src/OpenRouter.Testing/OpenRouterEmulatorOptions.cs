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
    /// requests without one get a 401 JSON error. Any key is accepted unless <see cref="ApiKey"/> is set.
    /// </summary>
    public bool RequireApiKey { get; set; }

    /// <summary>Gets or sets the only accepted API key (implies <see cref="RequireApiKey"/>); other keys get a 401 JSON error.</summary>
    public string? ApiKey { get; set; }

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
