using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>
/// Two tenants in one process over one cache (in memory, then a real Redis; <see cref="TenantsHost"/>): neither is served the other's
/// answers nor checked against the other's catalog, and junk in the shared cache is never served.
/// </summary>
public sealed class MultiTenantTests
{
    /// <summary>A catalog only tenant B's endpoint serves.</summary>
    private const string TenantBCatalogJson = """
        {"data":[{"id":"tenant-b/private-model","canonical_slug":"tenant-b/private-model","name":"Tenant B's model","context_length":8192,
          "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"]},
          "pricing":{"prompt":"0.000001","completion":"0.000002"},"supported_parameters":["max_tokens","temperature"]}]}
        """;

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What did we decide in yesterday's board meeting?")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> CacheKinds => TenantsHost.CacheKinds;

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetResponseAsync_TwoKeysOneEndpoint_EachTenantGetsItsOwnAnswer(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("A's private answer"));
        emulator.Enqueue(EmulatorResponse.Text("B's own answer"));

        ChatResponse a = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        ChatResponse b = await host.Chat("b").GetResponseAsync(Question, cancellationToken: Ct);
        ChatResponse aAgain = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);

        Assert.Equal("A's private answer", a.Text);
        Assert.Equal("B's own answer", b.Text);
        Assert.Equal("A's private answer", aAgain.Text);
        Assert.Equal(2, FleetKit.ChatRequests(emulator));
        Assert.Equal(2, host.Cache.ResponseKeys.Count);
        Assert.DoesNotContain(host.Cache.Keys, k => k.Contains(TenantsHost.KeyA, StringComparison.Ordinal) || k.Contains(TenantsHost.KeyB, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetStreamingResponseAsync_TwoKeysOneEndpoint_EachTenantGetsItsOwnAnswer(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("A's ", "private ", "answer"));
        emulator.Enqueue(EmulatorResponse.StreamedText("B's ", "own ", "answer"));

        ChatResponse a = await host.Chat("a").GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);
        ChatResponse b = await host.Chat("b").GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);
        ChatResponse bAgain = await host.Chat("b").GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Equal("A's private answer", a.Text);
        Assert.Equal("B's own answer", b.Text);
        Assert.Equal("B's own answer", bAgain.Text);
        Assert.Equal(2, FleetKit.ChatRequests(emulator));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetResponseAsync_TwoEndpoints_EachTenantAsksItsOwnEndpoint(string cache)
    {
        await using OpenRouterEmulator emulatorA = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using OpenRouterEmulator emulatorB = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulatorA.Endpoint, emulatorB.Endpoint, cancellationToken: Ct);
        emulatorA.Enqueue(EmulatorResponse.Text("From A's proxy"));
        emulatorB.Enqueue(EmulatorResponse.Text("From B's proxy"));

        ChatResponse a = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        ChatResponse b = await host.Chat("b").GetResponseAsync(Question, cancellationToken: Ct);

        Assert.Equal("From A's proxy", a.Text);
        Assert.Equal("From B's proxy", b.Text);
        Assert.Equal(1, FleetKit.ChatRequests(emulatorB));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetResponseAsync_ScopeEndpointOptIn_TenantsOfOneEndpointShareAnswers(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using OpenRouterEmulator other = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(
            cache, emulator.Endpoint, emulator.Endpoint, useChatCache: c => c.UseOpenRouterDistributedCache(scope: OpenRouterCacheScope.Endpoint), cancellationToken: Ct);
        await using TenantsHost elsewhere = await TenantsHost.CreateAsync(
            TenantsHost.Memory, emulator.Endpoint, other.Endpoint, useChatCache: c => c.UseOpenRouterDistributedCache(scope: OpenRouterCacheScope.Endpoint), cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("One owner's answer"));

        ChatResponse a = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        ChatResponse b = await host.Chat("b").GetResponseAsync(Question, cancellationToken: Ct);

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(1, FleetKit.ChatRequests(emulator));

        // Another endpoint is another scope, opt-in or not.
        await elsewhere.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        await elsewhere.Chat("b").GetResponseAsync(Question, cancellationToken: Ct);
        Assert.Equal(1, FleetKit.ChatRequests(other));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GenerateAsync_TwoKeysOneEndpoint_EachTenantsVectorsComeFromItsOwnRequest(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);

        GeneratedEmbeddings<Embedding<float>> a = await host.Embeddings("a").GenerateAsync(["confidential memo"], cancellationToken: Ct);
        GeneratedEmbeddings<Embedding<float>> b = await host.Embeddings("b").GenerateAsync(["confidential memo"], cancellationToken: Ct);
        GeneratedEmbeddings<Embedding<float>> aAgain = await host.Embeddings("a").GenerateAsync(["confidential memo"], cancellationToken: Ct);

        Assert.Equal(2, emulator.Requests.Count(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)));
        Assert.NotNull(b.Usage);
        Assert.Equal(a[0].Vector.ToArray(), aAgain[0].Vector.ToArray());
        Assert.Equal(2, host.Cache.ResponseKeys.Count);
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetResponseAsync_StrictCheckTwoEndpoints_EachTenantIsCheckedAgainstItsOwnCatalog(string cache)
    {
        await using OpenRouterEmulator emulatorA = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using OpenRouterEmulator emulatorB = await OpenRouterEmulator.StartAsync(new OpenRouterEmulatorOptions { CatalogJson = TenantBCatalogJson }, Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(
            cache, emulatorA.Endpoint, emulatorB.Endpoint, OpenRouterCapabilityCheck.Strict, cancellationToken: Ct);

        Assert.NotEmpty((await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct)).Text);
        ChatResponse b = await host.Chat("b").GetResponseAsync(Question, new ChatOptions { ModelId = "tenant-b/private-model" }, Ct);

        Assert.NotEmpty(b.Text);
        Assert.Equal(1, FleetKit.ModelListRequests(emulatorA));
        Assert.Equal(1, FleetKit.ModelListRequests(emulatorB));
        Assert.False(host.Catalog("a").TryGetModel("tenant-b/private-model", out _));
        Assert.True(host.Catalog("b").TryGetModel("tenant-b/private-model", out _));
        Assert.False(host.Catalog("b").TryGetModel(TenantsHost.Model, out _));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetModelsAsync_TwoKeysOneEndpoint_ThePublicListIsFetchedOnce(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);

        IReadOnlyList<OpenRouterModel> a = await host.Catalog("a").GetModelsAsync(Ct);
        IReadOnlyList<OpenRouterModel> b = await host.Catalog("b").GetModelsAsync(Ct);

        Assert.Equal(a.Select(m => m.Id), b.Select(m => m.Id));
        Assert.Equal(1, FleetKit.ModelListRequests(emulator));
        Assert.Equal(host.Catalog("a").ModelsCacheKey, host.Catalog("b").ModelsCacheKey);
        Assert.DoesNotContain(host.Cache.Keys, k => k.Contains(TenantsHost.KeyA, StringComparison.Ordinal) || k.Contains(TenantsHost.KeyB, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetCurrentAsync_TwoKeysOneEndpoint_WhatDependsOnTheKeyIsAskedEveryTime(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        OpenRouterClient a = host.Services.GetRequiredKeyedService<OpenRouterClient>("a");
        OpenRouterClient b = host.Services.GetRequiredKeyedService<OpenRouterClient>("b");

        string[] labels = [(await a.Keys.GetCurrentAsync(Ct)).Label, (await b.Keys.GetCurrentAsync(Ct)).Label, (await a.Keys.GetCurrentAsync(Ct)).Label];

        Assert.Equal(labels[0], labels[2]);
        Assert.NotEqual(labels[0], labels[1]);
        Assert.EndsWith(TenantsHost.KeyB[^3..], labels[1], StringComparison.Ordinal);
        Assert.Equal(3, emulator.Requests.Count(r => r.Path.EndsWith("/key", StringComparison.Ordinal)));
        Assert.Empty(host.Cache.Keys);
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetModelsAsync_SharedEntryStampedTenYearsAhead_IsRefusedAndReplaced(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        OpenRouterModelCatalog catalog = host.Catalog("a");
        byte[] poisoned = CatalogSharedForm<CatalogSnapshot>.Models.Encode(
            CatalogSnapshot.Create([new OpenRouterModel { Id = "poison/model" }]), host.Time.GetUtcNow().AddYears(10));
        await host.Services.GetRequiredService<HybridCache>().SetAsync(catalog.ModelsCacheKey, poisoned, cancellationToken: Ct);

        IReadOnlyList<OpenRouterModel> served = await catalog.GetModelsAsync(Ct);

        Assert.DoesNotContain(served, m => m.Id == "poison/model");
        Assert.Contains(served, m => m.Id == TenantsHost.Model);
        Assert.Equal(1, FleetKit.ModelListRequests(emulator));
        Assert.Equal(1, host.LogCount("could not be read"));

        // The replaced entry serves the other tenant, and it expires after the expiration like any other.
        Assert.Contains(await host.Catalog("b").GetModelsAsync(Ct), m => m.Id == TenantsHost.Model);
        host.Time.Advance(TenantsHost.CatalogExpiration * 2);
        await catalog.GetModelsAsync(Ct);
        Assert.Equal(2, FleetKit.ModelListRequests(emulator));
        Assert.Equal(1, host.LogCount("could not be read"));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetResponseAsync_CachedEmptyObject_IsAMissLoggedOnce(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("The real answer"));
        emulator.Enqueue(EmulatorResponse.Text("The real answer"));
        await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        await host.Cache.PoisonAsync(Assert.Single(host.Cache.ResponseKeys), "{}"u8.ToArray());

        ChatResponse afterPoison = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);
        ChatResponse cached = await host.Chat("a").GetResponseAsync(Question, cancellationToken: Ct);

        Assert.Equal("The real answer", afterPoison.Text);
        Assert.Equal("The real answer", cached.Text);
        Assert.Equal(2, FleetKit.ChatRequests(emulator));
        Assert.Equal(1, host.LogCount("is not a complete answer"));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetStreamingResponseAsync_CachedEmptyListOrJunk_IsAMissLoggedOnce(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        for (int i = 0; i < 3; i++)
        {
            emulator.Enqueue(EmulatorResponse.StreamedText("The real ", "answer"));
        }

        await host.Chat("a").GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);
        string key = Assert.Single(host.Cache.ResponseKeys);
        var texts = new List<string>();
        foreach (byte[] junk in (byte[][])["[]"u8.ToArray(), "not json"u8.ToArray()])
        {
            await host.Cache.PoisonAsync(key, junk);
            texts.Add((await host.Chat("a").GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct)).Text);
        }

        Assert.Equal(["The real answer", "The real answer"], texts);
        Assert.Equal(3, FleetKit.ChatRequests(emulator));
        Assert.Equal(2, host.LogCount("is not a complete answer"));
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GenerateAsync_CachedEmptyOrNonFiniteVector_IsAMiss(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        Embedding<float> original = (await host.Embeddings("a").GenerateAsync(["memo"], cancellationToken: Ct))[0];
        string key = Assert.Single(host.Cache.ResponseKeys);

        var served = new List<float[]>();
        foreach (string junk in (string[])["{}", """{"vector":[]}""", """{"vector":[1,"NaN",0]}"""])
        {
            await host.Cache.PoisonAsync(key, Encoding.UTF8.GetBytes(junk));
            served.Add((await host.Embeddings("a").GenerateAsync(["memo"], cancellationToken: Ct))[0].Vector.ToArray());
        }

        Assert.All(served, v => Assert.Equal(original.Vector.ToArray(), v));
        Assert.Equal(4, emulator.Requests.Count(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal)));
        Assert.Equal(3, host.LogCount("is not a complete answer"));
    }
}
