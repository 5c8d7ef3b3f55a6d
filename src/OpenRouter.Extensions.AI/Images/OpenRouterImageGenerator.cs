using System.Net.Http.Headers;
using System.Text.Json;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>An <see cref="IImageGenerator"/> for OpenRouter's <c>POST /images</c>. Experimental (<c>MEAI001</c>) like MEAI's image abstractions it implements.</summary>
/// <remarks>
/// <para>
/// Request: the model is <see cref="ImageGenerationOptions.ModelId"/>, else <see cref="OpenRouterClientOptions.DefaultImageModelId"/>;
/// <see cref="ImageGenerationOptions.Count"/> → <c>n</c>, <see cref="ImageGenerationOptions.ImageSize"/> → <c>size</c> (<c>WxH</c>),
/// <see cref="ImageGenerationOptions.MediaType"/> → <c>output_format</c>, <see cref="ImageGenerationRequest.OriginalImages"/> →
/// <c>input_references</c>; other fields through <see cref="ImageGenerationOptions.AdditionalProperties"/> under their wire names
/// (see <see cref="OpenRouterImageOptionsExtensions"/>).
/// </para>
/// <para>
/// Response: each <c>b64_json</c> image becomes a <see cref="DataContent"/> with its bytes and media type (<c>media_type</c>, else
/// recognized from the bytes), a <c>url</c> a <see cref="UriContent"/>. <see cref="ImageGenerationResponse.Usage"/> holds the token
/// counts and the cost (read it with <see cref="OpenRouterCostExtensions.GetOpenRouterCost(UsageDetails?)"/>);
/// <see cref="ImageGenerationResponse.RawRepresentation"/> is the answer as received (<see cref="OpenRouterRawJson"/>). Every failure is an
/// <see cref="OpenRouterException"/>.
/// </para>
/// </remarks>
[Experimental("MEAI001")]
public sealed class OpenRouterImageGenerator : IImageGenerator
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly OpenRouterTransport _transport;
    private readonly ImageGeneratorMetadata _metadata;
    private readonly string? _defaultModelId;
    private readonly Uri _imagesUri;

    /// <summary>Initializes a new instance of the <see cref="OpenRouterImageGenerator"/> class.</summary>
    /// <param name="options">The endpoint, key, default image model and attribution settings.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send requests with; owned by the caller. When <see langword="null"/>, the generator creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is not a usable address.</exception>
    public OpenRouterImageGenerator(OpenRouterClientOptions options, HttpClient? httpClient = null)
    {
        _transport = new OpenRouterTransport(options, httpClient);
        _defaultModelId = options.DefaultImageModelId;
        _metadata = new ImageGeneratorMetadata("openrouter", _transport.Endpoint, _defaultModelId);
        _imagesUri = _transport.Resolve(ApiRoute.Of("images"));
    }

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("ImageGenerationRequest.Prompt must be set: OpenRouter generates images from a text prompt.", nameof(request));
        }

        string modelId = options?.ModelId ?? _defaultModelId
            ?? throw new ArgumentException(
                "No model: set ImageGenerationOptions.ModelId or OpenRouterClientOptions.DefaultImageModelId (for example \"google/gemini-2.5-flash-image\").",
                nameof(options));

        HttpRequestMessage message = _transport.CreateRequest(HttpMethod.Post, _imagesUri);
        try
        {
            OpenRouterTransport.AddSessionHeader(message, options?.AdditionalProperties, "ImageGenerationOptions.AdditionalProperties");
            message.Content = new PooledJsonContent(ImageRequestWriter.WriteToBuffer(request, modelId, options), JsonMediaType);
        }
        catch
        {
            message.Dispose();
            throw;
        }

        string? requestedMediaType = ImageOutputFormat.Of(options?.MediaType) is null ? null : options!.MediaType;
        return await _transport.SendAsync(message, (json, _) => Decode(json, requestedMediaType), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ImageGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if this generator created it.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>Returns a description without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"OpenRouterImageGenerator {{ Endpoint = {EndpointText.Describe(_transport.Endpoint)}, DefaultImageModelId = {_defaultModelId ?? "(none)"} }}";

    /// <summary>Reads the answer: its images, its usage and cost; the body is kept as <see cref="OpenRouterRawJson"/>.</summary>
    private static ImageGenerationResponse Decode(ReadOnlySpan<byte> json, string? requestedMediaType)
    {
        ImageResponseWire answer = JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.ImageResponseWire) ?? throw new JsonException("The response body is null.");
        return new ImageGenerationResponse(ToContents(answer, requestedMediaType))
        {
            RawRepresentation = new OpenRouterRawJson(json.ToArray()),
            Usage = answer.Usage is { } usage ? UsageMapper.ToUsageDetails(usage) : null,
        };
    }

    private static List<AIContent> ToContents(ImageResponseWire answer, string? requestedMediaType)
    {
        var contents = new List<AIContent>();
        foreach (ImageItemWire item in answer.Data ?? [])
        {
            if (item.B64Json is { } bytes)
            {
                string mediaType = item.MediaType ?? RecognizeMediaType(bytes) ?? requestedMediaType ?? "image/png";
                contents.Add(new DataContent(bytes, mediaType) { RawRepresentation = item });
            }
            else if (item.Url is { } url)
            {
                string mediaType = item.MediaType ?? requestedMediaType ?? "image/*";
                contents.Add(new UriContent(url, mediaType) { RawRepresentation = item });
            }
            else
            {
                throw new JsonException("An image of the answer has neither b64_json nor url.");
            }
        }

        return contents;
    }

    /// <summary>The media type of an image recognized from its first bytes, for answers without <c>media_type</c>.</summary>
    private static string? RecognizeMediaType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        ReadOnlySpan<byte> start = bytes[..Math.Min(bytes.Length, 256)].TrimStart(" \t\r\n"u8);
        return start.StartsWith("<svg"u8) || start.StartsWith("<?xml"u8) ? "image/svg+xml" : null;
    }
}
