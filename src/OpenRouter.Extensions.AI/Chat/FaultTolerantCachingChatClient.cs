using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> with a cache that may fail: a failed read is a miss and a failed write
/// is skipped, so the request goes to the inner client (OpenRouter) instead of failing. One warning is logged per outage.
/// </summary>
internal sealed partial class FaultTolerantCachingChatClient(IChatClient innerClient, IDistributedCache storage, ILogger logger)
    : DistributedCachingChatClient(innerClient, storage)
{
    /// <summary>1 while the cache is failing (a warning was logged), 0 otherwise.</summary>
    private int _failing;

    /// <inheritdoc />
    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            ChatResponse? cached = await base.ReadCacheAsync(key, cancellationToken).ConfigureAwait(false);
            Succeeded();
            return cached;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("reading", ex);
            return null;
        }
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<ChatResponseUpdate>? cached = await base.ReadCacheStreamingAsync(key, cancellationToken).ConfigureAwait(false);
            Succeeded();
            return cached;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("reading", ex);
            return null;
        }
    }

    /// <inheritdoc />
    protected override async Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken)
    {
        try
        {
            await base.WriteCacheAsync(key, value, cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("writing", ex);
        }
    }

    /// <inheritdoc />
    protected override async Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken)
    {
        try
        {
            await base.WriteCacheStreamingAsync(key, value, cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("writing", ex);
        }
    }

    private void Failed(string operation, Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            CacheFailed(logger, operation, exception);
        }
    }

    private void Succeeded()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
        {
            CacheRecovered(logger);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "The response cache failed ({Operation}); requests go to OpenRouter uncached. Further failures are not logged until the cache works again.")]
    private static partial void CacheFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "The response cache works again.")]
    private static partial void CacheRecovered(ILogger logger);
}
