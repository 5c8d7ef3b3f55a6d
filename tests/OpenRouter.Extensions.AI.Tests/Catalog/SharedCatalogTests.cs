using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.Fleet;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

/// <summary>The catalog over a HybridCache whose distributed layer is an in-process <see cref="MemoryDistributedCache"/> shared by several hosts.</summary>
public sealed class SharedCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetModelsAsync_HostsSharingADistributedCache_OneRequestPerExpiry()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        var shared = new SharedMemoryCache();
        FleetHost[] hosts = [.. Enumerable.Range(0, 3).Select(_ => CreateHost(emulator, time, shared))];
        try
        {
            var lists = new List<IReadOnlyList<OpenRouterModel>>();
            foreach (FleetHost host in hosts)
            {
                lists.Add(await host.Catalog.GetModelsAsync(Ct));
            }

            Assert.Equal(1, FleetKit.ModelListRequests(emulator));

            // The copy read from the shared cache is the same catalog, capabilities and all.
            Assert.All(lists, l => Assert.Equal(lists[0].Select(m => m.Id), l.Select(m => m.Id)));
            Assert.True(hosts[2].Catalog.TryGetCapabilities("openai/gpt-4o", out OpenRouterModelCapabilities? capabilities));
            Assert.True(hosts[0].Catalog.TryGetCapabilities("openai/gpt-4o", out OpenRouterModelCapabilities? original));
            Assert.Equal(FleetKit.Json(original), FleetKit.Json(capabilities));

            // With a shared cache each catalog serves its copy for between nine tenths of the expiration and all of it.
            TimeSpan early = FleetKit.CatalogExpiration * 0.9 - TimeSpan.FromSeconds(1);
            time.Advance(early);
            foreach (FleetHost host in hosts)
            {
                await host.Catalog.GetModelsAsync(Ct);
            }

            Assert.Equal(1, FleetKit.ModelListRequests(emulator));

            time.Advance(FleetKit.CatalogExpiration - early);
            foreach (FleetHost host in hosts)
            {
                await host.Catalog.GetModelsAsync(Ct);
            }

            Assert.Equal(2, FleetKit.ModelListRequests(emulator));
            Assert.All(hosts, h => Assert.Equal(time.GetUtcNow(), h.Catalog.LoadedAt));
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    [Fact]
    public async Task GetEndpointsAsync_HostsSharingADistributedCache_OneRequestPerModel()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        var shared = new SharedMemoryCache();
        using FleetHost first = CreateHost(emulator, time, shared);
        using FleetHost second = CreateHost(emulator, time, shared);

        OpenRouterModelEndpoints loaded = await first.Catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        OpenRouterModelEndpoints replayed = await second.Catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        await second.Catalog.GetEndpointsAsync("openai/gpt-4o-mini", Ct);

        Assert.Equal(2, emulator.Requests.Count(r => r.Path.EndsWith("/endpoints", StringComparison.Ordinal)));
        Assert.Equal(loaded.Id, replayed.Id);
        Assert.Equal(FleetKit.Json(loaded), FleetKit.Json(replayed));
    }

    [Fact]
    public async Task GetModelsAsync_SharedCacheThrows_ServesFromOpenRouterWithOneWarning()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        var cache = new FailingHybridCache();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using var client = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = "sk-or-test", Endpoint = emulator.Endpoint });
        using var catalog = new OpenRouterModelCatalog(client, cache, new() { Expiration = TimeSpan.FromMinutes(1) }, time, logger);

        for (int i = 0; i < 3; i++)
        {
            Assert.NotEmpty(await catalog.GetModelsAsync(Ct));
            await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, FleetKit.ModelListRequests(emulator));
        Assert.Equal(12, cache.Calls); // a read and a write per load: 3 model lists, 3 endpoint lists
        LogEntry warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(5005, warning.EventId);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Fact]
    public async Task GetModelsAsync_OpenRouterFailsAndOnlyAnExpiredSharedEntry_ServesTheSharedEntry()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        var shared = new SharedMemoryCache();
        using FleetHost loader = CreateHost(emulator, time, shared);
        IReadOnlyList<OpenRouterModel> loaded = await loader.Catalog.GetModelsAsync(Ct);
        DateTimeOffset loadedAt = time.GetUtcNow();

        // A new instance of the same endpoint starts after the entry expired, while OpenRouter fails (503 to every request).
        time.Advance(FleetKit.CatalogExpiration + TimeSpan.FromMinutes(1));
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using var down = new HttpClient(new RecordingHandler().RespondToEvery(_ => (HttpStatusCode.ServiceUnavailable, """{"error":{"code":503,"message":"down"}}""")));
        using var failing = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = "sk-or-test", Endpoint = emulator.Endpoint }, down);
        using var newcomer = new OpenRouterModelCatalog(
            failing, loader.Services.GetRequiredService<HybridCache>(), new() { Expiration = FleetKit.CatalogExpiration }, time, logger);

        IReadOnlyList<OpenRouterModel> served = await newcomer.GetModelsAsync(Ct);

        Assert.Equal(loaded.Select(m => m.Id), served.Select(m => m.Id));
        Assert.Equal(loadedAt, newcomer.LoadedAt);
        Assert.Equal(5001, Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).EventId);
    }

    [Fact]
    public async Task GetModelsAsync_SharedEntryUnreadable_LoadsFromOpenRouterAndReplacesIt()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        var shared = new SharedMemoryCache();
        using FleetHost first = CreateHost(emulator, time, shared);
        HybridCache hybrid = first.Services.GetRequiredService<HybridCache>();
        await hybrid.SetAsync(first.Catalog.ModelsCacheKey, "not a catalog"u8.ToArray(), cancellationToken: Ct);

        Assert.NotEmpty(await first.Catalog.GetModelsAsync(Ct));
        using FleetHost second = CreateHost(emulator, time, shared);
        Assert.NotEmpty(await second.Catalog.GetModelsAsync(Ct));

        Assert.Equal(1, FleetKit.ModelListRequests(emulator));
        Assert.Equal(1, first.LogCount("could not be read"));
    }

    private static FleetHost CreateHost(OpenRouterEmulator emulator, FakeTimeProvider time, IDistributedCache shared) =>
        FleetKit.Create(emulator, time, services =>
        {
            services.AddSingleton(shared);
            services.AddHybridCache();
        }, chat => chat);

    /// <summary>A HybridCache whose every operation throws, as a custom implementation over a failed store might.</summary>
    private sealed class FailingHybridCache : HybridCache
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override ValueTask<T> GetOrCreateAsync<TState, T>(
            string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options = null,
            IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) => Fail<ValueTask<T>>();

        public override ValueTask SetAsync<T>(
            string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
            Fail<ValueTask>();

        public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => Fail<ValueTask>();

        public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => Fail<ValueTask>();

        private T Fail<T>()
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("The shared cache is down.");
        }
    }
}
