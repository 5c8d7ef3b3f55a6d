using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="DistributedCachingEmbeddingGenerator{TInput, TEmbedding}"/> made safe for many tenants and a shared
/// cache, as <see cref="OpenRouterCachingChatClient"/> is for chat: keys scoped by endpoint and API key, incomplete entries (an empty vector,
/// a non-finite value) never served, a failing cache a miss.
/// </summary>
internal sealed class OpenRouterCachingEmbeddingGenerator : DistributedCachingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ResponseCacheStore _store;
    private readonly object?[] _scope;

    /// <exception cref="InvalidOperationException"><paramref name="innerGenerator"/> does not lead to an OpenRouter embedding generator.</exception>
    public OpenRouterCachingEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> innerGenerator, IDistributedCache storage, OpenRouterCacheScope scope, ILogger logger)
        : base(innerGenerator, storage)
    {
        _scope = ResponseCacheStore.ScopeValues(innerGenerator.GetService<TenantScope>(), scope, "EmbeddingGenerator");
        _store = new ResponseCacheStore(storage, logger);
        JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions;
    }

    /// <inheritdoc />
    protected override string GetCacheKey(params ReadOnlySpan<object?> values) => base.GetCacheKey([.. values, .. _scope]);

    /// <inheritdoc />
    protected override Task<Embedding<float>?> ReadCacheAsync(string key, CancellationToken cancellationToken) =>
        _store.ReadAsync(key, (JsonTypeInfo<Embedding<float>>)JsonSerializerOptions.GetTypeInfo(typeof(Embedding<float>)), ResponseCacheStore.IsComplete, cancellationToken);

    /// <inheritdoc />
    protected override Task WriteCacheAsync(string key, Embedding<float> value, CancellationToken cancellationToken) =>
        _store.WriteAsync(ResponseCacheStore.IsComplete(value), () => base.WriteCacheAsync(key, value, cancellationToken), cancellationToken);
}
