namespace OpenRouter.Extensions.AI;

/// <summary>The upstream providers: <c>/providers</c>.</summary>
/// <remarks>Obtain it from <see cref="OpenRouterClient.Providers"/>.</remarks>
public sealed class OpenRouterProvidersClient
{
    private readonly OpenRouterTransport _transport;

    internal OpenRouterProvidersClient(OpenRouterTransport transport) => _transport = transport;

    /// <summary>Lists the providers OpenRouter routes to (<c>GET /providers</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The providers.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterProvider>> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.ItemsAsync(_transport.CreateRequest(HttpMethod.Get, ApiRoute.Of("providers"), keyRequired: false), OpenRouterJsonContext.Default.ProviderListEnvelope, cancellationToken);
}
