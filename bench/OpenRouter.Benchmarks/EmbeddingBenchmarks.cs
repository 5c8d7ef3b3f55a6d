using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>
/// (f) Embedding a batch of 100 inputs (1,536 dimensions), the answer as base64 float32 and as JSON numbers: ours
/// (<see cref="OpenRouterEmbeddingGenerator"/>), the peer (MEAI.OpenAI's embedding generator over the OpenAI SDK pointed at
/// OpenRouter) and a floor (bare <see cref="HttpClient"/>, <see cref="JsonDocument"/>, vectors decoded into arrays), all on
/// the same canned bytes. Ours vs itself across the two categories decides which <c>encoding_format</c> it asks for.
/// </summary>
public class EmbeddingBenchmarks
{
    public const int Count = 100;
    public const int Dimensions = 1536;

    private static readonly Uri EmbeddingsUri = new("https://openrouter.ai/api/v1/embeddings");
    private static readonly EmbeddingGenerationOptions FloatOptions = new() { AdditionalProperties = new() { ["encoding_format"] = "float" } };

    private Side _base64 = null!;
    private Side _float = null!;

    [GlobalSetup]
    public void Setup()
    {
        _base64 = new Side(Payloads.Embeddings(Count, Dimensions, base64: true), "base64");
        _float = new Side(Payloads.Embeddings(Count, Dimensions, base64: false), "float");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("f: embed 100 × 1536, base64")]
    public Task<float[][]> Floor_Base64() => _base64.FloorAsync();

    [Benchmark, BenchmarkCategory("f: embed 100 × 1536, base64")]
    public Task<GeneratedEmbeddings<Embedding<float>>> Ours_Base64() => _base64.Ours.GenerateAsync(Payloads.EmbeddingInputs);

    [Benchmark, BenchmarkCategory("f: embed 100 × 1536, base64")]
    public Task<GeneratedEmbeddings<Embedding<float>>> Peer_Base64() => _base64.Peer.GenerateAsync(Payloads.EmbeddingInputs);

    [Benchmark(Baseline = true), BenchmarkCategory("f: embed 100 × 1536, float")]
    public Task<float[][]> Floor_Float() => _float.FloorAsync();

    [Benchmark, BenchmarkCategory("f: embed 100 × 1536, float")]
    public Task<GeneratedEmbeddings<Embedding<float>>> Ours_Float() => _float.Ours.GenerateAsync(Payloads.EmbeddingInputs, FloatOptions);

    [Benchmark, BenchmarkCategory("f: embed 100 × 1536, float")]
    public Task<GeneratedEmbeddings<Embedding<float>>> Peer_Float() => _float.Peer.GenerateAsync(Payloads.EmbeddingInputs);

    /// <summary>The three clients over one canned answer.</summary>
    internal sealed class Side
    {
        private readonly HttpClient _floor;
        private readonly byte[] _floorRequest;

        public Side(byte[] answer, string encodingFormat)
        {
            Handler = new InMemoryHandler(answer, eventStream: false);
            Ours = new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { ApiKey = Clients.ApiKey, DefaultEmbeddingModelId = Payloads.EmbeddingModel }, new HttpClient(Handler));
            Peer = new OpenAIClient(
                    new ApiKeyCredential(Clients.ApiKey),
                    new OpenAIClientOptions { Endpoint = new Uri("https://openrouter.ai/api/v1"), Transport = new HttpClientPipelineTransport(new HttpClient(Handler)) })
                .GetEmbeddingClient(Payloads.EmbeddingModel)
                .AsIEmbeddingGenerator();
            _floor = new HttpClient(Handler);
            _floorRequest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["model"] = Payloads.EmbeddingModel,
                ["input"] = Payloads.EmbeddingInputs,
                ["encoding_format"] = encodingFormat,
            });
        }

        public InMemoryHandler Handler { get; }

        public IEmbeddingGenerator<string, Embedding<float>> Ours { get; }

        public IEmbeddingGenerator<string, Embedding<float>> Peer { get; }

        /// <summary>The least any client does: send prebuilt bytes, parse the answer once, decode each vector into an array.</summary>
        public async Task<float[][]> FloorAsync()
        {
            using var content = new ByteArrayContent(_floorRequest);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _floor.PostAsync(EmbeddingsUri, content).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement data = document.RootElement.GetProperty("data");
            var vectors = new float[data.GetArrayLength()][];
            foreach (JsonElement item in data.EnumerateArray())
            {
                JsonElement embedding = item.GetProperty("embedding");
                float[] vector;
                if (embedding.ValueKind == JsonValueKind.String)
                {
                    byte[] bytes = embedding.GetBytesFromBase64();
                    vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                }
                else
                {
                    vector = new float[embedding.GetArrayLength()];
                    int d = 0;
                    foreach (JsonElement x in embedding.EnumerateArray())
                    {
                        vector[d++] = x.GetSingle();
                    }
                }

                vectors[item.GetProperty("index").GetInt32()] = vector;
            }

            return vectors;
        }
    }
}
