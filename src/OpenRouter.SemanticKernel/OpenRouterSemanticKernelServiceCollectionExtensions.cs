using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenRouter.Extensions.AI;
using OpenRouter.SemanticKernel;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenRouter chat and embedding services for Semantic Kernel on an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// The chat pipeline is <c>OpenRouterChatClient</c> wrapped by <c>UseKernelFunctionInvocation</c> (Semantic Kernel's function calling,
/// so auto function invocation filters run) and <c>UseOpenTelemetry</c>. Without an <c>httpClient</c> argument the
/// <c>IHttpClientFactory</c> client <c>OpenRouter</c> (<c>OpenRouter:{serviceId}</c>) with the OpenRouter resilience defaults is used.
/// A <see langword="null"/> API key falls back to <c>OPENROUTER_API_KEY</c> (configuration value, then environment variable) and a
/// <see langword="null"/> endpoint to <c>OPENROUTER_BASE_URL</c>. The rule for a missing key is the one of every OpenRouter client: a
/// loopback endpoint such as the emulator needs none, and any other fails at the first call, before anything is sent, with a one-line
/// <see cref="OpenRouterException"/> that says what to set.
/// </remarks>
public static class OpenRouterSemanticKernelServiceCollectionExtensions
{
    /// <summary>Registers an OpenRouter <see cref="IChatCompletionService"/>, keyed by <paramref name="serviceId"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The model, e.g. <c>openai/gpt-4o</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for a non-keyed service.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else <c>https://openrouter.ai/api/v1/</c>.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOpenRouterChatCompletion(
        this IServiceCollection services, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        Func<IServiceProvider, IChatClient> factory = Prepare(services, modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        services.AddKeyedSingleton<IChatCompletionService>(serviceId, (sp, _) => new OpenRouterChatCompletionService(factory(sp).AsChatCompletionService(sp)));
        return services;
    }

    /// <summary>Registers an OpenRouter <see cref="IChatClient"/> (with Semantic Kernel function invocation), keyed by <paramref name="serviceId"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The model, e.g. <c>openai/gpt-4o</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for a non-keyed service.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else <c>https://openrouter.ai/api/v1/</c>.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOpenRouterChatClient(
        this IServiceCollection services, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        Func<IServiceProvider, IChatClient> factory = Prepare(services, modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        services.AddKeyedSingleton(serviceId, (sp, _) => factory(sp));
        return services;
    }

    /// <summary>
    /// Registers an OpenRouter <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (for Semantic Kernel's vector stores and memory), keyed by
    /// <paramref name="serviceId"/>, with the same HTTP set-up as the chat services and MEAI's OpenTelemetry middleware.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="modelId">The embedding model, e.g. <c>openai/text-embedding-3-small</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/> for a non-keyed service.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else <c>https://openrouter.ai/api/v1/</c>.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddOpenRouterEmbeddingGenerator(
        this IServiceCollection services, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        Func<IServiceProvider, (OpenRouterClientOptions Options, HttpClient Http)> connection =
            PrepareConnection(services, modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        services.AddKeyedSingleton(serviceId, (sp, _) =>
        {
            (OpenRouterClientOptions options, HttpClient http) = connection(sp);
            options.DefaultEmbeddingModelId = modelId;
            return new EmbeddingGeneratorBuilder<string, Embedding<float>>(new OpenRouterEmbeddingGenerator(options, http))
                .UseOpenTelemetry(sp.GetService<ILoggerFactory>())
                .Build(sp);
        });
        return services;
    }

    private static Func<IServiceProvider, IChatClient> Prepare(
        IServiceCollection services, string modelId, string? apiKey, string? serviceId, HttpClient? httpClient, Uri? endpoint, string? appUrl, string? appTitle)
    {
        Func<IServiceProvider, (OpenRouterClientOptions Options, HttpClient Http)> connection =
            PrepareConnection(services, modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        return sp =>
        {
            (OpenRouterClientOptions options, HttpClient http) = connection(sp);
            options.DefaultModelId = modelId;
            ILoggerFactory? loggerFactory = sp.GetService<ILoggerFactory>();
            return new ChatClientBuilder(new OpenRouterChatClient(options, http))
                .UseKernelFunctionInvocation(loggerFactory)
                .UseOpenTelemetry(loggerFactory)
                .Build(sp);
        };
    }

    /// <summary>Validates the arguments, adds the named <see cref="HttpClient"/> when none is given, and returns how to build the options and client.</summary>
    private static Func<IServiceProvider, (OpenRouterClientOptions Options, HttpClient Http)> PrepareConnection(
        IServiceCollection services, string modelId, string? apiKey, string? serviceId, HttpClient? httpClient, Uri? endpoint, string? appUrl, string? appTitle)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (httpClient is null)
        {
            services.AddOpenRouterHttpClient(serviceId);
        }

        return sp =>
        {
            // Unset values are read from OPENROUTER_API_KEY and OPENROUTER_BASE_URL by the client itself.
            var options = new OpenRouterClientOptions
            {
                ApiKey = string.IsNullOrWhiteSpace(apiKey) ? ConfiguredApiKey(sp) : apiKey,
                Endpoint = endpoint,
                AppUrl = appUrl,
                AppTitle = appTitle,
            };
            return (options, httpClient ?? sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenRouterServiceCollectionExtensions.GetHttpClientName(serviceId)));
        };
    }

    /// <summary>The root configuration value <c>OPENROUTER_API_KEY</c> (the client reads the environment variable when this is null).</summary>
    private static string? ConfiguredApiKey(IServiceProvider services) =>
        services.GetService<IConfiguration>()?[OpenRouterServiceCollectionExtensions.ApiKeyEnvironmentVariable];
}
