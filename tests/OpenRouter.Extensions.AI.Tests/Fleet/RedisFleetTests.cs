using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>
/// Three application instances (three service providers) against one emulator and one real Redis, started by the test on a free loopback
/// port: the catalog is fetched once between them, a response cached by one is served to the others, and a dead Redis is survived.
/// </summary>
public sealed class RedisFleetTests
{
    /// <summary>A JSON answer with reasoning, <c>reasoning_details</c> (text and encrypted), usage with cache counts, and cost.</summary>
    private const string ReasoningAnswerJson = """
        {"id":"gen-fleet-1","object":"chat.completion","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI",
         "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop","message":{"role":"assistant","content":"Paris.",
           "reasoning":"The capital of France is Paris.",
           "reasoning_details":[{"type":"reasoning.text","text":"The capital of France is Paris.","format":"unknown","index":0},
                                {"type":"reasoning.encrypted","data":"ZW5jcnlwdGVk","format":"openai-responses-v1","index":1}]}}],
         "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"cost":0.000123,"is_byok":false,
           "prompt_tokens_details":{"cached_tokens":4,"cache_write_tokens":2},"completion_tokens_details":{"reasoning_tokens":20}}}
        """;

    /// <summary>The same answer streamed: reasoning deltas with their details, content, finish chunk, usage chunk.</summary>
    private const string ReasoningAnswerSse = """
        data: {"id":"gen-fleet-2","object":"chat.completion.chunk","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"The capital ","reasoning_details":[{"type":"reasoning.text","text":"The capital ","format":"unknown","index":0}]},"finish_reason":null}]}

        data: {"id":"gen-fleet-2","object":"chat.completion.chunk","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"reasoning":"is Paris.","reasoning_details":[{"type":"reasoning.text","text":"is Paris.","format":"unknown","index":0}]},"finish_reason":null}]}

        data: {"id":"gen-fleet-2","object":"chat.completion.chunk","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"content":"Paris."},"finish_reason":null}]}

        data: {"id":"gen-fleet-2","object":"chat.completion.chunk","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{},"finish_reason":"stop","native_finish_reason":"stop"}]}

        data: {"id":"gen-fleet-2","object":"chat.completion.chunk","created":1760000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"cost":0.000123,"is_byok":false,"prompt_tokens_details":{"cached_tokens":4,"cache_write_tokens":2},"completion_tokens_details":{"reasoning_tokens":20}}}

        data: [DONE]


        """;

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is the capital of France?")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Variants => OptionVariants.OverRedis;

    [Fact]
    public async Task GetResponseAsync_ThreeHostsSharingRedis_OneModelsRequestPerExpiry()
    {
        await using RedisServer redis = await RedisServer.StartAsync(Ct);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new FakeTimeProvider();
        using Fleet fleet = new(3, () => FleetKit.Create(emulator, time, FleetKit.Redis(redis), chat => chat));

        // Each host's first chat request runs the capability check, which needs the catalog.
        foreach (FleetHost host in fleet.Hosts)
        {
            Assert.NotEmpty((await host.Chat.GetResponseAsync("Hello", cancellationToken: Ct)).Text);
        }

        Assert.Equal(1, FleetKit.ModelListRequests(emulator));
        Assert.Equal(3, FleetKit.ChatRequests(emulator));
        Assert.All(fleet.Hosts[1..], h => Assert.Equal(1, h.LogCount("from the shared cache")));

        time.Advance(FleetKit.CatalogExpiration);
        foreach (FleetHost host in fleet.Hosts)
        {
            await host.Chat.GetResponseAsync("Hello again", cancellationToken: Ct);
        }

        Assert.Equal(2, FleetKit.ModelListRequests(emulator));
    }

    [Fact]
    public async Task GetEndpointsAsync_ThreeHostsSharingRedis_OneRequestPerModel()
    {
        await using RedisServer redis = await RedisServer.StartAsync(Ct);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using Fleet fleet = new(3, () => FleetKit.Create(emulator, new FakeTimeProvider(), FleetKit.Redis(redis), chat => chat));

        OpenRouterModelEndpoints[] endpoints = [.. await Task.WhenAll(fleet.Hosts.Select(async h => await h.Catalog.GetEndpointsAsync("openai/gpt-4o", Ct)))];

        // The three hosts ask at once: at most a few race past the empty shared entry; asked in turn, the next ones do not fetch.
        int concurrent = emulator.Requests.Count(r => r.Path.EndsWith("/endpoints", StringComparison.Ordinal));
        foreach (FleetHost host in fleet.Hosts)
        {
            await host.Catalog.GetEndpointsAsync("openai/gpt-4o-mini", Ct);
        }

        Assert.InRange(concurrent, 1, 3);
        Assert.Equal(concurrent + 1, emulator.Requests.Count(r => r.Path.EndsWith("/endpoints", StringComparison.Ordinal)));
        Assert.All(endpoints, e => Assert.Equal(FleetKit.Json(endpoints[0]), FleetKit.Json(e)));
    }

    [Fact]
    public async Task GetResponseAsync_CachedByOneHost_ServedToAnotherWithoutRequest()
    {
        await using RedisServer redis = await RedisServer.StartAsync(Ct);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using Fleet fleet = new(2, () => FleetKit.Create(emulator, new FakeTimeProvider(), FleetKit.Redis(redis), UseStandardCache, OpenRouterCapabilityCheck.Off));
        emulator.Enqueue(EmulatorResponse.Json(ReasoningAnswerJson));
        ChatOptions options = OptionVariants.Create("reasoning.effort").First;

        ChatResponse original = await fleet.Hosts[0].Chat.GetResponseAsync(Question, options, Ct);
        ChatResponse replayed = await fleet.Hosts[1].Chat.GetResponseAsync(Question, options, Ct);

        Assert.Equal(1, FleetKit.ChatRequests(emulator));
        AssertReplayIntact(original, replayed);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CachedByOneHost_ServedToAnotherWithoutRequest()
    {
        await using RedisServer redis = await RedisServer.StartAsync(Ct);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using Fleet fleet = new(2, () => FleetKit.Create(emulator, new FakeTimeProvider(), FleetKit.Redis(redis), UseStandardCache, OpenRouterCapabilityCheck.Off));
        emulator.Enqueue(EmulatorResponse.Sse(ReasoningAnswerSse));

        ChatResponse original = await fleet.Hosts[0].Chat.GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);
        ChatResponse replayed = await fleet.Hosts[1].Chat.GetStreamingResponseAsync(Question, cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Equal(1, FleetKit.ChatRequests(emulator));
        AssertReplayIntact(original, replayed);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task GetResponseAsync_RequestsDifferingInOneOpenRouterField_DoNotShareAnEntry(string variant)
    {
        await using RedisServer redis = await RedisServer.StartAsync(Ct);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using Fleet fleet = new(3, () => FleetKit.Create(emulator, new FakeTimeProvider(), FleetKit.Redis(redis), UseStandardCache, OpenRouterCapabilityCheck.Off));
        (ChatOptions first, ChatOptions second) = OptionVariants.Create(variant);

        await fleet.Hosts[0].Chat.GetResponseAsync(Question, first, Ct);
        await fleet.Hosts[1].Chat.GetResponseAsync(Question, second, Ct);
        Assert.Equal(2, FleetKit.ChatRequests(emulator));

        // The same request as the first, from a third host: a hit.
        await fleet.Hosts[2].Chat.GetResponseAsync(Question, OptionVariants.Create(variant).First, Ct);
        Assert.Equal(2, FleetKit.ChatRequests(emulator));
    }

    [Fact]
    public async Task GetResponseAsync_RedisKilledMidTest_EveryHostAnswersFromItsLocalCacheAndTheEmulator()
    {
        RedisServer redis = await RedisServer.StartAsync(Ct);
        await using (redis)
        {
            await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
            var time = new FakeTimeProvider();
            using Fleet fleet = new(3, () => FleetKit.Create(emulator, time, FleetKit.Redis(redis), chat => chat.UseOpenRouterDistributedCache()));

            // Warm up: one catalog fetch and one answer between the three hosts (the answer cached by the first is served to the others).
            foreach (FleetHost host in fleet.Hosts)
            {
                await host.Catalog.GetModelsAsync(Ct);
                await host.Chat.GetResponseAsync(Question, cancellationToken: Ct);
            }

            Assert.Equal(1, FleetKit.ModelListRequests(emulator));
            Assert.Equal(1, FleetKit.ChatRequests(emulator));

            redis.Kill();

            // The cached question again: the response cache cannot be read, so each host asks the emulator; the catalog is still fresh locally.
            foreach (FleetHost host in fleet.Hosts)
            {
                Assert.NotEmpty((await host.Chat.GetResponseAsync(Question, cancellationToken: Ct)).Text);
            }

            Assert.Equal(1, FleetKit.ModelListRequests(emulator));
            Assert.Equal(4, FleetKit.ChatRequests(emulator));

            // After the catalog expired, each host reloads it from the emulator itself: nothing to share while Redis is down.
            time.Advance(FleetKit.CatalogExpiration);
            foreach (FleetHost host in fleet.Hosts)
            {
                Assert.NotEmpty((await host.Chat.GetResponseAsync("Another question", cancellationToken: Ct)).Text);
            }

            Assert.Equal(4, FleetKit.ModelListRequests(emulator));
            Assert.Equal(7, FleetKit.ChatRequests(emulator));
            Assert.All(fleet.Hosts, h => Assert.Equal(1, h.LogCount("The response cache failed")));
        }
    }

    private static ChatClientBuilder UseStandardCache(ChatClientBuilder chat) =>
        chat.UseDistributedCache(configure: c => c.JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions);

    private static void AssertReplayIntact(ChatResponse original, ChatResponse replayed)
    {
        Assert.Equal("Paris.", replayed.Text);
        Assert.Null(replayed.RawRepresentation);

        TextReasoningContent reasoning = Assert.Single(replayed.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>(), r => r.ProtectedData is not null);
        TextReasoningContent originalReasoning = Assert.Single(original.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>(), r => r.ProtectedData is not null);
        Assert.Equal(originalReasoning.ProtectedData, reasoning.ProtectedData);
        Assert.Contains("reasoning.text", reasoning.ProtectedData, StringComparison.Ordinal);
        Assert.Equal(
            string.Concat(original.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)),
            string.Concat(replayed.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));

        Assert.NotNull(replayed.Usage);
        Assert.Equal(42, replayed.Usage.TotalTokenCount);
        Assert.Equal(20, replayed.Usage.ReasoningTokenCount);
        Assert.Equal(4, replayed.Usage.CachedInputTokenCount);
        Assert.Equal(2, replayed.Usage.AdditionalCounts?["cache_write_tokens"]);
        Assert.Equal(Json(original.Usage), Json(replayed.Usage));

        // The cost is in the usage, which the cache stores and restores whole.
        Assert.Equal(0.000123m, original.GetOpenRouterCost());
        Assert.Equal(0.000123m, replayed.GetOpenRouterCost());
        Assert.Equal(Json(PropertiesOf(original)), Json(PropertiesOf(replayed)));
    }

    private static string Json<T>(T value) => FleetKit.Json(value);

    private static AdditionalPropertiesDictionary PropertiesOf(ChatResponse response) =>
        response.AdditionalProperties ?? response.Messages[^1].AdditionalProperties
        ?? throw new Xunit.Sdk.XunitException("the response has no additional properties");

    /// <summary>Some hosts, disposed together.</summary>
    private sealed class Fleet(int count, Func<FleetHost> create) : IDisposable
    {
        public FleetHost[] Hosts { get; } = [.. Enumerable.Range(0, count).Select(_ => create())];

        public void Dispose() => Array.ForEach(Hosts, h => h.Dispose());
    }
}
