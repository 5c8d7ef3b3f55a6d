using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenRouter.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OpenRouter's <see cref="IChatClient"/> with its options, a named <see cref="HttpClient"/> with resilience, and an
/// <c>IMemoryCache</c>, in one call; and OpenRouter's embedding and image generators with the same options and <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// <para>
/// Options are named options of <see cref="OpenRouterClientOptions"/> (the default name, or the service key for keyed
/// registrations). A missing <see cref="OpenRouterClientOptions.ApiKey"/> falls back to the configuration value
/// <c>OPENROUTER_API_KEY</c> (present when environment variables are part of the configuration) and then to the
/// <c>OPENROUTER_API_KEY</c> environment variable, and a missing <see cref="OpenRouterClientOptions.Endpoint"/> to the <c>OPENROUTER_BASE_URL</c>
/// environment variable (an <c>Endpoint</c> in configuration wins). The rule for a missing key is that of a client constructed directly:
/// a loopback endpoint such as the emulator needs none; a call that needs one fails with a one-line <see cref="OpenRouterException"/>
/// before anything is sent. An insecure or path-less endpoint fails options validation (at start-up in a host).
/// </para>
/// <para>
/// The <see cref="HttpClient"/> is the <c>IHttpClientFactory</c> named client <c>OpenRouter</c> (<c>OpenRouter:{serviceKey}</c> when keyed,
/// see <see cref="GetHttpClientName"/>) with a standard resilience handler configured by <see cref="OpenRouterResilience.Configure"/>;
/// adjust it with <c>services.Configure&lt;HttpStandardResilienceOptions&gt;("OpenRouter-standard", …)</c>, or replace it through
/// the <c>configureHttpClient</c> callback (<c>b =&gt; b.RemoveAllResilienceHandlers().AddResilienceHandler(…)</c>).
/// Logged header values of that client are redacted, so the <c>Authorization</c> header never reaches the logs.
/// </para>
/// <para>
/// The <see cref="OpenRouterModelCatalog"/> (used by the capability check) reads the named options of <see cref="OpenRouterModelCatalogOptions"/>
/// (same name as the client options; set them with <c>services.Configure&lt;OpenRouterModelCatalogOptions&gt;(…)</c>). It keeps its loads in the
/// <c>IMemoryCache</c>, and, when a <see cref="HybridCache"/> is registered (<c>services.AddHybridCache()</c>, typically over a distributed cache
/// such as Redis), shares them through it with the other instances of the application.
/// </para>
/// </remarks>
public static class OpenRouterServiceCollectionExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client used by the non-keyed registration.</summary>
    public const string HttpClientName = "OpenRouter";

    /// <summary>The environment variable (or root configuration key) read when no API key is configured.</summary>
    public const string ApiKeyEnvironmentVariable = OpenRouterTransport.ApiKeyEnvironmentVariable;

    /// <summary>Registers an OpenRouter <see cref="IChatClient"/> configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (key, default model, attribution…).</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults (handlers, resilience, primary handler).</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware, e.g. <c>.UseFunctionInvocation().UseOpenTelemetry().UseLogging()</c>.</returns>
    public static ChatClientBuilder AddOpenRouterChatClient(
        this IServiceCollection services, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, serviceKey: null, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers an OpenRouter <see cref="IChatClient"/> bound to a configuration section (keys <c>ApiKey</c>, <c>Endpoint</c>, <c>DefaultModelId</c>, <c>AppUrl</c>, <c>AppTitle</c>, <c>StreamIdleTimeout</c>, <c>AllowInsecureHttp</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section, e.g. <c>configuration.GetSection("OpenRouter")</c>.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddOpenRouterChatClient(
        this IServiceCollection services, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, serviceKey: null, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter <see cref="IChatClient"/> configured in code; resolve it with <c>[FromKeyedServices(serviceKey)]</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddKeyedOpenRouterChatClient(
        this IServiceCollection services, string serviceKey, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, serviceKey, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter <see cref="IChatClient"/> bound to a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddKeyedOpenRouterChatClient(
        this IServiceCollection services, string serviceKey, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, serviceKey, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>
    /// Adds the <c>IHttpClientFactory</c> named client of a registration (<see cref="GetHttpClientName"/>) with the OpenRouter
    /// defaults: the standard resilience handler configured by <see cref="OpenRouterResilience.Configure"/>, redacted logged headers
    /// and an infinite <see cref="HttpClient.Timeout"/>. The defaults are added once per name, so calling this again is harmless.
    /// For integrations that create their own clients over OpenRouter (the Semantic Kernel package does).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key, or <see langword="null"/> for the non-keyed client <c>OpenRouter</c>.</param>
    /// <returns>The client's builder, to add handlers or replace the resilience handler.</returns>
    public static IHttpClientBuilder AddOpenRouterHttpClient(this IServiceCollection services, string? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddHttpClient(services, GetHttpClientName(serviceKey));
    }

    /// <summary>
    /// Registers an OpenRouter <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (<see cref="OpenRouterEmbeddingGenerator"/>) configured in code,
    /// with the same options, named <see cref="HttpClient"/> and resilience as the chat client. Set <see cref="OpenRouterClientOptions.DefaultEmbeddingModelId"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (key, default embedding model…).</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware, e.g. <c>.UseDistributedCache()</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOpenRouterEmbeddingGenerator(
        this IServiceCollection services, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddEmbeddingCore(services, serviceKey: null, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers an OpenRouter embedding generator bound to a configuration section (keys as for the chat client, plus <c>DefaultEmbeddingModelId</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section, e.g. <c>configuration.GetSection("OpenRouter")</c>.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOpenRouterEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddEmbeddingCore(services, serviceKey: null, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter embedding generator configured in code; resolve it with <c>[FromKeyedServices(serviceKey)]</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOpenRouterEmbeddingGenerator(
        this IServiceCollection services, string serviceKey, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return AddEmbeddingCore(services, serviceKey, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter embedding generator bound to a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOpenRouterEmbeddingGenerator(
        this IServiceCollection services, string serviceKey, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddEmbeddingCore(services, serviceKey, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>
    /// Registers an OpenRouter <see cref="IImageGenerator"/> (<see cref="OpenRouterImageGenerator"/>) configured in code, with the same options,
    /// named <see cref="HttpClient"/> and resilience as the chat client. Set <see cref="OpenRouterClientOptions.DefaultImageModelId"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (key, default image model…).</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddOpenRouterImageGenerator(
        this IServiceCollection services, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddImageCore(services, serviceKey: null, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers an OpenRouter image generator bound to a configuration section (keys as for the chat client, plus <c>DefaultImageModelId</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddOpenRouterImageGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddImageCore(services, serviceKey: null, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter image generator configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddKeyedOpenRouterImageGenerator(
        this IServiceCollection services, string serviceKey, Action<OpenRouterClientOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return AddImageCore(services, serviceKey, o => o.Configure(configure), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter image generator bound to a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The service key; also the options name and part of the <see cref="HttpClient"/> name.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddKeyedOpenRouterImageGenerator(
        this IServiceCollection services, string serviceKey, IConfiguration configuration, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddImageCore(services, serviceKey, o => o.Bind(configuration), configureHttpClient);
    }

    /// <summary>Gets the <c>IHttpClientFactory</c> client name used for a registration: <c>OpenRouter</c>, or <c>OpenRouter:{serviceKey}</c>.</summary>
    /// <param name="serviceKey">The service key, or <see langword="null"/> for the non-keyed registration.</param>
    /// <returns>The client name.</returns>
    public static string GetHttpClientName(string? serviceKey) => serviceKey is null ? HttpClientName : $"{HttpClientName}:{serviceKey}";

    private static ChatClientBuilder AddCore(
        IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<OpenRouterClientOptions>> configureOptions,
        Action<IHttpClientBuilder>? configureHttpClient)
    {
        string optionsName = AddOptionsAndHttpClient(services, serviceKey, configureOptions, configureHttpClient);
        services.AddMemoryCache();

        // The REST client and the model catalog share these options and this HttpClient.
        if (serviceKey is null)
        {
            services.TryAddSingleton(sp => new OpenRouterClient(GetOptions(sp, optionsName), CreateHttpClient(sp, serviceKey), sp.GetService<TimeProvider>()));
            services.TryAddSingleton(sp => CreateCatalog(sp, optionsName, sp.GetRequiredService<OpenRouterClient>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (sp, _) => new OpenRouterClient(GetOptions(sp, optionsName), CreateHttpClient(sp, serviceKey), sp.GetService<TimeProvider>()));
            services.TryAddKeyedSingleton(serviceKey, (sp, key) => CreateCatalog(sp, optionsName, sp.GetRequiredKeyedService<OpenRouterClient>(key)));
        }

        return serviceKey is null
            ? services.AddChatClient(sp => CreateChatClient(sp, optionsName, serviceKey))
            : services.AddKeyedChatClient(serviceKey, sp => CreateChatClient(sp, optionsName, serviceKey));
    }

    private static EmbeddingGeneratorBuilder<string, Embedding<float>> AddEmbeddingCore(
        IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<OpenRouterClientOptions>> configureOptions,
        Action<IHttpClientBuilder>? configureHttpClient)
    {
        string optionsName = AddOptionsAndHttpClient(services, serviceKey, configureOptions, configureHttpClient);
        Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory =
            sp => new OpenRouterEmbeddingGenerator(GetOptions(sp, optionsName), CreateHttpClient(sp, serviceKey));
        return serviceKey is null ? services.AddEmbeddingGenerator(factory) : services.AddKeyedEmbeddingGenerator(serviceKey, factory);
    }

    [Experimental("MEAI001")]
    private static ImageGeneratorBuilder AddImageCore(
        IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<OpenRouterClientOptions>> configureOptions,
        Action<IHttpClientBuilder>? configureHttpClient)
    {
        string optionsName = AddOptionsAndHttpClient(services, serviceKey, configureOptions, configureHttpClient);
        Func<IServiceProvider, IImageGenerator> factory = sp => new OpenRouterImageGenerator(GetOptions(sp, optionsName), CreateHttpClient(sp, serviceKey));
        return serviceKey is null ? services.AddImageGenerator(factory) : services.AddKeyedImageGenerator(serviceKey, factory);
    }

    /// <summary>The part every registration shares: the named, validated options and the named <see cref="HttpClient"/> with resilience.</summary>
    private static string AddOptionsAndHttpClient(
        IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<OpenRouterClientOptions>> configureOptions,
        Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(services);
        string optionsName = serviceKey ?? Options.Options.DefaultName;

        OptionsBuilder<OpenRouterClientOptions> options = services.AddOptions<OpenRouterClientOptions>(optionsName);
        configureOptions(options);
        AddApiKeyFallbackAndValidation(options);

        IHttpClientBuilder http = AddHttpClient(services, GetHttpClientName(serviceKey));
        configureHttpClient?.Invoke(http);
        return optionsName;
    }

    /// <summary>Adds the named client with the OpenRouter defaults once per name.</summary>
    private static IHttpClientBuilder AddHttpClient(IServiceCollection services, string name)
    {
        IHttpClientBuilder http = services.AddHttpClient(name);
        if (services.Any(d => d.ServiceType == typeof(HttpClientMarker) && d.ImplementationInstance is HttpClientMarker m && m.Name == name))
        {
            return http;
        }

        services.AddSingleton(new HttpClientMarker(name));

        // The resilience pipeline's timeouts bound each request up to its headers; streams are bounded by the caller.
        http.ConfigureHttpClient(static c => c.Timeout = Timeout.InfiniteTimeSpan);
        http.RedactLoggedHeaders(static _ => true);

        // Redirects are not followed: a 307 would re-send the POST body (the prompt) to another address. A primary handler
        // that configureHttpClient sets later keeps its own settings.
        http.ConfigurePrimaryHttpMessageHandler(static (handler, _) =>
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler client:
                    client.AllowAutoRedirect = false;
                    break;
            }
        });

        // Outside the resilience handler: its rejections and timeouts become the exceptions the transport maps.
        http.AddHttpMessageHandler(static () => new ResilienceRejectionHandler());
        http.AddStandardResilienceHandler(OpenRouterResilience.Configure);
        return http;
    }

    /// <summary>Resolves the named options (validated) of a registration.</summary>
    internal static OpenRouterClientOptions GetOptions(IServiceProvider services, string optionsName) =>
        services.GetRequiredService<IOptionsMonitor<OpenRouterClientOptions>>().Get(optionsName);

    /// <summary>Creates the named <see cref="HttpClient"/> of a registration.</summary>
    private static HttpClient CreateHttpClient(IServiceProvider services, string? serviceKey) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(GetHttpClientName(serviceKey));

    /// <summary>Reads the fallback API key: the root configuration value, then the environment variable.</summary>
    internal static string? GetFallbackApiKey(IServiceProvider? services)
    {
        string? fromConfiguration = services?.GetService<IConfiguration>()?[ApiKeyEnvironmentVariable];
        return string.IsNullOrWhiteSpace(fromConfiguration) ? OpenRouterTransport.ApiKeyFromEnvironment() : fromConfiguration;
    }

    /// <summary>
    /// The key falls back to <c>OPENROUTER_API_KEY</c> (configuration, then environment) and the endpoint to <c>OPENROUTER_BASE_URL</c>
    /// (read by the options themselves). A missing key is not a start-up failure: as for a client constructed directly, a loopback
    /// endpoint needs none, and a call that needs one fails with the same one-line <see cref="OpenRouterException"/> before anything is sent.
    /// </summary>
    private static void AddApiKeyFallbackAndValidation(OptionsBuilder<OpenRouterClientOptions> options)
    {
        options
            .PostConfigure<IServiceProvider>(static (o, sp) =>
            {
                if (string.IsNullOrWhiteSpace(o.ApiKey))
                {
                    o.ApiKey = GetFallbackApiKey(sp);
                }
            })
            .Validate(
                static o => IsSecureEndpoint(o),
                "OpenRouterClientOptions.Endpoint must be an absolute https address such as https://openrouter.ai/api/v1/ " +
                "(plain http only to a loopback address, or with AllowInsecureHttp).")
            .Validate(
                static o => HasApiPath(o.Endpoint),
                "OpenRouterClientOptions.Endpoint points at openrouter.ai without the API path: use https://openrouter.ai/api/v1/.")
            .ValidateOnStart();
    }

    /// <summary>An absolute https address; plain http only to a loopback address or when <see cref="OpenRouterClientOptions.AllowInsecureHttp"/> is set.</summary>
    private static bool IsSecureEndpoint(OpenRouterClientOptions options) =>
        options.Endpoint is { IsAbsoluteUri: true } endpoint &&
        (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && (endpoint.IsLoopback || options.AllowInsecureHttp)));

    /// <summary>OpenRouter's own host serves the API under <c>/api/v1</c>; other hosts (proxies, the emulator) are taken as they are.</summary>
    private static bool HasApiPath(Uri? endpoint) =>
        endpoint is not { IsAbsoluteUri: true } ||
        !(endpoint.Host.Equals("openrouter.ai", StringComparison.OrdinalIgnoreCase) || endpoint.Host.EndsWith(".openrouter.ai", StringComparison.OrdinalIgnoreCase)) ||
        endpoint.AbsolutePath.StartsWith("/api/v1", StringComparison.Ordinal);

    private static OpenRouterChatClient CreateChatClient(IServiceProvider services, string optionsName, string? serviceKey)
    {
        OpenRouterClientOptions options = GetOptions(services, optionsName);
        HttpClient http = CreateHttpClient(services, serviceKey);
        if (options.CapabilityCheck == OpenRouterCapabilityCheck.Off)
        {
            return new(options, http);
        }

        OpenRouterModelCatalog catalog = serviceKey is null
            ? services.GetRequiredService<OpenRouterModelCatalog>()
            : services.GetRequiredKeyedService<OpenRouterModelCatalog>(serviceKey);
        return new(options, http, catalog, options.CapabilityCheck, services.GetService<ILogger<OpenRouterChatClient>>());
    }

    private static OpenRouterModelCatalog CreateCatalog(IServiceProvider services, string optionsName, OpenRouterClient client)
    {
        OpenRouterModelCatalogOptions options = services.GetRequiredService<IOptionsMonitor<OpenRouterModelCatalogOptions>>().Get(optionsName);
        TimeProvider? time = services.GetService<TimeProvider>();
        ILogger<OpenRouterModelCatalog>? logger = services.GetService<ILogger<OpenRouterModelCatalog>>();
        return services.GetService<HybridCache>() is { } shared
            ? new(client, shared, options, time, logger)
            : new(client, services.GetService<IMemoryCache>(), options, time, logger);
    }

    private sealed record HttpClientMarker(string Name);
}
