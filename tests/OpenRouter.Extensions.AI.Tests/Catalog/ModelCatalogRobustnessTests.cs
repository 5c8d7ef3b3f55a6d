using System.Collections;
using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

/// <summary>Malformed-but-valid catalog data, the bound on per-model state, and disposal during loads.</summary>
public sealed class ModelCatalogRobustnessTests
{
    private const string NullIdsJson = """
        {"data":[
          {"id":null,"name":"Null id","supported_parameters":["tools"]},
          {"name":"Missing id"},
          null,
          {"id":"  ","name":"Blank id"},
          {"id":"acme/good","canonical_slug":"acme/good-2025","name":"Good","supported_parameters":["tools","seed"],
           "architecture":{"input_modalities":["text","image"],"output_modalities":["text"]}},
          {"id":"acme/other","name":"Other"}
        ]}
        """;

    private const string NullCollectionsJson = """
        {"data":[
          {"id":"acme/null-params","supported_parameters":null,"architecture":{"input_modalities":["text"],"output_modalities":["text"]}},
          {"id":"acme/null-architecture","supported_parameters":["tools"],"architecture":null},
          {"id":"acme/null-modalities","supported_parameters":["tools"],"architecture":{"modality":"text->text","input_modalities":null,"output_modalities":null}},
          {"id":"acme/null-items","supported_parameters":[null,"seed"],"architecture":{"input_modalities":[null,"text"],"output_modalities":[null]}}
        ]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetModelsAsync_ModelsWithoutId_SkipsThemAndLogsCountOnce()
    {
        var handler = CatalogTestKit.CreateHandler().RespondToEvery(_ => (HttpStatusCode.OK, NullIdsJson));
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, logger: logger);

        IReadOnlyList<OpenRouterModel> models = await catalog.GetModelsAsync(Ct);
        IReadOnlyList<OpenRouterModelCapabilities> capabilities = await catalog.GetCapabilitiesAsync(Ct);

        Assert.Equal(["acme/good", "acme/other"], models.Select(m => m.Id));
        Assert.Equal(["acme/good", "acme/other"], capabilities.Select(c => c.ModelId));
        Assert.True(catalog.TryGetCapabilities("acme/good-2025", out OpenRouterModelCapabilities? good));
        Assert.True(good.SupportsTools);
        Assert.False(catalog.TryGetModel(string.Empty, out _));
        LogEntry skipped = Assert.Single(logger.Entries, e => e.EventId == 5003);
        Assert.Equal(LogLevel.Warning, skipped.Level);
        // The null entry never reaches the catalog (Models.ListAsync skips null entries); the three without an id are left out here.
        Assert.Contains("left out 3 entries", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModelsAsync_EveryModelHasAnId_LogsNoSkipWarning()
    {
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(CatalogTestKit.CreateHandler());
        using var catalog = new OpenRouterModelCatalog(client, logger: logger);

        Assert.Equal(CatalogTestKit.ModelCount, (await catalog.GetModelsAsync(Ct)).Count);
        Assert.DoesNotContain(logger.Entries, e => e.EventId == 5003);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_NullSupportedParameters_TreatsThemAsEmpty()
    {
        using OpenRouterModelCatalog catalog = await LoadedAsync(NullCollectionsJson);

        OpenRouterModelCapabilities capabilities = (await catalog.GetCapabilitiesAsync("acme/null-params", Ct))!;

        Assert.Empty(capabilities.SupportedParameters);
        Assert.Empty(capabilities.Model.SupportedParameters);
        Assert.False(capabilities.SupportsTools);
        Assert.True(capabilities.SupportsTextInput);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_NullArchitecture_HasNoModalities()
    {
        using OpenRouterModelCatalog catalog = await LoadedAsync(NullCollectionsJson);

        OpenRouterModelCapabilities capabilities = (await catalog.GetCapabilitiesAsync("acme/null-architecture", Ct))!;

        Assert.Null(capabilities.Model.Architecture);
        Assert.Empty(capabilities.InputModalities);
        Assert.Empty(capabilities.OutputModalities);
        Assert.True(capabilities.SupportsTools);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_NullInputAndOutputModalities_TreatsThemAsEmpty()
    {
        using OpenRouterModelCatalog catalog = await LoadedAsync(NullCollectionsJson);

        OpenRouterModelCapabilities capabilities = (await catalog.GetCapabilitiesAsync("acme/null-modalities", Ct))!;

        Assert.Empty(capabilities.Model.Architecture!.InputModalities);
        Assert.Empty(capabilities.Model.Architecture.OutputModalities);
        Assert.Empty(capabilities.InputModalities);
        Assert.False(capabilities.SupportsTextInput);
        Assert.False(capabilities.SupportsTextOutput);
    }

    [Fact]
    public async Task GetCapabilitiesAsync_NullItemsInLists_IgnoresThem()
    {
        using OpenRouterModelCatalog catalog = await LoadedAsync(NullCollectionsJson);

        OpenRouterModelCapabilities capabilities = (await catalog.GetCapabilitiesAsync("acme/null-items", Ct))!;

        Assert.Equal([OpenRouterParameter.Seed], capabilities.SupportedParameters);
        Assert.Equal([OpenRouterModality.Text], capabilities.InputModalities);
        Assert.Empty(capabilities.OutputModalities);
    }

    [Fact]
    public async Task GetEndpointsAsync_NullEndpointsAndParameters_LoadsThemAsEmpty()
    {
        var handler = CatalogTestKit.CreateHandler().RespondToEvery(_ => (HttpStatusCode.OK, """
                {"data":{"id":null,"name":null,"architecture":{"input_modalities":null},"endpoints":null}}
                """));
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client);

        OpenRouterModelEndpoints endpoints = await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);

        Assert.Empty(endpoints.Endpoints);
        Assert.Equal(string.Empty, endpoints.Id);
        Assert.Empty(endpoints.Architecture!.InputModalities);

        handler.RespondToEvery(_ => (HttpStatusCode.OK, """{"data":{"id":"acme/x","endpoints":[{"name":"A","supported_parameters":null}]}}"""));
        OpenRouterModelEndpoints other = await catalog.GetEndpointsAsync("acme/x", Ct);
        Assert.Empty(Assert.Single(other.Endpoints).SupportedParameters);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"acme/x","supported_parameters":"tools"}]}""")]
    [InlineData("""{"data":{"id":"acme/x"}}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"data":[{"id":"acme/x","architecture":{"input_modalities":""")]
    [InlineData("""[1, 2, 3]""")]
    public async Task RefreshAsync_MalformedBodyWithEarlierLoad_ServesEarlierLoad(string body)
    {
        var handler = CatalogTestKit.CreateHandler();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: new FakeTimeProvider(), logger: logger);
        IReadOnlyList<OpenRouterModel> loaded = await catalog.GetModelsAsync(Ct);

        handler.RespondToEvery(_ => (HttpStatusCode.OK, body));
        await catalog.RefreshAsync(Ct);

        Assert.Equal(2, handler.Count);
        Assert.Same(loaded, await catalog.GetModelsAsync(Ct));
        LogEntry warning = Assert.Single(logger.Entries, e => e.EventId == 5001);
        Assert.IsType<OpenRouterException>(warning.Exception);
    }

    [Fact]
    public async Task RefreshAsync_BodyWithNullIdsAndListsWithEarlierLoad_ServesTheNewCatalog()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        var logger = new ListLogger<OpenRouterModelCatalog>();
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, timeProvider: time, logger: logger);
        await catalog.GetModelsAsync(Ct);
        time.Advance(TimeSpan.FromHours(2));

        handler.RespondToEvery(_ => (HttpStatusCode.OK, NullIdsJson.Replace("\"id\":\"acme/other\"", "\"id\":\"acme/other\",\"supported_parameters\":null,\"architecture\":{\"input_modalities\":null}", StringComparison.Ordinal)));
        IReadOnlyList<OpenRouterModel> reloaded = await catalog.GetModelsAsync(Ct);

        Assert.Equal(["acme/good", "acme/other"], reloaded.Select(m => m.Id));
        Assert.Equal(time.GetUtcNow(), catalog.LoadedAt);
        Assert.DoesNotContain(logger.Entries, e => e.EventId == 5001);
        Assert.False(catalog.TryGetModel("openai/gpt-4o", out _));
    }

    [Fact]
    public void Create_ModelThatCannotBeIndexed_ThrowsMalformedResponseOpenRouterException()
    {
        OpenRouterModel[] models = [new() { Id = "acme/good" }, new() { Id = "acme/bad", SupportedParameters = new ThrowingList<OpenRouterParameter>() }];

        OpenRouterException ex = Assert.Throws<OpenRouterException>(() => CatalogSnapshot.Create(models));

        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("not valid JSON of the expected shape", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEndpointsAsync_CacheEntryEvicted_ReloadsFromOpenRouter()
    {
        var handler = CatalogTestKit.CreateHandler();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, cache, timeProvider: new FakeTimeProvider());
        OpenRouterModelEndpoints first = await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);

        cache.Remove(catalog.EndpointsCacheKey("openai/gpt-4o"));
        OpenRouterModelEndpoints second = await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);

        Assert.Equal(2, handler.Count);
        Assert.NotSame(first, second);
        Assert.Same(second, await catalog.GetEndpointsAsync("openai/gpt-4o", Ct));
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task GetEndpointsAsync_EntryEvictedThenReloadFails_ThrowsOpenRouterException()
    {
        var handler = CatalogTestKit.CreateHandler();
        var time = new FakeTimeProvider();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, cache, timeProvider: time);
        await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        time.Advance(TimeSpan.FromHours(2));
        handler.RespondToEvery(_ => (HttpStatusCode.ServiceUnavailable, """{"error":{"code":503,"message":"busy"}}"""));

        cache.Remove(catalog.EndpointsCacheKey("openai/gpt-4o"));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () => await catalog.GetEndpointsAsync("openai/gpt-4o", Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
    }

    [Fact]
    public async Task GetEndpointsAsync_ManyModels_CatalogKeepsOnlyLoadsUnderWay()
    {
        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000, TrackStatistics = true });
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, cache, timeProvider: new FakeTimeProvider());

        Task<OpenRouterModelEndpoints>[] calls = [.. Enumerable.Range(0, 3).Select(i => catalog.GetEndpointsAsync($"acme/model-{i}", Ct).AsTask())];
        Assert.Equal(3, catalog.LoadsUnderWay);
        release.SetResult();
        await Task.WhenAll(calls);
        for (int i = 3; i < 100; i++)
        {
            await catalog.GetEndpointsAsync($"acme/model-{i}", Ct);
        }

        Assert.Equal(0, catalog.LoadsUnderWay);
        Assert.Equal(100, handler.Count);
        Assert.Equal(100, cache.GetCurrentStatistics()!.CurrentEstimatedSize);
    }

    [Fact]
    public async Task GetEndpointsAsync_SizeLimitedCacheIsFull_EntryIsNotKeptElsewhere()
    {
        var handler = CatalogTestKit.CreateHandler();
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1 });
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        using var catalog = new OpenRouterModelCatalog(client, cache, timeProvider: new FakeTimeProvider());
        cache.Set("someone-else", new object(), new MemoryCacheEntryOptions { Size = 1, Priority = CacheItemPriority.NeverRemove });

        await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);
        await catalog.GetEndpointsAsync("openai/gpt-4o", Ct);

        Assert.Equal(2, handler.Count);
        Assert.False(cache.TryGetValue(catalog.EndpointsCacheKey("openai/gpt-4o"), out _));
    }

    [Fact]
    public async Task Dispose_DuringLoad_WaitingCallersGetOperationCanceled()
    {
        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        var catalog = new OpenRouterModelCatalog(client);

        Task<IReadOnlyList<OpenRouterModel>> first = catalog.GetModelsAsync(Ct).AsTask();
        Task<IReadOnlyList<OpenRouterModel>> second = catalog.GetModelsAsync(Ct).AsTask();
        await handler.WaitForRequestAsync(CatalogTestKit.Patience);
        catalog.Dispose();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(0, catalog.LoadsUnderWay);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await catalog.GetModelsAsync(Ct));
    }

    [Fact]
    public async Task Dispose_DuringReloadWithEarlierLoad_WaitingCallerGetsOperationCanceledNotStaleData()
    {
        var time = new FakeTimeProvider();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using OpenRouterClient loaderClient = CatalogTestKit.CreateClient(CatalogTestKit.CreateHandler());
        using var loader = new OpenRouterModelCatalog(loaderClient, cache, timeProvider: time);
        await loader.GetEndpointsAsync("openai/gpt-4o", Ct);
        time.Advance(TimeSpan.FromHours(2));

        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        var catalog = new OpenRouterModelCatalog(client, cache, timeProvider: time);
        Task<OpenRouterModelEndpoints> reload = catalog.GetEndpointsAsync("openai/gpt-4o", Ct).AsTask();
        await handler.WaitForRequestAsync(CatalogTestKit.Patience);

        catalog.Dispose();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reload);
        Assert.True(cache.TryGetValue(catalog.EndpointsCacheKey("openai/gpt-4o"), out _));
    }

    [Fact]
    public async Task Dispose_RightAfterLoadIsQueued_CallerGetsOperationCanceledEveryTime()
    {
        var handler = CatalogTestKit.CreateHandler();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.HoldResponsesUntil(release.Task);
        using OpenRouterClient client = CatalogTestKit.CreateClient(handler);
        for (int i = 0; i < 50; i++)
        {
            var catalog = new OpenRouterModelCatalog(client);
            ValueTask<IReadOnlyList<OpenRouterModel>> pending = catalog.GetModelsAsync(Ct);
            catalog.Dispose();

            // Whether the queued load had started its request or not, the waiting caller sees the cancellation, never ObjectDisposedException.
            Exception ex = await Assert.ThrowsAnyAsync<Exception>(async () => await pending);
            Assert.IsAssignableFrom<OperationCanceledException>(ex);
        }

        release.SetResult();
    }

    private static async Task<OpenRouterModelCatalog> LoadedAsync(string json)
    {
        var catalog = new OpenRouterModelCatalog(CatalogTestKit.CreateClient(CatalogTestKit.CreateHandler().RespondToEvery(_ => (HttpStatusCode.OK, json))));
        await catalog.RefreshAsync(Ct);
        return catalog;
    }

    private sealed class ThrowingList<T> : IReadOnlyList<T>
    {
        public int Count => 1;

        public T this[int index] => throw new InvalidOperationException("broken list");

        public IEnumerator<T> GetEnumerator() => throw new InvalidOperationException("broken list");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
