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
    /// Adds Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> set up for OpenRouter: its
    /// <see cref="DistributedCachingChatClient.JsonSerializerOptions"/> are <see cref="OpenRouterJsonUtilities.DefaultOptions"/> (so the cache key
    /// covers every OpenRouter option, also under Native AOT), and a cache that fails (such as a Redis server that went away) makes the request
    /// go to OpenRouter uncached, with one logged warning per outage, instead of failing it.
    /// </summary>
    /// <remarks>
    /// Equivalent to <c>UseDistributedCache(storage, c =&gt; c.JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions)</c> apart from the
    /// failure handling: Microsoft.Extensions.AI's own caching client lets a cache failure fail the request. A cached answer replays with its
    /// text, reasoning (<c>reasoning_details</c> in <see cref="TextReasoningContent.ProtectedData"/>), usage and cost; its
    /// <c>RawRepresentation</c> is not cached, and values in <c>AdditionalProperties</c> come back as <c>System.Text.Json.JsonElement</c>.
    /// </remarks>
    /// <param name="builder">The chat client builder, e.g. from <c>AddOpenRouterChatClient</c>.</param>
    /// <param name="storage">The cache; the <see cref="IDistributedCache"/> service when <see langword="null"/>.</param>
    /// <param name="configure">Optionally adjusts the caching client (e.g. <see cref="CachingChatClient.CoalesceStreamingUpdates"/>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseOpenRouterDistributedCache(
        this ChatClientBuilder builder, IDistributedCache? storage = null, Action<DistributedCachingChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            IDistributedCache cache = storage ?? services.GetRequiredService<IDistributedCache>();
            ILogger logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<DistributedCachingChatClient>() ?? NullLogger.Instance;
            var client = new FaultTolerantCachingChatClient(inner, cache, logger) { JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions };
            configure?.Invoke(client);
            return client;
        });
    }
}
