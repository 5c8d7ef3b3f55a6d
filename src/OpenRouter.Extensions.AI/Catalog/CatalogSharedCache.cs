using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The model catalog's side of a <see cref="HybridCache"/> shared between instances: reads and writes one entry per key as bytes
/// (see <see cref="CatalogSharedForm{T}"/>), and turns every failure of the cache into a miss, with one warning per outage.
/// </summary>
/// <remarks>
/// HybridCache's local layer is bypassed (<see cref="HybridCacheEntryFlags.DisableLocalCache"/>): the catalog keeps the decoded data in its
/// own memory cache, and HybridCache's copy would be the same data a second time, as bytes. Reads never run a factory
/// (<see cref="HybridCacheEntryFlags.DisableUnderlyingData"/>): the catalog fetches from OpenRouter itself, so that single flight,
/// stale-on-error and expiry by the catalog's <see cref="TimeProvider"/> stay in one place.
/// </remarks>
internal sealed class CatalogSharedCache(HybridCache cache, TimeSpan expiration, ILogger logger)
{
    private static readonly HybridCacheEntryOptions ReadOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private static readonly Func<CancellationToken, ValueTask<byte[]?>> NoFactory = static _ => ValueTask.FromResult<byte[]?>(null);

    /// <summary>
    /// How long an entry outlives the catalog's expiration in the shared cache. Freshness is decided by the load time recorded in the entry, so an
    /// older entry is never served as fresh; it is kept so that an instance that starts while OpenRouter fails still has a catalog to serve
    /// (stale-on-error).
    /// </summary>
    private static readonly TimeSpan StaleLifetime = TimeSpan.FromDays(1);

    private readonly CacheOutage _outage = new();

    private readonly HybridCacheEntryOptions _writeOptions = new() { Expiration = expiration + StaleLifetime, Flags = HybridCacheEntryFlags.DisableLocalCache };

    /// <summary>Reads the entry of <paramref name="key"/>, which must be a complete entry of <paramref name="form"/> loaded no later than one expiration from <paramref name="now"/>.</summary>
    /// <returns>
    /// The value and when it was loaded (a load time ahead of <paramref name="now"/>, another instance's clock running fast, reads as
    /// <paramref name="now"/>, so an entry is never served longer than the expiration from when it was read); <see langword="null"/> when there
    /// is none, it is refused (logged as a warning), or the cache failed.
    /// </returns>
    public async ValueTask<(T Value, DateTimeOffset LoadedAt)?> ReadAsync<T>(string key, CatalogSharedForm<T> form, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class
    {
        byte[]? bytes;
        try
        {
            bytes = await cache.GetOrCreateAsync(key, NoFactory, ReadOptions, tags: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("reading", key, ex);
            return null;
        }

        Succeeded("reading", key);
        if (bytes is null)
        {
            return null;
        }

        (T Value, DateTimeOffset LoadedAt) entry;
        try
        {
            entry = form.Decode(bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CatalogLog.SharedEntryRefused(logger, key, bytes.Length, ex.Message, ex);
            return null;
        }

        if (entry.LoadedAt > now + expiration)
        {
            CatalogLog.SharedEntryRefused(logger, key, bytes.Length, $"its load time {entry.LoadedAt:O} lies beyond the expiration ahead of now, {now:O}", exception: null);
            return null;
        }

        return entry.LoadedAt > now ? (entry.Value, now) : entry;
    }

    /// <summary>Writes the entry of <paramref name="key"/>, kept for the catalog's expiration plus <see cref="StaleLifetime"/>; a failure is logged, never thrown.</summary>
    public async ValueTask WriteAsync<T>(string key, CatalogSharedForm<T> form, T value, DateTimeOffset loadedAt, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await cache.SetAsync(key, form.Encode(value, loadedAt), _writeOptions, tags: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed("writing", key, ex);
            return;
        }

        Succeeded("writing", key);
    }

    private void Failed(string operation, string key, Exception exception)
    {
        if (_outage.Failed())
        {
            CatalogLog.SharedCacheFailed(logger, operation, key, exception);
        }
    }

    private void Succeeded(string operation, string key)
    {
        if (_outage.Succeeded())
        {
            CatalogLog.SharedCacheRecovered(logger, operation, key);
        }
    }
}
