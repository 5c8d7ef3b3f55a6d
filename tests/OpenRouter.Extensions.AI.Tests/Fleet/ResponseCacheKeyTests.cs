using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>The response cache key of <c>UseDistributedCache</c> with <see cref="OpenRouterJsonUtilities.DefaultOptions"/>, without a server.</summary>
public sealed class ResponseCacheKeyTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "What is the capital of France?")];

    public static TheoryData<string> Variants => OptionVariants.All;

    [Fact]
    public void DefaultOptions_EveryValueTheOptionsExtensionsSet_ResolvedBySourceGeneratedMetadata()
    {
        var options = new ChatOptions();
        foreach (string name in OptionVariants.All)
        {
            foreach (KeyValuePair<string, object?> pair in OptionVariants.Create(name).First.AdditionalProperties!)
            {
                (options.AdditionalProperties ??= [])[pair.Key] = pair.Value;
            }
        }

        Assert.Equal(17, options.AdditionalProperties!.Count);
        Assert.All(options.AdditionalProperties, pair =>
        {
            JsonTypeInfo info = OpenRouterJsonUtilities.DefaultOptions.GetTypeInfo(pair.Value!.GetType());

            // A JsonSerializerContext, not the reflection resolver: the value serializes the same way under Native AOT.
            Assert.IsAssignableFrom<JsonSerializerContext>(info.OriginatingResolver);
        });
    }

    [Fact]
    public void DefaultOptions_ProviderRouting_WritesEverySetField()
    {
        ChatOptions options = new ChatOptions().WithProviderRouting(new()
        {
            Order = ["anthropic"],
            AllowFallbacks = false,
            MaxPrice = new() { Prompt = 1.5m },
        });

        JsonNode json = JsonNode.Parse(JsonSerializer.Serialize(options, OpenRouterJsonUtilities.DefaultOptions))!;

        // Names follow the options' (MEAI's camelCase) policy: only the key's hash depends on them. What matters is that every field is written.
        Assert.Equal("""{"order":["anthropic"],"allowFallbacks":false,"maxPrice":{"prompt":1.5}}""", json["additionalProperties"]!["provider"]!.ToJsonString());
        Assert.True(OpenRouterJsonUtilities.DefaultOptions.IsReadOnly);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void GetDefaultCacheKey_OptionsDifferingInOneOpenRouterField_Differ(string variant)
    {
        (ChatOptions first, ChatOptions second) = OptionVariants.Create(variant);

        string firstKey = Key(first);
        string secondKey = Key(second);

        Assert.NotEqual(firstKey, secondKey);
        Assert.Equal(firstKey, Key(OptionVariants.Create(variant).First));
    }

    [Fact]
    public async Task UseOpenRouterDistributedCache_CacheFails_AnswersFromOpenRouterWithOneWarning()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        var cache = new FailingDistributedCache();
        using FleetHost host = FleetKit.Create(
            emulator,
            new FakeTimeProvider(),
            services => services.AddSingleton<IDistributedCache>(cache),
            chat => chat.UseOpenRouterDistributedCache(),
            OpenRouterCapabilityCheck.Off);

        for (int i = 0; i < 3; i++)
        {
            ChatResponse response = await host.Chat.GetResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken);
            Assert.NotEmpty(response.Text);
        }

        Assert.Equal(3, FleetKit.ChatRequests(emulator));
        Assert.True(cache.Calls >= 6, $"reads and writes reached the cache: {cache.Calls}");
        Assert.Equal(1, host.LogCount("Warning Microsoft.Extensions.AI.DistributedCachingChatClient: The response cache failed"));
    }

    [Fact]
    public async Task UseOpenRouterDistributedCache_SameRequestTwice_SecondServedFromCache()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        var cache = new SharedMemoryCache();
        using FleetHost host = FleetKit.Create(
            emulator, new FakeTimeProvider(), services => services.AddSingleton<IDistributedCache>(cache), chat => chat.UseOpenRouterDistributedCache(),
            OpenRouterCapabilityCheck.Off);
        ChatOptions options = OptionVariants.Create("provider.order").First;

        ChatResponse first = await host.Chat.GetResponseAsync(Messages, options, TestContext.Current.CancellationToken);
        ChatResponse second = await host.Chat.GetResponseAsync(Messages, options, TestContext.Current.CancellationToken);

        Assert.Equal(1, FleetKit.ChatRequests(emulator));
        Assert.Equal(first.Text, second.Text);
        Assert.Null(second.RawRepresentation);
    }

    [Fact]
    public void UseOpenRouterDistributedCache_OverAClientThatIsNotOpenRouter_ThrowsWhenBuilt()
    {
        using var other = new TestChatClient();
        using var embeddings = new TestEmbeddingGenerator();

        InvalidOperationException chat = Assert.Throws<InvalidOperationException>(() => other.AsBuilder().UseOpenRouterDistributedCache(new SharedMemoryCache()).Build());
        InvalidOperationException vectors = Assert.Throws<InvalidOperationException>(() => embeddings.AsBuilder().UseOpenRouterDistributedCache(new SharedMemoryCache()).Build());

        Assert.Contains("not an OpenRouter one", chat.Message, StringComparison.Ordinal);
        Assert.Contains("UseDistributedCache()", vectors.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseOpenRouterDistributedCache_SameRequestOtherKey_GetsAnotherCacheKey()
    {
        var cache = new SharedMemoryCache();
        var keys = new List<string>();
        foreach (string apiKey in (string[])["sk-or-tenant-1", "sk-or-tenant-2", "sk-or-tenant-1"])
        {
            var recording = new KeyRecordingCache(cache);
            using var http = new HttpClient(new RecordingHandler().RespondJson(
                """{"id":"gen-1","object":"chat.completion","created":1,"model":"m/x","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi"}}]}"""));
            using IChatClient client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = apiKey, DefaultModelId = "m/x" }, http)
                .AsBuilder().UseOpenRouterDistributedCache(recording).Build();

            await client.GetResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken);
            keys.AddRange(recording.Keys);
        }

        // The first two tenants write one entry each; the third call (the first key again) is served from the cache and writes nothing.
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.All(keys, k => Assert.DoesNotContain("sk-or-tenant", k, StringComparison.Ordinal));
    }

    /// <summary>A chat client that is not OpenRouter's.</summary>
    private sealed class TestChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "x")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<ChatResponseUpdate>();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>An embedding generator that is not OpenRouter's.</summary>
    private sealed class TestEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static string Key(ChatOptions options)
    {
        using var http = new HttpClient();
        using var inner = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-test" }, http);
        using var probe = new KeyProbe(inner);
        return probe.Key(options);
    }

    /// <summary>Exposes the key that <c>UseDistributedCache</c> computes with <see cref="OpenRouterJsonUtilities.DefaultOptions"/>.</summary>
    private sealed class KeyProbe : DistributedCachingChatClient
    {
        public KeyProbe(IChatClient inner)
            : base(inner, new SharedMemoryCache())
        {
            JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions;
        }

        public string Key(ChatOptions options) => GetCacheKey(Messages, options);
    }

    /// <summary>A distributed cache that is down: every operation throws.</summary>
    private sealed class FailingDistributedCache : IDistributedCache
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public byte[]? Get(string key) => Fail<byte[]?>();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Fail<Task<byte[]?>>();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Fail<bool>();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Fail<Task>();

        public void Refresh(string key) => Fail<bool>();

        public Task RefreshAsync(string key, CancellationToken token = default) => Fail<Task>();

        public void Remove(string key) => Fail<bool>();

        public Task RemoveAsync(string key, CancellationToken token = default) => Fail<Task>();

        private T Fail<T>()
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("The cache server is down.");
        }
    }
}
