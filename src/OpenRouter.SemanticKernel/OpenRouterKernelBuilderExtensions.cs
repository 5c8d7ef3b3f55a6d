using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Microsoft.SemanticKernel;

/// <summary>Adds OpenRouter chat and embedding services to a Semantic Kernel <see cref="IKernelBuilder"/>.</summary>
public static class OpenRouterKernelBuilderExtensions
{
    /// <summary>
    /// Adds an OpenRouter <see cref="IChatCompletionService"/>, keyed by <paramref name="serviceId"/>; see
    /// <see cref="OpenRouterSemanticKernelServiceCollectionExtensions.AddOpenRouterChatCompletion"/>.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model, e.g. <c>openai/gpt-4o</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/>.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else OpenRouter's.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IKernelBuilder AddOpenRouterChatCompletion(
        this IKernelBuilder builder, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenRouterChatCompletion(modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        return builder;
    }

    /// <summary>
    /// Adds an OpenRouter <see cref="IChatClient"/> with Semantic Kernel function invocation, keyed by <paramref name="serviceId"/>; see
    /// <see cref="OpenRouterSemanticKernelServiceCollectionExtensions.AddOpenRouterChatClient"/>.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model, e.g. <c>openai/gpt-4o</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/>.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else OpenRouter's.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IKernelBuilder AddOpenRouterChatClient(
        this IKernelBuilder builder, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenRouterChatClient(modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        return builder;
    }

    /// <summary>
    /// Adds an OpenRouter <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="Embedding{T}"/> of <see cref="float"/>, keyed by
    /// <paramref name="serviceId"/>; see <see cref="OpenRouterSemanticKernelServiceCollectionExtensions.AddOpenRouterEmbeddingGenerator"/>.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The embedding model, e.g. <c>openai/text-embedding-3-small</c>.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> to read <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="serviceId">The service key, or <see langword="null"/>.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (owned by the caller), or <see langword="null"/> for the factory client.</param>
    /// <param name="endpoint">The API base address; <see langword="null"/> for <c>OPENROUTER_BASE_URL</c>, else OpenRouter's.</param>
    /// <param name="appUrl">Your application's URL (<c>HTTP-Referer</c>).</param>
    /// <param name="appTitle">Your application's name (<c>X-Title</c>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IKernelBuilder AddOpenRouterEmbeddingGenerator(
        this IKernelBuilder builder, string modelId, string? apiKey = null, string? serviceId = null, HttpClient? httpClient = null,
        Uri? endpoint = null, string? appUrl = null, string? appTitle = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenRouterEmbeddingGenerator(modelId, apiKey, serviceId, httpClient, endpoint, appUrl, appTitle);
        return builder;
    }
}
