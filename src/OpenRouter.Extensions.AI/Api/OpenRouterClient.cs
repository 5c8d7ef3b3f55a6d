namespace OpenRouter.Extensions.AI;

/// <summary>
/// A typed client for OpenRouter's REST API other than chat: the model catalog, endpoints, providers, API key management,
/// the OAuth PKCE flow, generation stats and credits. Calls are grouped by area: <see cref="Models"/>, <see cref="Providers"/>,
/// <see cref="Keys"/>, <see cref="Auth"/>, <see cref="Generations"/>, <see cref="Credits"/>.
/// </summary>
/// <remarks>
/// Every failure (an HTTP error status, an error body sent with a 200, a malformed answer or a broken connection)
/// surfaces as <see cref="OpenRouterException"/>. The client is thread-safe; create one and reuse it.
/// </remarks>
public sealed class OpenRouterClient : IDisposable
{
    private readonly OpenRouterTransport _transport;

    /// <summary>Initializes a new instance for OpenRouter's API with an API key.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is <see langword="null"/>, empty or blank.</exception>
    public OpenRouterClient(string apiKey)
        : this(new OpenRouterClientOptions { ApiKey = OpenRouterTransport.RequireApiKey(apiKey) })
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The endpoint, API key and attribution settings. Read once; later changes are not seen. A <see langword="null"/> <see cref="OpenRouterClientOptions.ApiKey"/> is read from the <c>OPENROUTER_API_KEY</c> environment variable.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send with; when <see langword="null"/>, the client creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint in <paramref name="options"/> is not a valid address.</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // new(...) { ApiKey = … } picks this one, not (string apiKey, …).
    public OpenRouterClient(OpenRouterClientOptions options, HttpClient? httpClient = null)
        : this(options, httpClient, timeProvider: null)
    {
    }

    /// <summary>Initializes a new instance with a clock for the brief retries of <see cref="OpenRouterGenerationsClient"/>.</summary>
    /// <param name="options">The endpoint, API key and attribution settings. Read once; later changes are not seen.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send with; when <see langword="null"/>, the client creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <param name="timeProvider">The clock the generation stats call waits with between retries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint in <paramref name="options"/> is not a valid address.</exception>
    public OpenRouterClient(OpenRouterClientOptions options, HttpClient? httpClient, TimeProvider? timeProvider)
    {
        _transport = new OpenRouterTransport(options, httpClient);
        Models = new OpenRouterModelsClient(_transport);
        Providers = new OpenRouterProvidersClient(_transport);
        Keys = new OpenRouterKeysClient(_transport);
        Auth = new OpenRouterAuthClient(_transport);
        Generations = new OpenRouterGenerationsClient(_transport, timeProvider ?? TimeProvider.System);
        Credits = new OpenRouterCreditsClient(_transport);
    }

    /// <summary>Gets the model catalog calls: models, their endpoints and supported parameters.</summary>
    public OpenRouterModelsClient Models { get; }

    /// <summary>Gets the provider list call.</summary>
    public OpenRouterProvidersClient Providers { get; }

    /// <summary>Gets the API key calls: the current key, and management of keys with a provisioning key.</summary>
    public OpenRouterKeysClient Keys { get; }

    /// <summary>Gets the OAuth PKCE calls: creating and exchanging authorization codes.</summary>
    public OpenRouterAuthClient Auth { get; }

    /// <summary>Gets the generation stats call: exact cost, latency and provider of a generation, after the fact.</summary>
    public OpenRouterGenerationsClient Generations { get; }

    /// <summary>Gets the credits call: total credits purchased and used.</summary>
    public OpenRouterCreditsClient Credits { get; }

    /// <summary>Gets the hashes of the endpoint and the API key that scope what is cached for this client (the model catalog's keys).</summary>
    internal TenantScope Scope => _transport.Scope;

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it; a supplied one is left alone.</summary>
    public void Dispose() => _transport.Dispose();
}
