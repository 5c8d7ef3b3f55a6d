using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// A cached view of OpenRouter's model catalog (<c>GET /models</c>) with derived <see cref="OpenRouterModelCapabilities"/>,
/// O(1) lookups by id and canonical slug, cost estimates, and cached per-model endpoint lists.
/// </summary>
/// <remarks>
/// <para>
/// <b>Freshness.</b> A load is served for <see cref="OpenRouterModelCatalogOptions.Expiration"/> (default one hour), measured with the
/// <see cref="TimeProvider"/> given to the constructor. The loaded data is stored in the <see cref="IMemoryCache"/> without a cache-level
/// expiration, because the memory cache measures expiry with its own clock, which a test's <c>FakeTimeProvider</c> cannot drive; the catalog
/// decides expiry itself and also keeps the last load, so an evicted entry never loses the stale-on-error fallback.
/// Catalog instances sharing a cache and <see cref="OpenRouterModelCatalogOptions.CacheKeyPrefix"/> share loaded data.
/// </para>
/// <para>
/// <b>Single flight.</b> However many callers ask while a load is under way, one HTTP request is made and all of them get its result.
/// A caller's cancellation token stops its own wait, not the shared load.
/// </para>
/// <para>
/// <b>Stale on error.</b> When a reload fails with an <see cref="OpenRouterException"/> and an earlier load exists, the earlier load is served,
/// a warning is logged, and the next attempt waits <see cref="OpenRouterModelCatalogOptions.RetryAfterFailure"/>. With nothing loaded, the
/// <see cref="OpenRouterException"/> is thrown.
/// </para>
/// <para>
/// <b>Lookups</b> accept a model id (<c>openai/gpt-4o</c>) or a canonical slug (<c>openai/gpt-4o-2024-11-20</c>); ids are matched first,
/// ordinal and case-insensitive. When ids or slugs repeat, the first entry in the catalog wins. The <c>Try…</c> methods and
/// <see cref="EstimateCost"/> are synchronous and read the last load only (even when expired); they find nothing before the first load.
/// </para>
/// <para>The catalog is thread-safe. It does not own the <see cref="OpenRouterClient"/> nor an injected cache.</para>
/// </remarks>
public sealed class OpenRouterModelCatalog : IDisposable
{
    private readonly OpenRouterClient _client;
    private readonly IMemoryCache _cache;
    private readonly MemoryCache? _ownedCache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _expiration;
    private readonly TimeSpan _retryAfterFailure;
    private readonly string _modelsKey;
    private readonly string _endpointsKeyPrefix;
    private readonly Slot<CatalogSnapshot> _models = new();
    private readonly ConcurrentDictionary<string, Slot<OpenRouterModelEndpoints>> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Initializes a new instance.</summary>
    /// <param name="client">The REST client used to load the catalog; not disposed by the catalog.</param>
    /// <param name="cache">The cache to store loads in; when <see langword="null"/>, the catalog creates a private one and disposes it in <see cref="Dispose"/>.</param>
    /// <param name="options">Expiration, retry and cache key settings; read once. Defaults apply when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that decides expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger for stale-on-error warnings and load diagnostics.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The expiration is not positive or the retry delay is negative.</exception>
    public OpenRouterModelCatalog(
        OpenRouterClient client,
        IMemoryCache? cache = null,
        OpenRouterModelCatalogOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<OpenRouterModelCatalog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new OpenRouterModelCatalogOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Expiration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryAfterFailure, TimeSpan.Zero, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CacheKeyPrefix, nameof(options));

        _client = client;
        _cache = cache ?? (_ownedCache = new MemoryCache(new MemoryCacheOptions()));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _expiration = options.Expiration;
        _retryAfterFailure = options.RetryAfterFailure;
        _modelsKey = options.CacheKeyPrefix + ":models";
        _endpointsKeyPrefix = options.CacheKeyPrefix + ":endpoints:";
    }

    /// <summary>Gets when the models currently served were loaded (by this catalog's clock), or <see langword="null"/> before the first load.</summary>
    public DateTimeOffset? LoadedAt => Current(_models, _modelsKey)?.LoadedAt;

    /// <summary>Gets all models, loading the catalog when it is not loaded or has expired.</summary>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The models, in OpenRouter's order.</returns>
    /// <exception cref="OpenRouterException">The catalog could not be loaded and no earlier load exists.</exception>
    public async ValueTask<IReadOnlyList<OpenRouterModel>> GetModelsAsync(CancellationToken cancellationToken = default) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Models;

    /// <summary>Gets the capabilities of all models, loading the catalog when needed; the list to filter and sort with LINQ.</summary>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The capabilities, in OpenRouter's model order.</returns>
    /// <exception cref="OpenRouterException">The catalog could not be loaded and no earlier load exists.</exception>
    public async ValueTask<IReadOnlyList<OpenRouterModelCapabilities>> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Capabilities;

    /// <summary>Gets a model by id or canonical slug, loading the catalog when needed.</summary>
    /// <param name="idOrSlug">The model id or canonical slug.</param>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The model, or <see langword="null"/> when the catalog has no such model.</returns>
    /// <exception cref="ArgumentException"><paramref name="idOrSlug"/> is null or empty.</exception>
    /// <exception cref="OpenRouterException">The catalog could not be loaded and no earlier load exists.</exception>
    public async ValueTask<OpenRouterModel?> GetModelAsync(string idOrSlug, CancellationToken cancellationToken = default) =>
        (await GetCapabilitiesAsync(idOrSlug, cancellationToken).ConfigureAwait(false))?.Model;

    /// <summary>Gets a model's capabilities by id or canonical slug, loading the catalog when needed.</summary>
    /// <param name="idOrSlug">The model id or canonical slug.</param>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The capabilities, or <see langword="null"/> when the catalog has no such model.</returns>
    /// <exception cref="ArgumentException"><paramref name="idOrSlug"/> is null or empty.</exception>
    /// <exception cref="OpenRouterException">The catalog could not be loaded and no earlier load exists.</exception>
    public async ValueTask<OpenRouterModelCapabilities?> GetCapabilitiesAsync(string idOrSlug, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrSlug);
        return (await GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).Find(idOrSlug);
    }

    /// <summary>Looks a model up in the last load, without I/O.</summary>
    /// <param name="idOrSlug">The model id or canonical slug.</param>
    /// <param name="model">The model when found.</param>
    /// <returns><see langword="true"/> when the catalog is loaded and has the model.</returns>
    public bool TryGetModel(string idOrSlug, [NotNullWhen(true)] out OpenRouterModel? model)
    {
        model = TryGetCapabilities(idOrSlug, out OpenRouterModelCapabilities? capabilities) ? capabilities.Model : null;
        return model is not null;
    }

    /// <summary>Looks a model's capabilities up in the last load, without I/O.</summary>
    /// <param name="idOrSlug">The model id or canonical slug.</param>
    /// <param name="capabilities">The capabilities when found.</param>
    /// <returns><see langword="true"/> when the catalog is loaded and has the model.</returns>
    public bool TryGetCapabilities(string idOrSlug, [NotNullWhen(true)] out OpenRouterModelCapabilities? capabilities)
    {
        capabilities = string.IsNullOrEmpty(idOrSlug) ? null : Current(_models, _modelsKey)?.Value.Find(idOrSlug);
        return capabilities is not null;
    }

    /// <summary>Estimates a generation's cost from the model's listed prices in the last load (see <see cref="OpenRouterModelCapabilities.EstimateCost"/>).</summary>
    /// <param name="modelId">The model id or canonical slug.</param>
    /// <param name="usage">The usage, e.g. <c>ChatResponse.Usage</c>.</param>
    /// <returns>The estimate in US dollars, or <see langword="null"/> when the catalog is not loaded, lacks the model or its prices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is <see langword="null"/>.</exception>
    public decimal? EstimateCost(string modelId, UsageDetails usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return TryGetCapabilities(modelId, out OpenRouterModelCapabilities? capabilities) ? capabilities.EstimateCost(usage) : null;
    }

    /// <summary>Reloads the catalog now, whatever its age; joins a load already under way.</summary>
    /// <param name="cancellationToken">Stops waiting; the load continues for the other callers.</param>
    /// <returns>A task that completes when the load has completed.</returns>
    /// <exception cref="OpenRouterException">The reload failed and no earlier load exists (with one, it stays served and a warning is logged).</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(_models, _modelsKey, LoadModelsAsync, force: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Gets a model's provider endpoints (<c>GET /models/{author}/{slug}/endpoints</c>), cached per model with the same expiry,
    /// single-flight and stale-on-error rules as the catalog.
    /// </summary>
    /// <param name="modelId">The model id, <c>author/slug</c>.</param>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">The endpoints could not be loaded (404 for an unknown model) and no earlier load exists.</exception>
    public async ValueTask<OpenRouterModelEndpoints> GetEndpointsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        (string author, string slug) = OpenRouterApiPaths.SplitModelId(modelId, nameof(modelId));
        Slot<OpenRouterModelEndpoints> slot = _endpoints.GetOrAdd(modelId, static _ => new Slot<OpenRouterModelEndpoints>());
        return await GetAsync(
            slot,
            _endpointsKeyPrefix + modelId.ToLowerInvariant(),
            token => _client.Models.GetEndpointsAsync(author, slug, token),
            force: false,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops loads under way and disposes the cache when the catalog created it.</summary>
    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _ownedCache?.Dispose();
        }

        _disposed.Dispose();
    }

    private ValueTask<CatalogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken) =>
        GetAsync(_models, _modelsKey, LoadModelsAsync, force: false, cancellationToken);

    private async Task<CatalogSnapshot> LoadModelsAsync(CancellationToken cancellationToken) =>
        new(await _client.Models.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false));

    private async ValueTask<T> GetAsync<T>(Slot<T> slot, string key, Func<CancellationToken, Task<T>> load, bool force, CancellationToken cancellationToken)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (!force && Usable(slot, key) is { } fresh)
        {
            return fresh.Value;
        }

        Task<Loaded<T>> task;
        lock (slot.Gate)
        {
            if (!force && Usable(slot, key) is { } freshUnderLock)
            {
                return freshUnderLock.Value;
            }

            task = slot.Inflight ??= LoadAsync(slot, key, load);
        }

        return (await task.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    private async Task<Loaded<T>> LoadAsync<T>(Slot<T> slot, string key, Func<CancellationToken, Task<T>> load)
        where T : class
    {
        // Leave the caller (and its lock) before doing anything, so Inflight is set before the finally below clears it.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        try
        {
            T value = await load(_disposed.Token).ConfigureAwait(false);
            var loaded = new Loaded<T>(value, _time.GetUtcNow());
            slot.Last = loaded;
            Volatile.Write(ref slot.RetryAtTicks, 0);
            _cache.Set(key, loaded, new MemoryCacheEntryOptions { Size = 1 });
            CatalogLog.Loaded(_logger, key, value is CatalogSnapshot snapshot ? snapshot.Models.Count : (value as OpenRouterModelEndpoints)?.Endpoints.Count ?? 1);
            return loaded;
        }
        catch (OpenRouterException ex) when (Current(slot, key) is { } stale)
        {
            DateTimeOffset retryAt = _time.GetUtcNow() + _retryAfterFailure;
            Volatile.Write(ref slot.RetryAtTicks, retryAt.UtcTicks);
            CatalogLog.ServingStale(_logger, key, stale.LoadedAt, retryAt, ex);
            return stale;
        }
        finally
        {
            lock (slot.Gate)
            {
                slot.Inflight = null;
            }
        }
    }

    /// <summary>The newest load of the cache entry and the slot's own copy, or <see langword="null"/> when never loaded.</summary>
    private Loaded<T>? Current<T>(Slot<T> slot, string key)
        where T : class
    {
        Loaded<T>? own = slot.Last;
        Loaded<T>? cached = _ownedCache is null || !_disposed.IsCancellationRequested
            ? (_cache.TryGetValue(key, out object? entry) ? entry as Loaded<T> : null)
            : null;
        return cached is null ? own : own is null || cached.LoadedAt > own.LoadedAt ? cached : own;
    }

    /// <summary>The current load when it may be served without reloading: not expired, or within the wait after a failed reload.</summary>
    private Loaded<T>? Usable<T>(Slot<T> slot, string key)
        where T : class
    {
        Loaded<T>? current = Current(slot, key);
        if (current is null)
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        return now - current.LoadedAt < _expiration || now.UtcTicks < Volatile.Read(ref slot.RetryAtTicks) ? current : null;
    }

    private sealed record Loaded<T>(T Value, DateTimeOffset LoadedAt);

    private sealed class Slot<T>
        where T : class
    {
        public object Gate { get; } = new();

        public Task<Loaded<T>>? Inflight { get; set; }

        public volatile Loaded<T>? Last;

        /// <summary>UTC ticks before which a failed reload is not retried (0: none pending); ticks so reads and writes are atomic.</summary>
        public long RetryAtTicks;
    }
}
