using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Benchmarks;

/// <summary>
/// <c>--fleet HOST:PORT</c>: the numbers of docs/caching.md, against the emulator on loopback and the Redis at
/// HOST:PORT (<c>scripts/fleet-numbers.sh</c> starts a private one). (1) <c>GET /models</c> per catalog expiry with N instances, each
/// registered as an application would (<c>AddOpenRouterChatClient</c>, with and without <c>AddHybridCache</c> over Redis), asking in turn and
/// all at once; expiry is driven by a shared <see cref="FakeTimeProvider"/>. (2) The latency of a response served from the Redis response
/// cache by another instance against a fresh call to the emulator (which answers at once, so this is the client, HTTP and server
/// overhead only: a real model takes seconds).
/// </summary>
internal static class FleetNumbers
{
    private const int Expiries = 3;
    private const int LatencyRounds = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        string? redis = args.SkipWhile(a => a != "--fleet").Skip(1).FirstOrDefault();
        if (string.IsNullOrEmpty(redis))
        {
            await Console.Error.WriteLineAsync("usage: --fleet HOST:PORT (a Redis to use; scripts/fleet-numbers.sh starts one)");
            return 2;
        }

        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync();
        Console.WriteLine("| Instances | Catalog cache | GET /models per expiry: asking in turn | all at the same instant | continuous traffic |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: |");
        foreach (int instances in (int[])[1, 3, 10])
        {
            foreach (bool shared in (bool[])[false, true])
            {
                (double inTurn, double atOnce, double continuous) = await FetchesPerExpiryAsync(emulator, redis, instances, shared);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {instances} | {(shared ? "HybridCache + Redis" : "IMemoryCache (default)")} | {inTurn:0.##} | {atOnce:0.##} | {continuous:0.##} |"));
            }
        }

        Console.WriteLine();
        await LatencyAsync(emulator, redis);
        return 0;
    }

    /// <summary>
    /// GET /models per expiry over <see cref="Expiries"/> expiries (one hour each): every instance asking in turn once per hour; all asking at
    /// the same instant once per hour (the worst case: nothing is shared between instances that miss together); and every instance asking
    /// together every 18 seconds of fake time, as instances under steady traffic do.
    /// </summary>
    private static async Task<(double InTurn, double AtOnce, double Continuous)> FetchesPerExpiryAsync(OpenRouterEmulator emulator, string redis, int instances, bool shared)
    {
        var time = new FakeTimeProvider();
        string prefix = $"fleet-{Guid.NewGuid():N}";
        ServiceProvider[] hosts = [.. Enumerable.Range(0, instances).Select(_ => CreateHost(emulator, redis, time, shared, prefix, responseCache: false))];
        try
        {
            OpenRouterModelCatalog[] catalogs = [.. hosts.Select(h => h.GetRequiredService<OpenRouterModelCatalog>())];
            int before = ModelListRequests(emulator);
            for (int i = 0; i < Expiries; i++)
            {
                foreach (OpenRouterModelCatalog catalog in catalogs)
                {
                    await catalog.GetModelsAsync();
                }

                time.Advance(TimeSpan.FromHours(1));
            }

            int inTurn = ModelListRequests(emulator) - before;
            before = ModelListRequests(emulator);
            for (int i = 0; i < Expiries; i++)
            {
                await Task.WhenAll(catalogs.Select(c => c.GetModelsAsync().AsTask()));
                time.Advance(TimeSpan.FromHours(1));
            }

            int atOnce = ModelListRequests(emulator) - before;

            // Start the steady traffic from loaded copies (asked in turn), as a running fleet would be.
            foreach (OpenRouterModelCatalog catalog in catalogs)
            {
                await catalog.GetModelsAsync();
            }

            before = ModelListRequests(emulator);
            TimeSpan step = TimeSpan.FromHours(1) / 200;
            for (int i = 0; i <= Expiries * 200; i++)
            {
                await Task.WhenAll(catalogs.Select(c => c.GetModelsAsync().AsTask()));
                time.Advance(step);
            }

            return ((double)inTurn / Expiries, (double)atOnce / Expiries, (double)(ModelListRequests(emulator) - before) / Expiries);
        }
        finally
        {
            Array.ForEach(hosts, h => h.Dispose());
        }
    }

    private static async Task LatencyAsync(OpenRouterEmulator emulator, string redis)
    {
        var time = new FakeTimeProvider();
        string prefix = $"fleet-{Guid.NewGuid():N}";
        using ServiceProvider writer = CreateHost(emulator, redis, time, shared: true, prefix, responseCache: true);
        using ServiceProvider reader = CreateHost(emulator, redis, time, shared: true, prefix, responseCache: true);
        using ServiceProvider uncached = CreateHost(emulator, redis, time, shared: false, prefix, responseCache: false);
        IChatClient write = writer.GetRequiredService<IChatClient>();
        IChatClient read = reader.GetRequiredService<IChatClient>();
        IChatClient fresh = uncached.GetRequiredService<IChatClient>();

        // Warm up every path (JIT, connections) before measuring.
        for (int i = 0; i < 20; i++)
        {
            await write.GetResponseAsync($"warm-up {i}");
            await read.GetResponseAsync($"warm-up {i}");
            await fresh.GetResponseAsync($"warm-up {i}");
        }

        var freshTimes = new List<double>(LatencyRounds);
        var missTimes = new List<double>(LatencyRounds);
        var hitTimes = new List<double>(LatencyRounds);
        string run = Guid.NewGuid().ToString("N");
        for (int i = 0; i < LatencyRounds; i++)
        {
            string question = $"Question {i} of run {run}";
            freshTimes.Add(await TimeAsync(() => fresh.GetResponseAsync(question)));
            missTimes.Add(await TimeAsync(() => write.GetResponseAsync(question)));
            hitTimes.Add(await TimeAsync(() => read.GetResponseAsync(question)));
        }

        int chatRequests = emulator.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Console.WriteLine($"| Response ({LatencyRounds} questions, emulator answering at once) | median | p95 |");
        Console.WriteLine("| --- | ---: | ---: |");
        Print("fresh call to the emulator, no cache", freshTimes);
        Print("miss: emulator call + write to Redis (instance A)", missTimes);
        Print("hit: served from Redis by another instance (B), no request", hitTimes);
        Console.WriteLine();
        Console.WriteLine($"chat requests the emulator received: {chatRequests} (warm-up 40 + {2 * LatencyRounds} measured; the {LatencyRounds} hits sent none)");
    }

    private static ServiceProvider CreateHost(OpenRouterEmulator emulator, string redis, TimeProvider time, bool shared, string prefix, bool responseCache)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.Configure<OpenRouterModelCatalogOptions>(o => o.CacheKeyPrefix = prefix);
        if (shared)
        {
            services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = prefix + ":";
            });
            services.AddHybridCache();
        }

        ChatClientBuilder chat = services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "sk-or-bench";
            o.Endpoint = emulator.Endpoint;
            o.DefaultModelId = "openai/gpt-4o";
        });
        if (responseCache)
        {
            chat.UseOpenRouterDistributedCache();
        }

        return services.BuildServiceProvider();
    }

    private static int ModelListRequests(OpenRouterEmulator emulator) =>
        emulator.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/models", StringComparison.Ordinal));

    private static async Task<double> TimeAsync(Func<Task<ChatResponse>> call)
    {
        long start = Stopwatch.GetTimestamp();
        ChatResponse response = await call();
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.Text.Length > 0 ? elapsed : throw new InvalidOperationException("empty answer");
    }

    private static void Print(string label, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {times[times.Count / 2]:0.00} ms | {times[(int)(times.Count * 0.95)]:0.00} ms |"));
    }
}
