
namespace OpenRouter.Extensions.AI;

/// <summary>The model catalog: <c>/models</c>, <c>/models/{author}/{slug}/endpoints</c>, <c>/endpoints/zdr</c> and <c>/parameters/{author}/{slug}</c>.</summary>
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
        ApiRoute route = ApiRoute.Of("models")
            .Query("category", string.IsNullOrEmpty(category) ? null : category)
            .Query("supported_parameters", string.IsNullOrEmpty(parameters) ? null : parameters);
        return await GetModelsAsync(route, keyRequired: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the embeddings models (<c>GET /models/embeddings</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The embeddings models.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterModel>> ListEmbeddingsAsync(CancellationToken cancellationToken = default) =>
        GetModelsAsync(ApiRoute.Of("models/embeddings"), keyRequired: false, cancellationToken);

    /// <summary>Lists the models available under the account's provider preferences and privacy settings (<c>GET /models/user</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The models the current user can use.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401 without a valid key) or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterModel>> ListForUserAsync(CancellationToken cancellationToken = default) =>
        GetModelsAsync(ApiRoute.Of("models/user"), keyRequired: true, cancellationToken);

    /// <summary>Gets a model and the provider endpoints serving it (<c>GET /models/{author}/{slug}/endpoints</c>).</summary>
    /// <param name="modelId">The model id, <c>author/slug</c>, such as <c>openai/gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public Task<OpenRouterModelEndpoints> GetEndpointsAsync(string modelId, CancellationToken cancellationToken = default) =>
        GetEndpointsAsync(ApiRoute.Of("models").ModelSegments(modelId).Then("endpoints"), cancellationToken);

    /// <summary>Gets a model and the provider endpoints serving it (<c>GET /models/{author}/{slug}/endpoints</c>).</summary>
    /// <param name="author">The model author, such as <c>openai</c>.</param>
    /// <param name="slug">The model slug, such as <c>gpt-4o</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The model and its endpoints.</returns>
    /// <exception cref="ArgumentException"><paramref name="author"/> or <paramref name="slug"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown model) or could not be reached.</exception>
    public Task<OpenRouterModelEndpoints> GetEndpointsAsync(string author, string slug, CancellationToken cancellationToken = default) =>
        GetEndpointsAsync(ApiRoute.Of("models").Segment(author).Segment(slug).Then("endpoints"), cancellationToken);

    /// <summary>Lists the endpoints that remain available when zero data retention (ZDR) is enforced (<c>GET /endpoints/zdr</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The ZDR-compatible endpoints.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterEndpoint>> ListZdrEndpointsAsync(CancellationToken cancellationToken = default) =>
        _transport.ItemsAsync(_transport.CreateRequest(HttpMethod.Get, ApiRoute.Of("endpoints/zdr"), keyRequired: false), OpenRouterJsonContext.Default.EndpointListEnvelope, cancellationToken);

    /// <summary>Gets the parameters a model supports, optionally at one provider (<c>GET /parameters/{author}/{slug}</c>).</summary>
    /// <param name="modelId">The model id, <c>author/slug</c>.</param>
    /// <param name="provider">Only this provider's support (<c>provider</c>), such as <see cref="OpenRouterProviderName.OpenAI"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The supported parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelId"/> is not of the form <c>author/slug</c>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401, 404) or could not be reached.</exception>
    public Task<OpenRouterModelParameters> GetParametersAsync(string modelId, OpenRouterProviderName? provider = null, CancellationToken cancellationToken = default) =>
        GetParametersAsync(ApiRoute.Of("parameters").ModelSegments(modelId), provider, cancellationToken);

    /// <summary>Gets the parameters a model supports, optionally at one provider (<c>GET /parameters/{author}/{slug}</c>).</summary>
    /// <param name="author">The model author.</param>
    /// <param name="slug">The model slug.</param>
    /// <param name="provider">Only this provider's support (<c>provider</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The supported parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="author"/> or <paramref name="slug"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401, 404) or could not be reached.</exception>
    public Task<OpenRouterModelParameters> GetParametersAsync(string author, string slug, OpenRouterProviderName? provider = null, CancellationToken cancellationToken = default) =>
        GetParametersAsync(ApiRoute.Of("parameters").Segment(author).Segment(slug), provider, cancellationToken);

    private Task<OpenRouterModelEndpoints> GetEndpointsAsync(ApiRoute route, CancellationToken cancellationToken) =>
        _transport.DataAsync(_transport.CreateRequest(HttpMethod.Get, route, keyRequired: false), OpenRouterJsonContext.Default.ModelEndpointsEnvelope, cancellationToken);

    private Task<OpenRouterModelParameters> GetParametersAsync(ApiRoute route, OpenRouterProviderName? provider, CancellationToken cancellationToken) =>
        _transport.DataAsync(
            _transport.CreateRequest(HttpMethod.Get, route.Query("provider", provider is { Value.Length: > 0 } p ? p.Value : null)),
            OpenRouterJsonContext.Default.ModelParametersEnvelope,
            cancellationToken);

    private Task<IReadOnlyList<OpenRouterModel>> GetModelsAsync(ApiRoute route, bool keyRequired, CancellationToken cancellationToken) =>
        _transport.ItemsAsync(_transport.CreateRequest(HttpMethod.Get, route, keyRequired), OpenRouterJsonContext.Default.ModelListEnvelope, cancellationToken);
}
