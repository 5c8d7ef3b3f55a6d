using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>
/// One process serving two tenants the way a BYOK application registers them: keyed chat clients and embedding generators
/// <c>"a"</c> and <c>"b"</c>, each with its own API key (and endpoint, when given), response caching with
/// <c>UseOpenRouterDistributedCache()</c>, the catalog's <c>IMemoryCache</c> and a <c>HybridCache</c>, all over one distributed
/// cache: an in-process one (<see cref="Memory"/>) or a real <c>redis-server</c> started for the test (<see cref="Redis"/>).
/// </summary>
internal sealed class TenantsHost : IAsyncDisposable
{
    public const string Memory = "memory";
    public const string Redis = "redis";
    public const string KeyA = "sk-or-tenant-a-5b1d";
    public const string KeyB = "sk-or-tenant-b-93fe";
    public const string Model = "openai/gpt-4o";
    public const string EmbeddingModel = "openai/text-embedding-3-small";

    public static readonly TimeSpan CatalogExpiration = TimeSpan.FromHours(1);

    private readonly RedisServer? _redis;

    private TenantsHost(ServiceProvider services, KeyRecordingCache cache, CapturingLoggerProvider logs, FakeTimeProvider time, RedisServer? redis)
    {
        Services = services;
        Cache = cache;
        Logs = logs;
        Time = time;
        _redis = redis;
    }

    /// <summary>The cache kinds every test of the suite runs over.</summary>
    public static TheoryData<string> CacheKinds => [Memory, Redis];

    public ServiceProvider Services { get; }

    /// <summary>The one distributed cache of the process (below the response caches and the HybridCache), recording the keys written.</summary>
    public KeyRecordingCache Cache { get; }

    public CapturingLoggerProvider Logs { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Creates the process; <paramref name="useChatCache"/> replaces the chat clients' <c>UseOpenRouterDistributedCache()</c>.</summary>
    public static async Task<TenantsHost> CreateAsync(
        string cacheKind,
        Uri endpointA,
        Uri endpointB,
        OpenRouterCapabilityCheck capabilityCheck = OpenRouterCapabilityCheck.Off,
        Func<ChatClientBuilder, ChatClientBuilder>? useChatCache = null,
        CancellationToken cancellationToken = default)
    {
        RedisServer? redis = cacheKind == Redis ? await RedisServer.StartAsync(cancellationToken) : null;
        IDistributedCache inner = redis is null
            ? new SharedMemoryCache()
            : new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = redis.Configuration() }));
        var cache = new KeyRecordingCache(inner);
        var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider();

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IDistributedCache>(cache);
        services.AddHybridCache();
        foreach ((string tenant, string key, Uri endpoint) in new[] { ("a", KeyA, endpointA), ("b", KeyB, endpointB) })
        {
            services.Configure<OpenRouterModelCatalogOptions>(tenant, o => o.Expiration = CatalogExpiration);
            ChatClientBuilder chat = services.AddKeyedOpenRouterChatClient(tenant, o =>
            {
                o.ApiKey = key;
                o.Endpoint = endpoint;
                o.DefaultModelId = Model;
                o.CapabilityCheck = capabilityCheck;
            });
            (useChatCache ?? (c => c.UseOpenRouterDistributedCache()))(chat);
            services.AddKeyedOpenRouterEmbeddingGenerator(tenant, o =>
            {
                o.ApiKey = key;
                o.Endpoint = endpoint;
                o.DefaultEmbeddingModelId = EmbeddingModel;
            }).UseOpenRouterDistributedCache();
        }

        return new TenantsHost(services.BuildServiceProvider(), cache, logs, time, redis);
    }

    public IChatClient Chat(string tenant) => Services.GetRequiredKeyedService<IChatClient>(tenant);

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings(string tenant) =>
        Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(tenant);

    public OpenRouterModelCatalog Catalog(string tenant) => Services.GetRequiredKeyedService<OpenRouterModelCatalog>(tenant);

    /// <summary>Counts the log entries whose text contains <paramref name="text"/>.</summary>
    public int LogCount(string text) => Logs.Entries.Count(e => e.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();

        // The cache was registered as an instance, which the container does not dispose: close its Redis connection here, before the
        // server goes, so that no client keeps reconnecting (and allocating) in the background of later tests.
        (Cache.Inner as IDisposable)?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

/// <summary>A distributed cache that records the keys written through it (so a test can put junk under a key a client uses).</summary>
internal sealed class KeyRecordingCache(IDistributedCache inner) : IDistributedCache
{
    private readonly ConcurrentQueue<string> _keys = new();

    /// <summary>Gets the cache written through.</summary>
    public IDistributedCache Inner => inner;

    /// <summary>Gets the keys written, in order, without repeats.</summary>
    public IReadOnlyList<string> Keys => [.. _keys.Distinct()];

    /// <summary>Gets the keys written by the response caches (not the catalog's, which start with its prefix).</summary>
    public IReadOnlyList<string> ResponseKeys => [.. Keys.Where(k => !k.StartsWith(OpenRouterModelCatalogOptions.DefaultCacheKeyPrefix, StringComparison.Ordinal))];

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        _keys.Enqueue(key);
        inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        _keys.Enqueue(key);
        return inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    /// <summary>Overwrites an entry as another writer would, without recording the key.</summary>
    public Task PoisonAsync(string key, byte[] value) => inner.SetAsync(key, value, new DistributedCacheEntryOptions());
}
