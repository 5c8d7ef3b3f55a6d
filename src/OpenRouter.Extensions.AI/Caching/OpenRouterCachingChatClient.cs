using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> made safe for many tenants and a shared cache: the key includes the
/// hashes of the endpoint and (by default) the API key of the OpenRouter client below it; an entry that is not a complete answer is a miss,
/// never served; a cache that fails is a miss (reads) or skipped (writes), with one warning per outage (see <see cref="ResponseCacheStore"/>).
/// </summary>
internal sealed class OpenRouterCachingChatClient : DistributedCachingChatClient
{
    private readonly ResponseCacheStore _store;
    private readonly object?[] _scope;

    /// <exception cref="InvalidOperationException"><paramref name="innerClient"/> does not lead to an OpenRouter chat client.</exception>
    public OpenRouterCachingChatClient(IChatClient innerClient, IDistributedCache storage, OpenRouterCacheScope scope, ILogger logger)
        : base(innerClient, storage)
    {
        _scope = ResponseCacheStore.ScopeValues(innerClient.GetService<TenantScope>(), scope, "ChatClient");
        _store = new ResponseCacheStore(storage, logger);
        JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions;
    }

    /// <inheritdoc />
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues) =>
        base.GetCacheKey(messages, options, [.. additionalValues, .. _scope]);

    /// <inheritdoc />
    protected override Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken) =>
        _store.ReadAsync(key, (JsonTypeInfo<ChatResponse>)JsonSerializerOptions.GetTypeInfo(typeof(ChatResponse)), ResponseCacheStore.IsComplete, cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken) =>
        _store.ReadAsync(
            key,
            (JsonTypeInfo<IReadOnlyList<ChatResponseUpdate>>)JsonSerializerOptions.GetTypeInfo(typeof(IReadOnlyList<ChatResponseUpdate>)),
            ResponseCacheStore.IsComplete,
            cancellationToken);

    /// <inheritdoc />
    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        _store.WriteAsync(ResponseCacheStore.IsComplete(value), () => base.WriteCacheAsync(key, value, cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        _store.WriteAsync(ResponseCacheStore.IsComplete(value), () => base.WriteCacheStreamingAsync(key, value, cancellationToken), cancellationToken);
}
