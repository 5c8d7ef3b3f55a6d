using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>
/// (e) Loading a 300-model catalog (<c>GET /models</c>) and 10,000 lookups by id. The peer has no catalog, so this compares
/// ours (typed <see cref="OpenRouterModel"/>s from <c>Models.ListAsync()</c>, then a dictionary) with a floor
/// (<see cref="JsonDocument"/> and a dictionary of <see cref="JsonElement"/>s by id) over the same handler.
/// </summary>
[BenchmarkCategory("e: catalog 300 models + 10k lookups")]
public class CatalogBenchmarks
{
    private static readonly Uri ModelsUri = new("https://openrouter.ai/api/v1/models");
    private readonly string[] _lookups = [.. Enumerable.Range(0, 10_000).Select(i => Payloads.CatalogId((i * 31) % 330))];
    private OpenRouterClient _ours = null!;
    private HttpClient _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(Payloads.Catalog(), eventStream: false);
        _ours = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = Clients.ApiKey }, new HttpClient(handler));
        _floor = new HttpClient(handler);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Floor()
    {
        byte[] body = await _floor.GetByteArrayAsync(ModelsUri);
        using JsonDocument document = JsonDocument.Parse(body);
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonElement model in document.RootElement.GetProperty("data").EnumerateArray())
        {
            byId[model.GetProperty("id").GetString()!] = model;
        }

        long total = 0;
        foreach (string id in _lookups)
        {
            if (byId.TryGetValue(id, out JsonElement model) && model.GetProperty("context_length").TryGetInt64(out long length))
            {
                total += length;
            }
        }

        return total;
    }

    [Benchmark]
    public async Task<long> Ours()
    {
        IReadOnlyList<OpenRouterModel> models = await _ours.Models.ListAsync();
        var byId = new Dictionary<string, OpenRouterModel>(models.Count, StringComparer.Ordinal);
        foreach (OpenRouterModel model in models)
        {
            byId[model.Id] = model;
        }

        long total = 0;
        foreach (string id in _lookups)
        {
            if (byId.TryGetValue(id, out OpenRouterModel? model) && model.ContextLength is { } length)
            {
                total += length;
            }
        }

        return total;
    }
}
