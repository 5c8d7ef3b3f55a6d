using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>One application instance of a fleet: its own service provider, logs, chat client and catalog.</summary>
internal sealed class FleetHost : IDisposable
{
    public FleetHost(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
        Chat = services.GetRequiredService<IChatClient>();
        Catalog = services.GetRequiredService<OpenRouterModelCatalog>();
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public IChatClient Chat { get; }

    public OpenRouterModelCatalog Catalog { get; }

    /// <summary>Counts the log entries whose text contains <paramref name="text"/>.</summary>
    public int LogCount(string text) => Logs.Entries.Count(e => e.Contains(text, StringComparison.Ordinal));

    public void Dispose() => Services.Dispose();
}

/// <summary>Builds fleet hosts the way an application registers them.</summary>
internal static class FleetKit
{
    public const string Model = "openai/gpt-4o";

    public static readonly TimeSpan CatalogExpiration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A host with <c>AddOpenRouterChatClient</c> against the emulator, the capability check on (so chat requests use the catalog),
    /// the catalog expiring after <see cref="CatalogExpiration"/> on <paramref name="time"/>, the shared caches that
    /// <paramref name="addCaches"/> registers (an <c>IDistributedCache</c> and <c>AddHybridCache()</c>), and the response cache that
    /// <paramref name="useResponseCache"/> adds.
    /// </summary>
    public static FleetHost Create(
        OpenRouterEmulator emulator,
        FakeTimeProvider time,
        Action<IServiceCollection> addCaches,
        Func<ChatClientBuilder, ChatClientBuilder> useResponseCache,
        OpenRouterCapabilityCheck capabilityCheck = OpenRouterCapabilityCheck.Drop)
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        addCaches(services);
        services.Configure<OpenRouterModelCatalogOptions>(o => o.Expiration = CatalogExpiration);
        useResponseCache(services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "sk-or-test";
            o.Endpoint = emulator.Endpoint;
            o.DefaultModelId = Model;
            o.CapabilityCheck = capabilityCheck;
        }));
        return new FleetHost(services.BuildServiceProvider(), logs);
    }

    /// <summary>Redis behind HybridCache (for the catalog) and as the <c>IDistributedCache</c> (for response caching).</summary>
    public static Action<IServiceCollection> Redis(RedisServer redis) => services =>
    {
        services.AddStackExchangeRedisCache(o => o.ConfigurationOptions = redis.Configuration());
        services.AddHybridCache();
    };

    public static int ModelListRequests(OpenRouterEmulator emulator) => emulator.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/models", StringComparison.Ordinal));

    /// <summary>Serializes a value as JSON, to compare data that records compare by reference.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions);

    public static int ChatRequests(OpenRouterEmulator emulator) => emulator.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
}

/// <summary>
/// An in-process distributed cache that several hosts share. A subclass on purpose: HybridCache ignores a plain
/// <see cref="MemoryDistributedCache"/> as its distributed layer (it would only repeat the local one), so the hosts would not share it.
/// </summary>
internal sealed class SharedMemoryCache() : MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
