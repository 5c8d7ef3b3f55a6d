using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers OpenRouter's <see cref="IChatClient"/>, embedding generator and image generator from the host's configuration.</summary>
public static class OpenRouterHostApplicationBuilderExtensions
{
    /// <summary>The default configuration section, <c>OpenRouter</c>.</summary>
    public const string DefaultConfigSectionName = "OpenRouter";

    /// <summary>
    /// Registers an OpenRouter <see cref="IChatClient"/> bound to the configuration section <paramref name="configSectionName"/>
    /// (<c>OpenRouter:ApiKey</c>, <c>OpenRouter:Endpoint</c>, <c>OpenRouter:DefaultModelId</c>, <c>OpenRouter:AppUrl</c>, <c>OpenRouter:AppTitle</c>,
    /// <c>OpenRouter:StreamIdleTimeout</c>, <c>OpenRouter:AllowInsecureHttp</c>). The key falls back to <c>OPENROUTER_API_KEY</c> and the endpoint to
    /// <c>OPENROUTER_BASE_URL</c>; without a key, a loopback endpoint works and any other fails at the first call that needs a key,
    /// before anything is sent, with a message that names both. Everything else as in
    /// <see cref="OpenRouterServiceCollectionExtensions.AddOpenRouterChatClient(IServiceCollection, Configuration.IConfiguration, Action{IHttpClientBuilder}?)"/>.
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configSectionName">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddOpenRouterChatClient(
        this IHostApplicationBuilder builder, string configSectionName = DefaultConfigSectionName, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configSectionName);
        return builder.Services.AddOpenRouterChatClient(builder.Configuration.GetSection(configSectionName), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter <see cref="IChatClient"/> bound to <paramref name="configSectionName"/> (by default <c>OpenRouter:{serviceKey}</c>).</summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="serviceKey">The service key.</param>
    /// <param name="configSectionName">The configuration section; <see langword="null"/> for <c>OpenRouter:{serviceKey}</c>.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddKeyedOpenRouterChatClient(
        this IHostApplicationBuilder builder, string serviceKey, string? configSectionName = null, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        string section = configSectionName ?? $"{DefaultConfigSectionName}:{serviceKey}";
        return builder.Services.AddKeyedOpenRouterChatClient(serviceKey, builder.Configuration.GetSection(section), configureHttpClient);
    }

    /// <summary>
    /// Registers an OpenRouter embedding generator bound to the configuration section <paramref name="configSectionName"/>, as
    /// <see cref="AddOpenRouterChatClient"/> does for chat (plus <c>OpenRouter:DefaultEmbeddingModelId</c>).
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configSectionName">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOpenRouterEmbeddingGenerator(
        this IHostApplicationBuilder builder, string configSectionName = DefaultConfigSectionName, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configSectionName);
        return builder.Services.AddOpenRouterEmbeddingGenerator(builder.Configuration.GetSection(configSectionName), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter embedding generator bound to <paramref name="configSectionName"/> (by default <c>OpenRouter:{serviceKey}</c>).</summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="serviceKey">The service key.</param>
    /// <param name="configSectionName">The configuration section; <see langword="null"/> for <c>OpenRouter:{serviceKey}</c>.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> to add middleware.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOpenRouterEmbeddingGenerator(
        this IHostApplicationBuilder builder, string serviceKey, string? configSectionName = null, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        string section = configSectionName ?? $"{DefaultConfigSectionName}:{serviceKey}";
        return builder.Services.AddKeyedOpenRouterEmbeddingGenerator(serviceKey, builder.Configuration.GetSection(section), configureHttpClient);
    }

    /// <summary>Registers an OpenRouter image generator bound to <paramref name="configSectionName"/> (plus <c>OpenRouter:DefaultImageModelId</c>).</summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configSectionName">The configuration section.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddOpenRouterImageGenerator(
        this IHostApplicationBuilder builder, string configSectionName = DefaultConfigSectionName, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configSectionName);
        return builder.Services.AddOpenRouterImageGenerator(builder.Configuration.GetSection(configSectionName), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter image generator bound to <paramref name="configSectionName"/> (by default <c>OpenRouter:{serviceKey}</c>).</summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="serviceKey">The service key.</param>
    /// <param name="configSectionName">The configuration section; <see langword="null"/> for <c>OpenRouter:{serviceKey}</c>.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>An <see cref="ImageGeneratorBuilder"/> to add middleware.</returns>
    [Experimental("MEAI001")]
    public static ImageGeneratorBuilder AddKeyedOpenRouterImageGenerator(
        this IHostApplicationBuilder builder, string serviceKey, string? configSectionName = null, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        string section = configSectionName ?? $"{DefaultConfigSectionName}:{serviceKey}";
        return builder.Services.AddKeyedOpenRouterImageGenerator(serviceKey, builder.Configuration.GetSection(section), configureHttpClient);
    }
}
