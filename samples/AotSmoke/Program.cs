// Native AOT smoke test: streams a chat answer, runs a tool call whose JSON goes through a source-generated
// JsonSerializerContext (no reflection-based serialization), lists models with the REST client, caches responses
// keyed by OpenRouter's typed options, and caches embeddings per API key.
// Without arguments it starts the in-process OpenRouter emulator; pass an emulator/API base address as the first
// argument to use that instead. Prints "AOT SMOKE OK" and exits 0 when every step worked.
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

await using OpenRouterEmulator? emulator = args.Length == 0 ? await OpenRouterEmulator.StartAsync() : null;
Uri endpoint = emulator?.Endpoint ?? new Uri(args[0]);
var options = new OpenRouterClientOptions { Endpoint = endpoint, ApiKey = "sk-or-aot-smoke", DefaultModelId = "openai/gpt-4o-mini" };
int failures = 0;

// 1. Streaming.
using var chat = new OpenRouterChatClient(options);
var updates = new List<ChatResponseUpdate>();
await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("What is the capital of France?"))
{
    updates.Add(update);
}

ChatResponse streamed = updates.ToChatResponse();
Console.WriteLine($"stream: {updates.Count} updates: {streamed.Text}");
failures += Check(updates.Count > 1 && streamed.Text.Length > 0, "streaming produced text");

// 2. A tool call; the tool's parameters and result are (de)serialized with source-generated metadata only.
var toolOptions = new AIFunctionFactoryOptions { Name = "get_weather", SerializerOptions = AotSmokeJsonContext.Default.Options };
AIFunction tool = AIFunctionFactory.Create(Tools.GetWeather, toolOptions);
using IChatClient withTools = chat.AsBuilder().UseFunctionInvocation().Build();
ChatResponse toolAnswer = await withTools.GetResponseAsync("What is the weather in Paris?", new ChatOptions { Tools = [tool] });
FunctionResultContent? result = toolAnswer.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().FirstOrDefault();
Console.WriteLine($"tool: result={(result?.Result is JsonElement json ? json.GetRawText() : result?.Result)}; answer: {toolAnswer.Text}");
failures += Check(result is not null && toolAnswer.Text.Contains("Sunny", StringComparison.Ordinal), "tool call round trip");

// 3. The REST client.
using var rest = new OpenRouterClient(options);
IReadOnlyList<OpenRouterModel> models = await rest.Models.ListAsync();
Console.WriteLine($"models: {models.Count}, first: {models.FirstOrDefault()?.Id}");
failures += Check(models.Count > 0, "models listed");

// 4. An error maps to OpenRouterException.
if (emulator is not null)
{
    emulator.Enqueue(EmulatorResponse.Error(429, "slow down", retryAfter: TimeSpan.FromSeconds(2)));
    try
    {
        await chat.GetResponseAsync("x");
        failures += Check(false, "429 throws");
    }
    catch (OpenRouterException ex)
    {
        Console.WriteLine($"error: {(int?)ex.StatusCode} retry-after {ex.RetryAfter}");
        failures += Check(ex.RetryAfter == TimeSpan.FromSeconds(2), "429 maps to OpenRouterException");
    }
}

// 5. Response caching: the cache key covers OpenRouter's typed options through source-generated metadata only.
using IChatClient cached = chat.AsBuilder()
    .UseOpenRouterDistributedCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())))
    .Build();
ChatOptions Routed(string provider) => new ChatOptions()
    .WithProviderRouting(new() { Order = [provider] })
    .WithReasoning(new() { Effort = "low" })
    .WithPlugins(OpenRouterPlugin.Web(maxResults: 3));
ChatResponse fresh = await cached.GetResponseAsync("Cache me", Routed("openai"));
ChatResponse replayed = await cached.GetResponseAsync("Cache me", Routed("openai"));
ChatResponse otherProvider = await cached.GetResponseAsync("Cache me", Routed("anthropic"));
Console.WriteLine($"cache: replayed={replayed.RawRepresentation is null}, other provider fresh={otherProvider.RawRepresentation is not null}");
failures += Check(fresh.RawRepresentation is not null && replayed.RawRepresentation is null && replayed.Text == fresh.Text, "same options served from the cache");
failures += Check(otherProvider.RawRepresentation is not null, "a different provider.order misses the cache");

// 6. Embeddings cached per API key over one cache: another key's identical request is not served from the cache.
var sharedCache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
IEmbeddingGenerator<string, Embedding<float>> Embedder(string key) =>
    new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { Endpoint = endpoint, ApiKey = key, DefaultEmbeddingModelId = "openai/text-embedding-3-small" })
        .AsBuilder().UseOpenRouterDistributedCache(sharedCache).Build();
using IEmbeddingGenerator<string, Embedding<float>> tenantA = Embedder("sk-or-aot-tenant-a");
using IEmbeddingGenerator<string, Embedding<float>> tenantB = Embedder("sk-or-aot-tenant-b");
Embedding<float> first = (await tenantA.GenerateAsync(["cache me per tenant"]))[0];
Embedding<float> again = (await tenantA.GenerateAsync(["cache me per tenant"]))[0];
Embedding<float> otherTenant = (await tenantB.GenerateAsync(["cache me per tenant"]))[0];
int? embeddingRequests = emulator?.Requests.Count(r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
Console.WriteLine($"embeddings: {first.Vector.Length} values, requests: {embeddingRequests?.ToString() ?? "(not counted)"}");
failures += Check(again.Vector.Span.SequenceEqual(first.Vector.Span) && otherTenant.Vector.Length == first.Vector.Length, "embeddings replayed from the cache");
failures += Check(embeddingRequests is null or 2, "one request per API key");

Console.WriteLine(failures == 0 ? "AOT SMOKE OK" : $"AOT SMOKE FAILED ({failures})");
return failures == 0 ? 0 : 1;

static int Check(bool ok, string what)
{
    if (!ok)
    {
        Console.Error.WriteLine($"FAILED: {what}");
    }

    return ok ? 0 : 1;
}

/// <summary>The tool.</summary>
internal static class Tools
{
    [Description("Gets the current weather for a city.")]
    public static WeatherReport GetWeather([Description("The city, e.g. Paris")] string city) => new(city, "Sunny", 21);
}

/// <summary>The tool's result.</summary>
internal sealed record WeatherReport(string City, string Sky, int TemperatureCelsius);

/// <summary>Source-generated JSON metadata for the tool's parameters and result.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WeatherReport))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AotSmokeJsonContext : JsonSerializerContext;
