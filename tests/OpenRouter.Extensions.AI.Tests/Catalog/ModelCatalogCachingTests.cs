using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

public sealed class ModelCatalogCachingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetModelsAsync_ThousandConcurrentFirstCalls_SendsExactlyOneRequest()
    {
        const int callers = 1000;
        var handler = CatalogTestKit.CreateHandler();
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(allWaiting.Task);
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client);

        int waiting = 0;
        Task<IReadOnlyList<OpenRouterModel>>[] calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            ValueTask<IReadOnlyList<OpenRouterModel>> pending = catalog.GetModelsAsync(Ct);
            if (Interlocked.Increment(ref waiting) == callers)
            {
                allWaiting.SetResult();
            }

            return await pending;
        }, Ct)).ToArray();

        await handler.WaitForRequestAsync(CatalogTestKit.Patience);
        await allWaiting.Task.WaitAsync(Ct);
        IReadOnlyList<OpenRouterModel>[] results = await Task.WhenAll(calls).WaitAsync(Ct);

        Assert.Equal(1, handler.Count);
        Assert.Equal(CatalogTestKit.ModelCount, results[0].Count);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task GetModelsAsync_WithinAndAfterExpiration_ReloadsOnlyAfterExpiration()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, options: new() { Expiration = TimeSpan.FromMinutes(30) }, timeProvider: time);

        IReadOnlyList<OpenRouterModel> first = await catalog.GetModelsAsync(Ct);
        DateTimeOffset firstLoad = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(29));
        IReadOnlyList<OpenRouterModel> cached = await catalog.GetModelsAsync(Ct);
        Assert.Equal(1, handler.Count);
        Assert.Same(first, cached);

        time.Advance(TimeSpan.FromMinutes(1));
        IReadOnlyList<OpenRouterModel> reloaded = await catalog.GetModelsAsync(Ct);

        Assert.Equal(2, handler.Count);
        Assert.NotSame(first, reloaded);
        Assert.Equal(firstLoad + TimeSpan.FromMinutes(30), catalog.LoadedAt);
    }

    [Fact]
    public async Task GetModelsAsync_DefaultOptions_ExpiresAfterOneHour()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: time);

        await catalog.GetModelsAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(59));
        await catalog.GetModelsAsync(Ct);
        Assert.Equal(1, handler.Count);
        time.Advance(TimeSpan.FromMinutes(1));
        await catalog.GetModelsAsync(Ct);

        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task RefreshAsync_FreshCatalog_ReloadsAnyway()
    {
        var handler = CatalogTestKit.CreateHandler();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: new FakeTimeProvider());

        IReadOnlyList<OpenRouterModel> first = await catalog.GetModelsAsync(Ct);
        await catalog.RefreshAsync(Ct);

        Assert.Equal(2, handler.Count);
        Assert.NotSame(first, await catalog.GetModelsAsync(Ct));
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task GetModelsAsync_ReloadFailsWithEarlierLoad_ServesStaleLogsWarningAndWaitsBeforeRetrying()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: time, logger: logger,
            options: new() { RetryAfterFailure = TimeSpan.FromMinutes(2) });
        IReadOnlyList<OpenRouterModel> loaded = await catalog.GetModelsAsync(Ct);
        DateTimeOffset loadedAt = time.GetUtcNow();

        time.Advance(TimeSpan.FromHours(2));
        handler.RespondToEvery(_ => (HttpStatusCode.InternalServerError, CatalogTestKit.ServerError));
        IReadOnlyList<OpenRouterModel> stale = await catalog.GetModelsAsync(Ct);

        Assert.Same(loaded, stale);
        Assert.Equal(2, handler.Count);
        LogEntry warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(5001, warning.EventId);
        Assert.IsType<OpenRouterException>(warning.Exception);
        Assert.Contains(loadedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), warning.Message, StringComparison.Ordinal);
        Assert.Equal(loadedAt, catalog.LoadedAt);

        // Within the retry delay the stale copy is served without a request; after it, the next call tries again.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Same(loaded, await catalog.GetModelsAsync(Ct));
        Assert.Equal(2, handler.Count);

        time.Advance(TimeSpan.FromMinutes(1));
        handler.RespondToEvery(_ => (HttpStatusCode.OK, CatalogTestKit.ModelsJson));
        IReadOnlyList<OpenRouterModel> recovered = await catalog.GetModelsAsync(Ct);
        Assert.Equal(3, handler.Count);
        Assert.NotSame(loaded, recovered);
        Assert.Equal(time.GetUtcNow(), catalog.LoadedAt);
    }

    [Fact]
    public async Task RefreshAsync_FailsWithEarlierLoad_KeepsEarlierLoadAndLogsWarning()
    {
        var handler = CatalogTestKit.CreateHandler();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: new FakeTimeProvider(), logger: logger);
        IReadOnlyList<OpenRouterModel> loaded = await catalog.GetModelsAsync(Ct);

        handler.RespondToEvery(_ => (HttpStatusCode.BadGateway, """{"error":{"code":502,"message":"upstream down"}}"""));
        await catalog.RefreshAsync(Ct);

        Assert.Same(loaded, await catalog.GetModelsAsync(Ct));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.EventId == 5001);
    }

    [Fact]
    public async Task GetModelsAsync_ColdFailure_ThrowsOpenRouterExceptionAndRetriesNextCall()
    {
        var handler = CatalogTestKit.CreateHandler().RespondToEvery(_ => (HttpStatusCode.InternalServerError, CatalogTestKit.ServerError));
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: new FakeTimeProvider());

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () => await catalog.GetModelsAsync(Ct));
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Null(catalog.LoadedAt);
        Assert.False(catalog.TryGetModel("openai/gpt-4o", out _));

        handler.RespondToEvery(_ => (HttpStatusCode.OK, CatalogTestKit.ModelsJson));
        Assert.Equal(CatalogTestKit.ModelCount, (await catalog.GetModelsAsync(Ct)).Count);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task GetModelsAsync_OneCallerCancels_SharedLoadCompletesForTheOthers()
    {
        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client);
        using var cancel = new CancellationTokenSource();

        Task<IReadOnlyList<OpenRouterModel>> canceled = catalog.GetModelsAsync(cancel.Token).AsTask();
        Task<IReadOnlyList<OpenRouterModel>> patient = catalog.GetModelsAsync(Ct).AsTask();
        await handler.WaitForRequestAsync(CatalogTestKit.Patience);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        release.SetResult();
        Assert.Equal(CatalogTestKit.ModelCount, (await patient).Count);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task GetModelsAsync_TwoCatalogsSharingACache_SecondUsesFirstLoad()
    {
        var handler = CatalogTestKit.CreateHandler();
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        var time = new FakeTimeProvider();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var first = new OpenRouterModelCatalog(client, cache, timeProvider: time);
        using var second = new OpenRouterModelCatalog(client, cache, timeProvider: time);

        IReadOnlyList<OpenRouterModel> loaded = await first.GetModelsAsync(Ct);

        Assert.Same(loaded, await second.GetModelsAsync(Ct));
        Assert.Equal(1, handler.Count);
        Assert.True(second.TryGetModel("openai/gpt-4o", out _));
    }

    [Fact]
    public async Task GetEndpointsAsync_ConcurrentCallsPerModel_OneRequestPerModelAndCachedUntilExpiry()
    {
        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        var time = new FakeTimeProvider();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: time);

        Task<OpenRouterModelEndpoints>[] calls =
        [
            .. Enumerable.Range(0, 50).Select(_ => catalog.GetEndpointsAsync("openai/gpt-4o", Ct).AsTask()),
            .. Enumerable.Range(0, 50).Select(_ => catalog.GetEndpointsAsync("anthropic/claude-sonnet-4", Ct).AsTask()),
        ];
        release.SetResult();
        OpenRouterModelEndpoints[] results = await Task.WhenAll(calls);

        Assert.Equal(2, handler.Count);
        Assert.Equal(["/api/v1/models/anthropic/claude-sonnet-4/endpoints", "/api/v1/models/openai/gpt-4o/endpoints"], handler.Requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(results.Take(50), r => Assert.Same(results[0], r));
        Assert.NotEmpty(results[0].Endpoints);

        time.Advance(TimeSpan.FromMinutes(59));
        await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        Assert.Equal(2, handler.Count);
        time.Advance(TimeSpan.FromMinutes(1));
        await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task GetEndpointsAsync_ReloadFails_ServesStaleEndpoints()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: time, logger: logger);
        OpenRouterModelEndpoints loaded = await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);

        time.Advance(TimeSpan.FromHours(1));
        handler.RespondToEvery(_ => (HttpStatusCode.ServiceUnavailable, """{"error":{"code":503,"message":"busy"}}"""));

        Assert.Same(loaded, await catalog.GetEndpointsAsync("openai/gpt-4o", Ct));
        Assert.Contains(logger.Entries, e => e.EventId == 5001 && e.Message.Contains("endpoints:openai/gpt-4o", StringComparison.Ordinal));
        OpenRouterException cold = await Assert.ThrowsAsync<OpenRouterException>(async () => await catalog.GetEndpointsAsync("openai/gpt-4o-mini", Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cold.StatusCode);
    }

    [Fact]
    public async Task Dispose_OwnedCache_LaterCallsThrowObjectDisposed()
    {
        var handler = CatalogTestKit.CreateHandler();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        var catalog = new OpenRouterModelCatalog(client);
        await catalog.GetModelsAsync(Ct);

        catalog.Dispose();
        catalog.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await catalog.GetModelsAsync(Ct));
    }

    [Fact]
    public void Constructor_NonPositiveExpiration_Throws()
    {
        using OpenRouterClient client = CatalogTestKit.CreateClient(CatalogTestKit.CreateHandler());

        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenRouterModelCatalog(client, options: new() { Expiration = TimeSpan.Zero }));
    }
}
