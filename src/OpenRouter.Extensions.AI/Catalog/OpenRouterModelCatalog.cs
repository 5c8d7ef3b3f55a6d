using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
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
/// expiration (each entry with <see cref="MemoryCacheEntryOptions.Size"/> 1, so a cache with a <see cref="MemoryCacheOptions.SizeLimit"/> counts entries),
/// because the memory cache measures expiry with its own clock, which a test's <c>FakeTimeProvider</c> cannot drive; the catalog decides expiry itself.
/// The catalog also keeps its own reference to the last model list, so an evicted catalog entry never loses the stale-on-error fallback.
/// Endpoint lists are kept in the cache only (one entry per model, <see cref="CacheItemPriority.Normal"/>; the model list has
/// <see cref="CacheItemPriority.High"/>): the catalog holds no per-model state beyond a load under way, so the cache's size limit and
/// eviction bound them. A private cache (none injected) is limited to 1024 entries.
/// Catalog instances sharing a cache, <see cref="OpenRouterModelCatalogOptions.CacheKeyPrefix"/> and endpoint share loaded data.
/// </para>
/// <para>
/// <b>Many tenants.</b> The cache keys are <c>{prefix}:{endpoint hash}:models</c> and <c>{prefix}:{endpoint hash}:endpoints:{model}</c>
/// (a SHA-256 hash of the client's endpoint): catalogs of different endpoints never share a load, catalogs of one endpoint do whatever
/// their API keys, because both lists are public. The catalog caches nothing that depends on the key (<c>/models/user</c>, <c>/key</c>,
/// credits are calls of <see cref="OpenRouterClient"/>, never cached).
/// </para>
/// <para>
/// <b>Single flight.</b> However many callers ask while a load is under way, one HTTP request is made and all of them get its result.
/// A caller's cancellation token stops its own wait, not the shared load.
/// </para>
/// <para>
/// <b>Stale on error.</b> When a reload fails with an <see cref="OpenRouterException"/> and an earlier load exists, the earlier load is served,
/// a warning is logged, and the next attempt waits <see cref="OpenRouterModelCatalogOptions.RetryAfterFailure"/> (the wait is recorded on the
/// cached load, so catalogs sharing the cache entry share it). With nothing loaded, the
/// <see cref="OpenRouterException"/> is thrown. For the model list the earlier load always exists after a first success; for an endpoint list it
/// exists as long as the cache still holds its entry (after eviction a failed reload throws). A response that is not JSON of the expected shape,
/// or whose models cannot be indexed, counts as such a failure (<see cref="OpenRouterException"/>); models without an <c>id</c> (and <c>null</c>
/// entries) are left out with a warning, and <c>null</c> lists such as <c>supported_parameters</c> or <c>input_modalities</c> read as empty.
/// </para>
/// <para>
/// <b>Lookups</b> accept a model id (<c>openai/gpt-4o</c>) or a canonical slug (<c>openai/gpt-4o-2024-11-20</c>); ids are matched first,
/// ordinal and case-insensitive. When ids or slugs repeat, the first entry in the catalog wins. The <c>Try…</c> methods and
/// <see cref="EstimateCost"/> are synchronous and read the last load only (even when expired); they find nothing before the first load.
/// </para>
/// <para>
/// <b>Many instances.</b> Constructed with a <see cref="HybridCache"/> (the dependency-injection registration does so when one is registered),
/// the catalog also keeps each load in that cache under the same keys, for <see cref="OpenRouterModelCatalogOptions.Expiration"/> plus one day
/// (so that a new instance can serve an expired copy when OpenRouter fails). When its own copy is missing or expired it first reads the shared
/// entry and serves it if it is still fresh by the load time recorded in it, so instances sharing a distributed cache (such as Redis behind
/// HybridCache) fetch each list once per expiry between them rather than once each. So that they do not all find the shared copy expired at
/// the same instant (and all fetch), each such catalog serves its copies for a random time between nine tenths of the expiration and the whole
/// of it (for one hour: 54 to 60 minutes); the first to refresh updates the shared entry for the others. The decoded copy stays in the
/// catalog's own memory cache as without a HybridCache (HybridCache's local layer is bypassed, so the data is not held twice); single flight,
/// stale-on-error and <see cref="TimeProvider"/> expiry are unchanged. When a shared cache operation fails, the catalog logs one warning
/// (until an operation succeeds again) and goes on with its own copy and OpenRouter; the caller never sees that failure. (The standard
/// HybridCache itself treats a failing distributed cache as a miss and logs it.)
/// </para>
/// <para>
/// <b>Shared entries are checked before use.</b> An entry is decompressed to at most 16 MiB; one that is larger, is not an entry of this
/// version, has no load time or no data (no model with an id, an endpoint list without its model), or whose load time lies further ahead of
/// this catalog's clock than the expiration, is not served: a warning (event 5007) is logged and the catalog loads from OpenRouter,
/// replacing the entry. A load time ahead of the clock by less than that (another instance's clock running fast) counts as now.
/// </para>
/// <para>The catalog is thread-safe. It does not own the <see cref="OpenRouterClient"/> nor an injected cache.</para>
/// </remarks>
public sealed class OpenRouterModelCatalog : IDisposable
{
    /// <summary>The size limit, in entries, of the cache the catalog creates when none is injected.</summary>
    private const long OwnedCacheSizeLimit = 1024;

    private readonly OpenRouterClient _client;
    private readonly IMemoryCache _cache;
    private readonly MemoryCache? _ownedCache;

    /// <summary>The cache shared with other instances, or <see langword="null"/>.</summary>
    private readonly CatalogSharedCache? _shared;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _expiration;

    /// <summary>
    /// How long this catalog's copies are served: <see cref="_expiration"/>, or, with a shared cache, up to a tenth less (a random amount per
    /// catalog). Instances that adopted one shared load would otherwise all find it expired at the same instant and all fetch; spread out,
    /// the first one refreshes the shared entry and the others find it fresh.
    /// </summary>
    private readonly TimeSpan _servedFor;
    private readonly TimeSpan _retryAfterFailure;
    private readonly string _modelsKey;
    private readonly string _endpointsKeyPrefix;
    /// <summary>Guards <see cref="_loads"/>.</summary>
    private readonly object _loadsGate = new();

    /// <summary>The loads under way by cache key (single flight); an entry is removed when its load completes, so this holds no loaded data.</summary>
    private readonly Dictionary<string, Task> _loads = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The token of <see cref="_disposed"/>, read once so that loads never touch the source after <see cref="Dispose"/>.</summary>
    private readonly CancellationToken _disposedToken;

    /// <summary>The last model list loaded by this catalog, kept so an evicted cache entry does not lose the stale-on-error fallback.</summary>
    private volatile Loaded<CatalogSnapshot>? _lastModels;
    private int _disposeState;

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
        : this(client, cache, sharedCache: null, options, timeProvider, logger)
    {
    }

    /// <summary>Initializes a new instance that shares its loads with other instances through a <see cref="HybridCache"/> (see the remarks of the class).</summary>
    /// <param name="client">The REST client used to load the catalog; not disposed by the catalog.</param>
    /// <param name="sharedCache">The cache shared with other instances, typically over a distributed cache such as Redis; not disposed by the catalog.</param>
    /// <param name="options">Expiration, retry and cache key settings; read once. Defaults apply when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that decides expiry and stamps the shared entries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger for stale-on-error warnings, shared cache failures and load diagnostics.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="sharedCache"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The expiration is not positive or the retry delay is negative.</exception>
    public OpenRouterModelCatalog(
        OpenRouterClient client,
        HybridCache sharedCache,
        OpenRouterModelCatalogOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<OpenRouterModelCatalog>? logger = null)
        : this(client, cache: null, sharedCache ?? throw new ArgumentNullException(nameof(sharedCache)), options, timeProvider, logger)
    {
    }

    private OpenRouterModelCatalog(
        OpenRouterClient client,
        IMemoryCache? cache,
        HybridCache? sharedCache,
        OpenRouterModelCatalogOptions? options,
        TimeProvider? timeProvider,
        ILogger<OpenRouterModelCatalog>? logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new OpenRouterModelCatalogOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Expiration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryAfterFailure, TimeSpan.Zero, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CacheKeyPrefix, nameof(options));

        _client = client;
        _cache = cache ?? (_ownedCache = new MemoryCache(new MemoryCacheOptions { SizeLimit = OwnedCacheSizeLimit }));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _expiration = options.Expiration;
        _servedFor = sharedCache is null ? _expiration : _expiration - (_expiration / 10 * Random.Shared.NextDouble());
        _shared = sharedCache is null ? null : new CatalogSharedCache(sharedCache, options.Expiration, _logger);
        _retryAfterFailure = options.RetryAfterFailure;

        // Scoped by endpoint: catalogs of other endpoints (tenants with their own proxy, the emulator) never share a load. The model list and
        // endpoint lists are public (fetched without needing a key), so catalogs of one endpoint share them whatever their keys.
        string scope = $"{options.CacheKeyPrefix}:{client.Scope.EndpointId}:";
        _modelsKey = scope + "models";
        _endpointsKeyPrefix = scope + "endpoints:";
        _disposedToken = _disposed.Token;
    }

    /// <summary>Gets when the models currently served were loaded (by this catalog's clock), or <see langword="null"/> before the first load.</summary>
    public DateTimeOffset? LoadedAt => Current<CatalogSnapshot>(_modelsKey)?.LoadedAt;

    /// <summary>Gets the cache key of the model list, <c>{prefix}:{endpoint hash}:models</c>; for tests.</summary>
    internal string ModelsCacheKey => _modelsKey;

    /// <summary>Gets the cache key of a model's endpoint list, <c>{prefix}:{endpoint hash}:endpoints:{model id, lower case}</c>.</summary>
    internal string EndpointsCacheKey(string modelId) => _endpointsKeyPrefix + modelId.ToLowerInvariant();

    /// <summary>Gets how many loads are under way (the only per-key state the catalog itself holds); for tests.</summary>
    internal int LoadsUnderWay
    {
        get
        {
            lock (_loadsGate)
            {
                return _loads.Count;
            }
        }
    }

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
        capabilities = string.IsNullOrEmpty(idOrSlug) ? null : Current<CatalogSnapshot>(_modelsKey)?.Value.Find(idOrSlug);
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
        await GetAsync(_modelsKey, LoadModelsAsync, CatalogSharedForm<CatalogSnapshot>.Models, force: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Gets a model's provider endpoints (<c>GET /models/{author}/{slug}/endpoints</c>), cached per model with the same expiry,
    /// single-flight and stale-on-error rules as the catalog.
    /// </summary>
    /// <remarks>
    /// The endpoint list lives only in the cache entry <c>{prefix}:{endpoint hash}:endpoints:{modelId}</c> (model id lower-cased). When the cache has evicted it,
    /// the next call reloads it, and a failed reload then throws because no earlier load is left to serve.
    /// </remarks>
    /// <param name="modelId">The model id, <c>author/slug</c>.</param>
    /// <param name="cancellationToken">Stops waiting; a shared load continues for the other callers.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">The endpoints could not be loaded (404 for an unknown model) and no earlier load exists.</exception>
    public async ValueTask<OpenRouterModelEndpoints> GetEndpointsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        (string author, string slug) = ApiRoute.SplitModelId(modelId, nameof(modelId));
        return await GetAsync(
            EndpointsCacheKey(modelId),
            token => _client.Models.GetEndpointsAsync(author, slug, token),
            CatalogSharedForm<OpenRouterModelEndpoints>.Endpoints,
            force: false,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels loads under way and disposes the cache when the catalog created it. Calling it again does nothing.</summary>
    /// <remarks>
    /// A caller waiting for a load under way when the catalog is disposed gets an <see cref="OperationCanceledException"/> (also when the
    /// request completes or fails after all; no data is served or stored after disposal). A call that starts after disposal throws
    /// <see cref="ObjectDisposedException"/>. No exception escapes on another thread.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeState, 1) != 0)
        {
            return;
        }

        try
        {
            _disposed.Cancel();
        }
        finally
        {
            // Loads read _disposedToken, captured at construction, never the source itself, so disposing the source here is safe.
            _ownedCache?.Dispose();
            _disposed.Dispose();
        }
    }

    private ValueTask<CatalogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken) =>
        GetAsync(_modelsKey, LoadModelsAsync, CatalogSharedForm<CatalogSnapshot>.Models, force: false, cancellationToken);

    private async Task<CatalogSnapshot> LoadModelsAsync(CancellationToken cancellationToken)
    {
        CatalogSnapshot snapshot = CatalogSnapshot.Create(await _client.Models.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        if (snapshot.Skipped > 0)
        {
            CatalogLog.SkippedModels(_logger, _modelsKey, snapshot.Skipped);
        }

        return snapshot;
    }

    private async ValueTask<T> GetAsync<T>(
        string key, Func<CancellationToken, Task<T>> load, CatalogSharedForm<T> form, bool force, CancellationToken cancellationToken)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposedToken.IsCancellationRequested, this);
        if (!force && Usable<T>(key) is { } fresh)
        {
            return fresh.Value;
        }

        Task<Loaded<T>> task;
        lock (_loadsGate)
        {
            if (!force && Usable<T>(key) is { } freshUnderLock)
            {
                return freshUnderLock.Value;
            }

            if (_loads.TryGetValue(key, out Task? running))
            {
                // A key always maps to one T: the models key to the snapshot, the endpoints keys to endpoint lists.
                task = (Task<Loaded<T>>)running;
            }
            else
            {
                task = LoadAsync(key, load, form, force);
                _loads.Add(key, task);

                // Every waiter may stop waiting (its own token) before a load fails; observe the failure so it is never unobserved.
                _ = task.ContinueWith(
                    static t => _ = t.Exception,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        return (await task.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    private async Task<Loaded<T>> LoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CatalogSharedForm<T> form, bool force)
        where T : class
    {
        // Leave the caller (and its lock) before doing anything, so the task is registered in _loads before the finally below removes it.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

        // An expired shared entry is still worth serving if OpenRouter fails and this catalog has nothing of its own.
        Loaded<T>? sharedStale = null;
        try
        {
            Loaded<T>? loaded = null;
            if (!force && _shared is not null && await _shared.ReadAsync(key, form, _time.GetUtcNow(), _disposedToken).ConfigureAwait(false) is { } shared)
            {
                var fromShared = new Loaded<T>(shared.Value, shared.LoadedAt);
                if (IsFresh(fromShared))
                {
                    loaded = fromShared;
                    CatalogLog.ReadShared(_logger, key, fromShared.LoadedAt);
                }
                else
                {
                    sharedStale = fromShared;
                }
            }

            if (loaded is null)
            {
                T value = await load(_disposedToken).ConfigureAwait(false);
                _disposedToken.ThrowIfCancellationRequested();
                loaded = new Loaded<T>(value, _time.GetUtcNow());
                CatalogLog.Loaded(_logger, key, value is CatalogSnapshot snapshot ? snapshot.Models.Count : (value as OpenRouterModelEndpoints)?.Endpoints.Count ?? 1);
                if (_shared is not null)
                {
                    await _shared.WriteAsync(key, form, value, loaded.LoadedAt, _disposedToken).ConfigureAwait(false);
                }
            }

            // Disposed while loading: store nothing (the private cache may be disposed) and let the waiters see the cancellation.
            _disposedToken.ThrowIfCancellationRequested();
            Store(key, loaded);
            return loaded;
        }
        catch (OpenRouterException ex) when (!_disposedToken.IsCancellationRequested && (Current<T>(key) ?? Keep(key, sharedStale)) is { } stale)
        {
            DateTimeOffset retryAt = _time.GetUtcNow() + _retryAfterFailure;
            Volatile.Write(ref stale.RetryAtTicks, retryAt.UtcTicks);
            CatalogLog.ServingStale(_logger, key, stale.LoadedAt, retryAt, ex);
            return stale;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _disposedToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The model catalog was disposed while loading.", ex, _disposedToken);
        }
        finally
        {
            lock (_loadsGate)
            {
                _loads.Remove(key);
            }
        }
    }

    /// <summary>
    /// The newest of the cache entry and, for the model list, the catalog's own copy; <see langword="null"/> when never loaded
    /// (or, for an endpoint list, evicted).
    /// </summary>
    private Loaded<T>? Current<T>(string key)
        where T : class
    {
        Loaded<T>? own = _lastModels as Loaded<T>;
        Loaded<T>? cached = _ownedCache is null || !_disposedToken.IsCancellationRequested
            ? (_cache.TryGetValue(key, out object? entry) ? entry as Loaded<T> : null)
            : null;
        return cached is null ? own : own is null || cached.LoadedAt > own.LoadedAt ? cached : own;
    }

    /// <summary>The current load when it may be served without reloading: not expired, or within the wait after a failed reload.</summary>
    private Loaded<T>? Usable<T>(string key)
        where T : class
    {
        Loaded<T>? current = Current<T>(key);
        return current is not null && (IsFresh(current) || _time.GetUtcNow().UtcTicks < Volatile.Read(ref current.RetryAtTicks)) ? current : null;
    }

    /// <summary>Whether a load is younger than <see cref="_servedFor"/> by this catalog's clock.</summary>
    private bool IsFresh<T>(Loaded<T> loaded) => _time.GetUtcNow() - loaded.LoadedAt < _servedFor;

    /// <summary>Stores an expired shared entry in the catalog's own cache so that stale-on-error can serve it; returns it.</summary>
    private Loaded<T>? Keep<T>(string key, Loaded<T>? sharedStale)
        where T : class
    {
        if (sharedStale is not null)
        {
            Store(key, sharedStale);
        }

        return sharedStale;
    }

    /// <summary>Makes a load the current one: in the catalog's own cache and, for the model list, in <see cref="_lastModels"/>.</summary>
    private void Store<T>(string key, Loaded<T> loaded)
        where T : class
    {
        CacheItemPriority priority = CacheItemPriority.Normal;
        if (loaded is Loaded<CatalogSnapshot> models)
        {
            _lastModels = models;
            priority = CacheItemPriority.High;
        }

        _cache.Set(key, loaded, new MemoryCacheEntryOptions { Size = 1, Priority = priority });
    }

    /// <summary>One load: the value, when it was loaded, and when a failed reload may be retried.</summary>
    private sealed class Loaded<T>(T value, DateTimeOffset loadedAt)
    {
        public T Value { get; } = value;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        /// <summary>UTC ticks before which a failed reload is not retried (0: none pending); ticks so reads and writes are atomic.</summary>
        public long RetryAtTicks;
    }
}
