using System.Buffers.Text;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenRouter.Extensions.AI;

#pragma warning disable MEAI001 // MEAI's image abstractions are experimental; this measures them.

namespace OpenRouter.Benchmarks;

/// <summary>
/// (g) One generated image of 16 MB answered as <c>b64_json</c> (a 21 MB body with a Content-Length): ours
/// (<see cref="OpenRouterImageGenerator"/>), the peer (MEAI.OpenAI's image generator over the OpenAI SDK) and a floor (bare
/// <see cref="HttpClient"/>, the body read whole, the base64 decoded once into an array of the image's size). The target is
/// memory: ours allocates at most 4x the body per call (issue 26; the bytes a call holds at its peak are among those it allocates).
/// </summary>
public class ImageBenchmarks
{
    public const int ImageBytes = 16 * 1024 * 1024;

    private static readonly Uri ImagesUri = new("https://openrouter.ai/api/v1/images");
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes("""{"model":"google/gemini-2.5-flash-image","prompt":"a lighthouse"}""");

    private HttpClient _floor = null!;
    private IImageGenerator _ours = null!;
    private IImageGenerator _peer = null!;

    /// <summary>Gets the answer of every call.</summary>
    public static byte[] Answer { get; } = Payloads.Image(ImageBytes);

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(Answer, eventStream: false);
        _floor = new HttpClient(handler);
        _ours = new OpenRouterImageGenerator(new OpenRouterClientOptions { ApiKey = Clients.ApiKey, DefaultImageModelId = Payloads.ImageModel }, new HttpClient(handler));
        _peer = new OpenAIClient(
                new ApiKeyCredential(Clients.ApiKey),
                new OpenAIClientOptions { Endpoint = new Uri("https://openrouter.ai/api/v1"), Transport = new HttpClientPipelineTransport(new HttpClient(handler)) })
            .GetImageClient(Payloads.ImageModel)
            .AsIImageGenerator();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("g: one 16 MB image, b64_json")]
    public Task<byte[]> Floor() => FloorAsync(_floor);

    [Benchmark, BenchmarkCategory("g: one 16 MB image, b64_json")]
    public Task<ImageGenerationResponse> Ours() => _ours.GenerateAsync(new ImageGenerationRequest("a lighthouse"));

    [Benchmark, BenchmarkCategory("g: one 16 MB image, b64_json")]
    public Task<ImageGenerationResponse> Peer() => _peer.GenerateAsync(new ImageGenerationRequest("a lighthouse"), new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data });

    /// <summary>The least any client does: read the body, find <c>b64_json</c>, decode it once into an array of the image's size.</summary>
    public static async Task<byte[]> FloorAsync(HttpClient http)
    {
        using var content = new ByteArrayContent(FloorRequest);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await http.PostAsync(ImagesUri, content).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("b64_json"u8) && reader.Read())
            {
                ReadOnlySpan<byte> base64 = reader.ValueSpan;
                byte[] image = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length) - (base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0)];
                Base64.DecodeFromUtf8(base64, image, out _, out _);
                return image;
            }
        }

        throw new InvalidOperationException("No b64_json in the answer.");
    }
}
