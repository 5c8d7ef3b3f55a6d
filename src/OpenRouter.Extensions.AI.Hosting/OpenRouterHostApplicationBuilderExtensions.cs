using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenRouter.Extensions.AI;
using ModelKind = OpenRouter.Extensions.AI.OpenRouterConnectionString.ModelKind;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers OpenRouter's <see cref="IChatClient"/>, embedding generator and image generator from the host's configuration.</summary>
public static class OpenRouterHostApplicationBuilderExtensions
{
    /// <summary>The default configuration section, <c>OpenRouter</c>.</summary>
    public const string DefaultConfigSectionName = "OpenRouter";

    /// <summary>
    /// Registers an OpenRouter <see cref="IChatClient"/> configured by the name <paramref name="configSectionName"/>: the
    /// configuration section of that name (<c>ApiKey</c>, <c>Endpoint</c>, <c>DefaultModelId</c>, <c>AppUrl</c>, <c>AppTitle</c>,
    /// <c>StreamIdleTimeout</c>, <c>AllowInsecureHttp</c>, <c>CapabilityCheck</c>, the telemetry switches…; the package's
    /// <c>ConfigurationSchema.json</c> lists them), and the connection string of that name, <c>ConnectionStrings:{name}</c>, in
    /// Aspire's form <c>Endpoint=…;Key=…;Model=…</c>. Precedence, highest first: the connection string (the keys it has), the
    /// section, then <c>OPENROUTER_API_KEY</c> for a key set nowhere (and <c>OPENROUTER_BASE_URL</c> for an endpoint set nowhere);
    /// without a key, a loopback endpoint works and any other fails at the first call that needs a key, before anything is
    /// sent, with a message that names where to set it. Everything else as in
    /// <see cref="OpenRouterServiceCollectionExtensions.AddOpenRouterChatClient(IServiceCollection, Configuration.IConfiguration, Action{IHttpClientBuilder}?)"/>.
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configSectionName">The name of the configuration section and of the connection string, e.g. <c>openrouter</c> as an Aspire AppHost names the resource.</param>
    /// <param name="configureHttpClient">Optionally adjusts the named <see cref="HttpClient"/>, after the defaults.</param>
    /// <returns>A <see cref="ChatClientBuilder"/> to add middleware.</returns>
    public static ChatClientBuilder AddOpenRouterChatClient(
        this IHostApplicationBuilder builder, string configSectionName = DefaultConfigSectionName, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configSectionName);
        return OpenRouterServiceCollectionExtensions.AddCore(
            builder.Services, serviceKey: null, FromConfiguration(builder, configSectionName, configSectionName, ModelKind.Chat), configureHttpClient);
    }

    /// <summary>
    /// Registers a keyed OpenRouter <see cref="IChatClient"/> bound to <paramref name="configSectionName"/> (by default
    /// <c>OpenRouter:{serviceKey}</c>) and the connection string <c>ConnectionStrings:{serviceKey}</c>, with the precedence of
    /// <see cref="AddOpenRouterChatClient"/>.
    /// </summary>
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
        return OpenRouterServiceCollectionExtensions.AddCore(
            builder.Services, serviceKey, FromConfiguration(builder, section, serviceKey, ModelKind.Chat), configureHttpClient);
    }

    /// <summary>
    /// Registers an OpenRouter embedding generator bound to the configuration section and connection string named
    /// <paramref name="configSectionName"/>, as <see cref="AddOpenRouterChatClient"/> does for chat (plus
    /// <c>DefaultEmbeddingModelId</c>; a connection string's <c>Model</c> sets it).
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
        return OpenRouterServiceCollectionExtensions.AddEmbeddingCore(
            builder.Services, serviceKey: null, FromConfiguration(builder, configSectionName, configSectionName, ModelKind.Embedding), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter embedding generator bound to <paramref name="configSectionName"/> (by default <c>OpenRouter:{serviceKey}</c>) and <c>ConnectionStrings:{serviceKey}</c>, whose <c>Model</c> sets the default embedding model.</summary>
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
        return OpenRouterServiceCollectionExtensions.AddEmbeddingCore(
            builder.Services, serviceKey, FromConfiguration(builder, section, serviceKey, ModelKind.Embedding), configureHttpClient);
    }

    /// <summary>Registers an OpenRouter image generator bound to the section and connection string named <paramref name="configSectionName"/> (plus <c>DefaultImageModelId</c>; a connection string's <c>Model</c> sets it).</summary>
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
        return OpenRouterServiceCollectionExtensions.AddImageCore(
            builder.Services, serviceKey: null, FromConfiguration(builder, configSectionName, configSectionName, ModelKind.Image), configureHttpClient);
    }

    /// <summary>Registers a keyed OpenRouter image generator bound to <paramref name="configSectionName"/> (by default <c>OpenRouter:{serviceKey}</c>) and <c>ConnectionStrings:{serviceKey}</c>.</summary>
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
        return OpenRouterServiceCollectionExtensions.AddImageCore(
            builder.Services, serviceKey, FromConfiguration(builder, section, serviceKey, ModelKind.Image), configureHttpClient);
    }

    /// <summary>
    /// Binds the section, then lets the connection string <c>ConnectionStrings:{connectionName}</c> replace what it names
    /// (read when the options are created, so a reloaded configuration is seen by new options).
    /// </summary>
    private static Action<OptionsBuilder<OpenRouterClientOptions>> FromConfiguration(
        IHostApplicationBuilder builder, string section, string connectionName, ModelKind model)
    {
        IConfiguration configuration = builder.Configuration;
        return options => options
            .Bind(configuration.GetSection(section))
            .Configure(o => OpenRouterConnectionString.Apply(o, configuration.GetConnectionString(connectionName), connectionName, model));
    }
}
