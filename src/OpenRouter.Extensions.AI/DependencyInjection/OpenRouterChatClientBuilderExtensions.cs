using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenRouter.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Response caching for an OpenRouter <see cref="ChatClientBuilder"/>.</summary>
public static class OpenRouterChatClientBuilderExtensions
{
    /// <summary>
    /// Adds Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> set up for OpenRouter and for many tenants sharing one cache:
    /// each entry is keyed by the request (messages and options, serialized with <see cref="OpenRouterJsonUtilities.DefaultOptions"/> so
    /// every OpenRouter option counts, also under Native AOT) and by hashes of the endpoint and the API key of the OpenRouter client below
    /// it, so a client with another key or endpoint is never served its answers (<paramref name="scope"/> widens that, explicitly).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The key never contains the API key, only a SHA-256 hash of it. Entries are read with care: one that is not JSON of a chat answer, or
    /// not a complete answer (no assistant message or no finish reason, such as <c>{}</c>), is a miss, logged as a warning (event 5103) and
    /// replaced by the answer fetched from OpenRouter; incomplete answers are not written. A cache that fails (such as a Redis server that
    /// went away) makes the request go to OpenRouter uncached, with one logged warning per outage (5101), instead of failing it
    /// (Microsoft.Extensions.AI's own <c>UseDistributedCache()</c> lets a cache failure fail the request, and keys entries by the request only).
    /// </para>
    /// <para>
    /// A cached answer replays with its text, reasoning (<c>reasoning_details</c> in <see cref="TextReasoningContent.ProtectedData"/>), usage
    /// and cost; its <c>RawRepresentation</c> is not cached, and values in <c>AdditionalProperties</c> come back as <c>System.Text.Json.JsonElement</c>.
    /// </para>
    /// </remarks>
    /// <param name="builder">The chat client builder, e.g. from <c>AddOpenRouterChatClient</c>; the client it builds must be an <see cref="OpenRouterChatClient"/>.</param>
    /// <param name="storage">The cache; the <see cref="IDistributedCache"/> service when <see langword="null"/>.</param>
    /// <param name="configure">Optionally adjusts the caching client (e.g. <see cref="CachingChatClient.CoalesceStreamingUpdates"/>).</param>
    /// <param name="scope">
    /// Which clients share entries: <see cref="OpenRouterCacheScope.ApiKey"/> (the default) only clients with the same endpoint and key;
    /// <see cref="OpenRouterCacheScope.Endpoint"/> every client of the endpoint, whatever its key (only for keys of one owner).
    /// </param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="InvalidOperationException">When the client is built: the client below is not an OpenRouter chat client.</exception>
    public static ChatClientBuilder UseOpenRouterDistributedCache(
        this ChatClientBuilder builder,
        IDistributedCache? storage = null,
        Action<DistributedCachingChatClient>? configure = null,
        OpenRouterCacheScope scope = OpenRouterCacheScope.ApiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            IDistributedCache cache = storage ?? services.GetRequiredService<IDistributedCache>();
            ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<DistributedCachingChatClient>() ?? NullLogger.Instance;
            var client = new OpenRouterCachingChatClient(inner, cache, scope, logger);
            configure?.Invoke(client);
            return client;
        });
    }
}
