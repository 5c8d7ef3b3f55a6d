using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The model catalog: <c>/models</c>, <c>/model/{author}/{slug}</c>, <c>/embeddings/models</c>, <c>/models/{author}/{slug}/endpoints</c>,
/// <c>/endpoints/zdr</c> and <c>/parameters/{author}/{slug}</c>.
/// </summary>
/// <remarks>Obtain it from <see cref="OpenRouterClient.Models"/>.</remarks>
public sealed class OpenRouterModelsClient
{
    private readonly OpenRouterTransport _transport;

    internal OpenRouterModelsClient(OpenRouterTransport transport) => _transport = transport;

    /// <summary>Lists all models (<c>GET /models</c>).</summary>
    /// <param name="category">Only models of this category (<c>category</c>), such as <c>programming</c>.</param>
    /// <param name="supportedParameters">Only models supporting these parameters (<c>supported_parameters</c>, sent comma-separated), such as <see cref="OpenRouterParameter.Tools"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public async Task<IReadOnlyList<OpenRouterModel>> ListAsync(
        string? category = null,
        IEnumerable<OpenRouterParameter>? supportedParameters = null,
        CancellationToken cancellationToken = default)
    {
        string? parameters = supportedParameters is null ? null : string.Join(',', supportedParameters.Select(p => p.Value));
        string path = new StringBuilder("models")
            .AppendQuery("category", string.IsNullOrEmpty(category) ? null : category)
            .AppendQuery("supported_parameters", string.IsNullOrEmpty(parameters) ? null : parameters)
            .ToString();
        return await GetModelsAsync(path, keyRequired: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the embeddings models (<c>GET /embeddings/models</c>; where that path answers 404, the older <c>GET /models/embeddings</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The embeddings models.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public async Task<IReadOnlyList<OpenRouterModel>> ListEmbeddingsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetModelsAsync("embeddings/models", keyRequired: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenRouterException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The path of OpenRouter's current API reference; servers that predate it (and proxies) serve the older one.
            return await GetModelsAsync("models/embeddings", keyRequired: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets one model's catalog entry (<c>GET /model/{author}/{slug}</c>).</summary>
    /// <param name="modelId">The model id, <c>author/slug</c>, such as <c>openai/gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public Task<OpenRouterModel> GetAsync(string modelId, CancellationToken cancellationToken = default)
    {
        (string author, string slug) = OpenRouterApiPaths.SplitModelId(modelId, nameof(modelId));
        return GetAsync(author, slug, cancellationToken);
    }

    /// <summary>Gets one model's catalog entry (<c>GET /model/{author}/{slug}</c>).</summary>
    /// <param name="author">The model author, such as <c>openai</c>.</param>
    /// <param name="slug">The model slug, such as <c>gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="author"/> or <paramref name="slug"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public async Task<OpenRouterModel> GetAsync(string author, string slug, CancellationToken cancellationToken = default)
    {
        string path = $"model/{OpenRouterApiPaths.Segment(author, nameof(author))}/{OpenRouterApiPaths.Segment(slug, nameof(slug))}";
        OpenRouterDataEnvelope<OpenRouterModel> envelope = await _transport.SendJsonAsync(
            _transport.CreateRequest(HttpMethod.Get, path, keyRequired: false), OpenRouterJsonContext.Default.ModelEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope.Data ?? throw OpenRouterApiPaths.MissingData();
    }

    /// <summary>Lists the models available under the account's provider preferences and privacy settings (<c>GET /models/user</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The models the current user can use.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401 without a valid key) or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterModel>> ListForUserAsync(CancellationToken cancellationToken = default) =>
        GetModelsAsync("models/user", keyRequired: true, cancellationToken);

    /// <summary>Gets a model and the provider endpoints serving it (<c>GET /models/{author}/{slug}/endpoints</c>).</summary>
    /// <param name="modelId">The model id, <c>author/slug</c>, such as <c>openai/gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public Task<OpenRouterModelEndpoints> GetEndpointsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        (string author, string slug) = OpenRouterApiPaths.SplitModelId(modelId, nameof(modelId));
        return GetEndpointsAsync(author, slug, cancellationToken);
    }

    /// <summary>Gets a model and the provider endpoints serving it (<c>GET /models/{author}/{slug}/endpoints</c>).</summary>
    /// <param name="author">The model author, such as <c>openai</c>.</param>
    /// <param name="slug">The model slug, such as <c>gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="author"/> or <paramref name="slug"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public async Task<OpenRouterModelEndpoints> GetEndpointsAsync(string author, string slug, CancellationToken cancellationToken = default)
    {
        string path = $"models/{OpenRouterApiPaths.Segment(author, nameof(author))}/{OpenRouterApiPaths.Segment(slug, nameof(slug))}/endpoints";
        OpenRouterDataEnvelope<OpenRouterModelEndpoints> envelope = await _transport.SendJsonAsync(
            _transport.CreateRequest(HttpMethod.Get, path, keyRequired: false), OpenRouterJsonContext.Default.ModelEndpointsEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope.Data ?? throw OpenRouterApiPaths.MissingData();
    }

    /// <summary>Lists the endpoints that remain available when zero data retention (ZDR) is enforced (<c>GET /endpoints/zdr</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The ZDR-compatible endpoints.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public async Task<IReadOnlyList<OpenRouterEndpoint>> ListZdrEndpointsAsync(CancellationToken cancellationToken = default)
    {
        OpenRouterDataEnvelope<List<OpenRouterEndpoint>> envelope = await _transport.SendJsonAsync(
            _transport.CreateRequest(HttpMethod.Get, "endpoints/zdr", keyRequired: false), OpenRouterJsonContext.Default.EndpointListEnvelope, cancellationToken).ConfigureAwait(false);
        return OpenRouterApiPaths.Items(envelope.Data);
    }

    /// <summary>Gets the parameters a model supports, optionally at one provider (<c>GET /parameters/{author}/{slug}</c>).</summary>
    /// <param name="modelId">The model id, <c>author/slug</c>.</param>
    /// <param name="provider">Only this provider's support (<c>provider</c>), such as <see cref="OpenRouterProviderName.OpenAI"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The supported parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401, 404) or could not be reached.</exception>
    public Task<OpenRouterModelParameters> GetParametersAsync(string modelId, OpenRouterProviderName? provider = null, CancellationToken cancellationToken = default)
    {
        (string author, string slug) = OpenRouterApiPaths.SplitModelId(modelId, nameof(modelId));
        return GetParametersAsync(author, slug, provider, cancellationToken);
    }

    /// <summary>Gets the parameters a model supports, optionally at one provider (<c>GET /parameters/{author}/{slug}</c>).</summary>
    /// <param name="author">The model author.</param>
    /// <param name="slug">The model slug.</param>
    /// <param name="provider">Only this provider's support (<c>provider</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The supported parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="author"/> or <paramref name="slug"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401, 404) or could not be reached.</exception>
    public async Task<OpenRouterModelParameters> GetParametersAsync(string author, string slug, OpenRouterProviderName? provider = null, CancellationToken cancellationToken = default)
    {
        string path = new StringBuilder("parameters/")
            .Append(OpenRouterApiPaths.Segment(author, nameof(author))).Append('/')
            .Append(OpenRouterApiPaths.Segment(slug, nameof(slug)))
            .AppendQuery("provider", provider is { Value.Length: > 0 } p ? p.Value : null)
            .ToString();
        OpenRouterDataEnvelope<OpenRouterModelParameters> envelope = await _transport.SendJsonAsync(
            _transport.CreateRequest(HttpMethod.Get, path), OpenRouterJsonContext.Default.ModelParametersEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope.Data ?? throw OpenRouterApiPaths.MissingData();
    }

    private async Task<IReadOnlyList<OpenRouterModel>> GetModelsAsync(string path, bool keyRequired, CancellationToken cancellationToken)
    {
        OpenRouterDataEnvelope<List<OpenRouterModel>> envelope = await _transport.SendJsonAsync(
            _transport.CreateRequest(HttpMethod.Get, path, keyRequired), OpenRouterJsonContext.Default.ModelListEnvelope, cancellationToken).ConfigureAwait(false);
        return OpenRouterApiPaths.Items(envelope.Data);
    }
}
