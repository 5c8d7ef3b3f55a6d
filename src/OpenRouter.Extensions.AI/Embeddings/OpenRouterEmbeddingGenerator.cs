using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for OpenRouter's <c>POST /embeddings</c>.
/// </summary>
/// <remarks>
/// <para>
/// Request: the model is <see cref="EmbeddingGenerationOptions.ModelId"/>, else <see cref="OpenRouterClientOptions.DefaultEmbeddingModelId"/>;
/// <see cref="EmbeddingGenerationOptions.Dimensions"/> becomes <c>dimensions</c>; every <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>
/// key is written under its name (<c>provider</c>, <c>input_type</c>, <c>user</c>, …; see <see cref="OpenRouterEmbeddingOptionsExtensions"/>).
/// Vectors are asked for as base64 float32 (<c>encoding_format: "base64"</c>) and decoded straight into memory; an
/// <c>encoding_format</c> in <c>AdditionalProperties</c> wins, and both answer forms are read.
/// More than <see cref="MaxInputsPerRequest"/> inputs are sent as several requests, one after the other.
/// </para>
/// <para>
/// Response: the vectors in input order (by <c>data[].index</c>), each with <see cref="Embedding.ModelId"/> and <see cref="Embedding.CreatedAt"/>;
/// <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> sums the token counts and the cost of all requests (read the cost with
/// <see cref="OpenRouterCostExtensions.GetOpenRouterCost(UsageDetails?)"/>); <see cref="GeneratedEmbeddings{TEmbedding}.AdditionalProperties"/>
/// holds the first request's <c>id</c>, <c>provider</c>, <c>is_byok</c> and any member OpenRouter adds, under their wire names. Every failure is an <see cref="OpenRouterException"/>,
/// and so is an answer whose vectors cannot be compared: every vector of a call (of all its requests) must have the same number of values,
/// at least one, all finite (no NaN, no infinity, nothing beyond the range of <see cref="float"/>).
/// </para>
/// </remarks>
public sealed class OpenRouterEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The most inputs sent in one request; larger calls are split into consecutive requests of at most this many inputs.</summary>
    public const int MaxInputsPerRequest = 512;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly OpenRouterTransport _transport;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly string? _defaultModelId;
    private readonly Uri _embeddingsUri;

    /// <summary>Initializes a new instance of the <see cref="OpenRouterEmbeddingGenerator"/> class.</summary>
    /// <param name="options">The endpoint, key, default embedding model and attribution settings.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send requests with; owned by the caller. When <see langword="null"/>, the generator creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is not a usable address.</exception>
    public OpenRouterEmbeddingGenerator(OpenRouterClientOptions options, HttpClient? httpClient = null)
    {
        _transport = new OpenRouterTransport(options, httpClient);
        _defaultModelId = options.DefaultEmbeddingModelId;
        _metadata = new EmbeddingGeneratorMetadata("openrouter", _transport.Endpoint, _defaultModelId);
        _embeddingsUri = _transport.Resolve(ApiRoute.Of("embeddings"));
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] inputs = values as string[] ?? [.. values];
        string modelId = options?.ModelId ?? _defaultModelId
            ?? throw new ArgumentException(
                "No model: set EmbeddingGenerationOptions.ModelId or OpenRouterClientOptions.DefaultEmbeddingModelId (for example \"openai/text-embedding-3-small\").",
                nameof(options));

        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        for (int start = 0; start < inputs.Length; start += MaxInputsPerRequest)
        {
            int count = Math.Min(MaxInputsPerRequest, inputs.Length - start);
            int? dimension = result.Count > 0 ? result[0].Vector.Length : null;
            EmbeddingBatch batch = await SendAsync(inputs.AsMemory(start, count), modelId, options, dimension, cancellationToken).ConfigureAwait(false);
            result.AddRange(batch.Embeddings);
            if (batch.Usage is { } usage)
            {
                result.Usage = UsageMapper.Add(result.Usage, usage);
            }

            if (start == 0)
            {
                result.AdditionalProperties = batch.Properties;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(TenantScope))
        {
            return _transport.Scope;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if this generator created it.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>Returns a description without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"OpenRouterEmbeddingGenerator {{ Endpoint = {EndpointText.Describe(_transport.Endpoint)}, DefaultEmbeddingModelId = {_defaultModelId ?? "(none)"} }}";

    private Task<EmbeddingBatch> SendAsync(
        ReadOnlyMemory<string> inputs, string modelId, EmbeddingGenerationOptions? options, int? dimension, CancellationToken cancellationToken)
    {
        HttpRequestMessage request = _transport.CreateRequest(HttpMethod.Post, _embeddingsUri);
        try
        {
            OpenRouterTransport.AddSessionHeader(request, options?.AdditionalProperties, "EmbeddingGenerationOptions.AdditionalProperties");
            request.Content = new PooledJsonContent(EmbeddingRequestWriter.WriteToBuffer(inputs, modelId, options), JsonMediaType);
        }
        catch
        {
            request.Dispose();
            throw;
        }

        int count = inputs.Length;
        return _transport.SendAsync(request, (json, _) => Decode(json, count, modelId, dimension), cancellationToken);
    }

    /// <summary>
    /// Reads one answer: its vectors in input order (an answer that does not hold exactly one vector per input, or whose vectors cannot be
    /// compared with each other and with those of the call's earlier requests, of <paramref name="dimension"/> values, is malformed),
    /// its usage and its properties (<c>id</c>, <c>provider</c>, <c>is_byok</c> and unknown members under their wire names).
    /// </summary>
    private static EmbeddingBatch Decode(ReadOnlySpan<byte> json, int count, string modelId, int? dimension)
    {
        EmbeddingResponseWire response = JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.EmbeddingResponseWire)
            ?? throw new JsonException("The response body is null.");
        List<EmbeddingItemWire> data = response.Data ?? [];
        var ordered = new float[count][];
        for (int i = 0; i < data.Count; i++)
        {
            int index = data[i].Index ?? i;
            if (index < 0 || index >= count || ordered[index] is not null || data[i].Embedding is not { } vector)
            {
                throw Malformed(response, $"data[{i}] has a missing, repeated or out-of-range index ({index}) or no embedding");
            }

            ordered[index] = vector;
        }

        if (data.Count != count)
        {
            throw Malformed(response, $"{data.Count} embeddings came back for {count} inputs");
        }

        // Vectors are compared with each other: every one of the call (all its requests) has the dimension of the first, and only finite values.
        int expected = dimension ?? (count > 0 ? ordered[0].Length : 0);
        for (int i = 0; i < count; i++)
        {
            CheckVector(response, ordered[i], expected, i);
        }

        DateTimeOffset createdAt = DateTimeOffset.UtcNow;
        string model = response.Model ?? modelId;
        var embeddings = new Embedding<float>[count];
        for (int i = 0; i < count; i++)
        {
            embeddings[i] = new Embedding<float>(ordered[i]) { ModelId = model, CreatedAt = createdAt };
        }

        AdditionalPropertiesDictionary? properties = null;
        if (response.Id is { } id)
        {
            (properties ??= [])["id"] = id;
        }

        if (response.Provider is { } provider)
        {
            (properties ??= [])[OpenRouterResponseProperties.Provider] = provider;
        }

        if (response.Usage is { } usage)
        {
            UsageMapper.AddProperties(ref properties, usage);
        }

        if (response.AdditionalProperties is { } unknown)
        {
            foreach (KeyValuePair<string, JsonElement> pair in unknown)
            {
                (properties ??= [])[pair.Key] = pair.Value;
            }
        }

        return new EmbeddingBatch(embeddings, response.Usage is { } u ? UsageMapper.ToUsageDetails(u) : null, properties);
    }

    /// <summary>Refuses a vector that cannot be compared with the others: empty, of another dimension, or with a NaN or infinite value (such as 1e39, beyond float).</summary>
    private static void CheckVector(EmbeddingResponseWire response, float[] vector, int dimension, int index)
    {
        if (vector.Length == 0)
        {
            throw Malformed(response, $"embedding {index} of this request is empty");
        }

        if (vector.Length != dimension)
        {
            throw Malformed(response, $"embedding {index} of this request has {vector.Length} values, where the call's embeddings have {dimension}");
        }

        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw Malformed(response, $"embedding {index} of this request has a value that is not a finite float ({vector[i].ToString(CultureInfo.InvariantCulture)} at {i})");
            }
        }
    }

    private static JsonException Malformed(EmbeddingResponseWire response, string problem) =>
        new($"The embeddings answer{(response.Id is { } id ? $" {id}" : string.Empty)} does not match the request: {problem}.");

    /// <summary>One answer's vectors, usage and properties.</summary>
    private sealed record EmbeddingBatch(Embedding<float>[] Embeddings, UsageDetails? Usage, AdditionalPropertiesDictionary? Properties);
}
