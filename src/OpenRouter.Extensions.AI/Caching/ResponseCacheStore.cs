using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The part of the OpenRouter response caches (chat and embeddings) that MEAI's distributed caching clients leave open: whose
/// answers an entry is (<see cref="ScopeValues"/>), what a read may serve, and what a failing cache does.
/// </summary>
/// <remarks>
/// A read is a miss, never a failure, when the cache fails (one warning per outage, <see cref="CacheOutage"/>), when the entry
/// is not JSON of the expected type, and when it decodes to an incomplete answer (such as <c>{}</c>); an entry of the last two
/// kinds is logged (one warning each: the answer fetched next overwrites it) and never served. Only complete answers are written.
/// </remarks>
internal sealed partial class ResponseCacheStore(IDistributedCache storage, ILogger logger)
{
    private readonly CacheOutage _outage = new();

    /// <summary>
    /// The values added to every cache key: the endpoint's hash and, for <see cref="OpenRouterCacheScope.ApiKey"/>, the API key's hash
    /// (<see cref="TenantScope"/>), read from the OpenRouter client at the bottom of the pipeline.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline does not end in an OpenRouter client, so whose answers they are is unknown.</exception>
    public static object?[] ScopeValues(TenantScope? tenant, OpenRouterCacheScope scope, string clientKind)
    {
        if (tenant is null)
        {
            throw new InvalidOperationException(
                $"UseOpenRouterDistributedCache() keys cached answers by OpenRouter endpoint and API key, but the {clientKind} below it is not an OpenRouter one " +
                $"(GetService does not reach it). Add it to a builder of AddOpenRouter{clientKind}(…) or over new OpenRouter{clientKind}(…); for other clients use UseDistributedCache().");
        }

        return scope switch
        {
            OpenRouterCacheScope.ApiKey => ["openrouter", tenant.EndpointId, tenant.ApiKeyId],
            OpenRouterCacheScope.Endpoint => ["openrouter", tenant.EndpointId],
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown OpenRouterCacheScope."),
        };
    }

    /// <summary>Reads and decodes an entry; <see langword="null"/> (a miss) when there is none or it may not be served.</summary>
    public async Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> typeInfo, Func<T, bool> isComplete, CancellationToken cancellationToken)
        where T : class
    {
        byte[]? bytes;
        try
        {
            bytes = await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("reading", ex);
            return null;
        }

        if (bytes is null)
        {
            return null;
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not JSON, or JSON of another shape or version (an unknown content type, say): a miss like any other bad entry.
            EntryIgnored(logger, key, bytes.Length, ex);
            return null;
        }

        if (value is null || !isComplete(value))
        {
            EntryIgnored(logger, key, bytes.Length, exception: null);
            return null;
        }

        return value;
    }

    /// <summary>Runs a write of the caching client unless the answer is incomplete; a failing cache is logged (once per outage), never thrown.</summary>
    public async Task WriteAsync(bool complete, Func<Task> write, CancellationToken cancellationToken)
    {
        if (!complete)
        {
            return;
        }

        try
        {
            await write().ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("writing", ex);
        }
    }

    /// <summary>A complete chat answer: at least one assistant message, and a finish reason (the model ended it; a cut answer has none).</summary>
    public static bool IsComplete(ChatResponse response) =>
        response.FinishReason is not null && response.Messages.Any(m => m.Role == ChatRole.Assistant);

    /// <summary>A complete streamed answer: its updates make a complete <see cref="ChatResponse"/>.</summary>
    public static bool IsComplete(IReadOnlyList<ChatResponseUpdate> updates) => updates.Count > 0 && IsComplete(updates.ToChatResponse());

    /// <summary>A complete embedding: a vector of at least one finite value (the generator accepts nothing else from OpenRouter).</summary>
    public static bool IsComplete(Embedding<float> embedding)
    {
        ReadOnlySpan<float> vector = embedding.Vector.Span;
        foreach (float value in vector)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return vector.Length > 0;
    }

    private void Failed(string operation, Exception exception)
    {
        if (_outage.Failed())
        {
            CacheFailed(logger, operation, exception);
        }
    }

    private void Succeeded()
    {
        if (_outage.Succeeded())
        {
            CacheRecovered(logger);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "The response cache failed ({Operation}); requests go to OpenRouter uncached. Further failures are not logged until the cache works again.")]
    private static partial void CacheFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "The response cache works again.")]
    private static partial void CacheRecovered(ILogger logger);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning,
        Message = "The response cache entry '{CacheKey}' ({Length} bytes) is not a complete answer; it is not served, and the answer from OpenRouter replaces it.")]
    private static partial void EntryIgnored(ILogger logger, string cacheKey, int length, Exception? exception);
}
