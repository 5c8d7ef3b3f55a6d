using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenRouter.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Embedding caching for an OpenRouter <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/>.</summary>
public static class OpenRouterEmbeddingGeneratorBuilderExtensions
{
    /// <summary>
    /// Adds Microsoft.Extensions.AI's <see cref="DistributedCachingEmbeddingGenerator{TInput, TEmbedding}"/> set up for OpenRouter and for many
    /// tenants sharing one cache: each input's vector is keyed by the input, the options (serialized with
    /// <see cref="OpenRouterJsonUtilities.DefaultOptions"/>) and hashes of the endpoint and the API key of the OpenRouter generator below it,
    /// so a generator with another key or endpoint is never served its vectors (<paramref name="scope"/> widens that, explicitly).
    /// </summary>
    /// <remarks>
    /// As for chat (<see cref="OpenRouterChatClientBuilderExtensions.UseOpenRouterDistributedCache"/>): the key holds a hash of the API key,
    /// never the key; an entry that is not an embedding of at least one finite value is a miss (warning, event 5103) and is replaced; a failing
    /// cache is a miss with one warning per outage (5101). A cached vector comes back without the call's usage and cost (MEAI caches each
    /// vector alone), so a call answered from the cache reports no cost.
    /// </remarks>
    /// <param name="builder">The builder, e.g. from <c>AddOpenRouterEmbeddingGenerator</c>; the generator it builds must be an <see cref="OpenRouterEmbeddingGenerator"/>.</param>
    /// <param name="storage">The cache; the <see cref="IDistributedCache"/> service when <see langword="null"/>.</param>
    /// <param name="configure">Optionally adjusts the caching generator.</param>
    /// <param name="scope">
    /// Which generators share entries: <see cref="OpenRouterCacheScope.ApiKey"/> (the default) only those with the same endpoint and key;
    /// <see cref="OpenRouterCacheScope.Endpoint"/> every generator of the endpoint, whatever its key (only for keys of one owner).
    /// </param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidOperationException">When the generator is built: the generator below is not an OpenRouter embedding generator.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseOpenRouterDistributedCache(
        this EmbeddingGeneratorBuilder<string, Embedding<float>> builder,
        IDistributedCache? storage = null,
        Action<DistributedCachingEmbeddingGenerator<string, Embedding<float>>>? configure = null,
        OpenRouterCacheScope scope = OpenRouterCacheScope.ApiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            IDistributedCache cache = storage ?? services.GetRequiredService<IDistributedCache>();
            ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<DistributedCachingEmbeddingGenerator<string, Embedding<float>>>()
                ?? NullLogger.Instance;
            var generator = new OpenRouterCachingEmbeddingGenerator(inner, cache, scope, logger);
            configure?.Invoke(generator);
            return generator;
        });
    }
}
