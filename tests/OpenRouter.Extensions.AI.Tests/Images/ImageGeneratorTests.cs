#pragma warning disable MEAI001 // MEAI's image generation abstractions are experimental.
using System.Drawing;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Images;

/// <summary>Request snapshots and response mapping of <see cref="OpenRouterImageGenerator"/> over the recording handler.</summary>
public sealed class ImageGeneratorTests
{
    /// <summary>A 1×1 PNG.</summary>
    internal const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private const string Model = "google/gemini-2.5-flash-image";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_PromptOnly_WritesDefaultModelAndPrompt()
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(Answer());

        await generator.GenerateImagesAsync("a red panda astronaut", cancellationToken: Ct);

        RecordedRequest request = handler.Requests.Single();
        Assert.Equal("/api/v1/images", request.PathAndQuery());
        Snapshot.Match(JToken.Parse(request.Body!));
    }

    [Fact]
    public async Task GenerateAsync_EveryOption_WritesCountSizeFormatReferencesAndWireFields()
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(Answer());
        var options = new ImageGenerationOptions
        {
            ModelId = "openai/gpt-5-image-mini",
            Count = 2,
            ImageSize = new Size(1024, 768),
            MediaType = "image/webp",
            AdditionalProperties = new() { ["n"] = 9, ["stream"] = true, ["future_field"] = "kept" },
        }
            .WithAspectRatio("4:3")
            .WithResolution("1K")
            .WithQuality("high")
            .WithBackground("opaque")
            .WithSeed(7)
            .WithOutputCompression(80)
            .WithProviderRouting(new OpenRouterProviderRouting { Only = ["openai"] });
        var request = new ImageGenerationRequest(
            "make it blue",
            [new DataContent(Convert.FromBase64String(PngBase64), "image/png"), new UriContent("https://example.com/cat.jpg", "image/jpeg")]);

        await generator.GenerateAsync(request, options, Ct);

        Snapshot.Match(JToken.Parse(handler.Requests.Single().Body!));
    }

    [Fact]
    public async Task GenerateAsync_Answer_MapsImagesUsageCostAndRawRepresentation()
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson($$"""
            {"created":1748372400,
             "data":[{"b64_json":"{{PngBase64}}","media_type":"image/png"},{"b64_json":"{{PngBase64}}"},{"url":"https://cdn.example.com/i.webp","media_type":"image/webp"}],
             "usage":{"prompt_tokens":5,"completion_tokens":4175,"total_tokens":4180,"cost":0.04,"is_byok":false},"provider":"Google"}
            """);

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a lighthouse", cancellationToken: Ct);

        Snapshot.Match(new
        {
            Contents = response.Contents.Select(c => c switch
            {
                DataContent d => new { Kind = "data", MediaType = (string?)d.MediaType, Value = Convert.ToBase64String(d.Data.Span) },
                UriContent u => new { Kind = "uri", MediaType = (string?)u.MediaType, Value = u.Uri.AbsoluteUri },
                _ => new { Kind = c.GetType().Name, MediaType = (string?)null, Value = string.Empty },
            }),
            response.Usage!.InputTokenCount,
            response.Usage.OutputTokenCount,
            response.Usage.TotalTokenCount,
            response.Usage.AdditionalCounts,
        });
        JsonElement raw = Assert.IsType<OpenRouterRawJson>(response.RawRepresentation).Element;
        Assert.Equal(0.04m, raw.GetProperty("usage").GetProperty("cost").GetDecimal());
        Assert.Equal("Google", raw.GetProperty("provider").GetString());
    }

    [Theory]
    [InlineData("/9j/4AAQSkZJRgABAQ==", "image/jpeg")]
    [InlineData("UklGRiQAAABXRUJQVlA4IBgAAAA=", "image/webp")]
    [InlineData("PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", "image/svg+xml")]
    public async Task GenerateAsync_NoMediaTypeInAnswer_RecognizesItFromTheBytes(string base64, string expected)
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson($$"""{"created":1,"data":[{"b64_json":"{{base64}}"}]}""");

        ImageGenerationResponse response = await generator.GenerateImagesAsync("x", cancellationToken: Ct);

        Assert.Equal(expected, Assert.IsType<DataContent>(response.Contents.Single()).MediaType);
    }

    [Fact]
    public async Task GenerateAsync_HttpError_ThrowsOpenRouterException()
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.Respond(HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"n must be between 1 and 10"}}""");

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateImagesAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("n must be between 1 and 10", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"created":1,"data":[{"b64_json":"not base64!"}]}""")]
    [InlineData("""{"created":1,"data":[{"media_type":"image/png"}]}""")]
    [InlineData("""{"created":"soon","data":[]}""")]
    public async Task GenerateAsync_MalformedAnswer_ThrowsOpenRouterException(string body)
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();
        handler.RespondJson(body);

        await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateImagesAsync("x", cancellationToken: Ct));
    }

    [Fact]
    public async Task GenerateAsync_UnsupportedMediaTypeOrNoPrompt_ThrowsArgumentExceptionBeforeSending()
    {
        (OpenRouterImageGenerator generator, RecordingHandler handler) = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateImagesAsync("x", new ImageGenerationOptions { MediaType = "image/gif" }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(new ImageGenerationRequest(), cancellationToken: Ct));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderDefaultModelAndEndpoint()
    {
        (OpenRouterImageGenerator generator, _) = Create();

        ImageGeneratorMetadata metadata = generator.GetRequiredService<ImageGeneratorMetadata>();

        Assert.Equal("openrouter", metadata.ProviderName);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Equal(OpenRouterClientOptions.DefaultEndpoint, metadata.ProviderUri);
        Assert.DoesNotContain("sk-or", generator.ToString(), StringComparison.Ordinal);
    }

    private static (OpenRouterImageGenerator Generator, RecordingHandler Handler) Create()
    {
        var handler = new RecordingHandler();
        var options = new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, DefaultImageModelId = Model };
        return (new OpenRouterImageGenerator(options, new HttpClient(handler)), handler);
    }

    private static string Answer() => $$"""{"created":1748372400,"data":[{"b64_json":"{{PngBase64}}","media_type":"image/png"}]}""";
}
