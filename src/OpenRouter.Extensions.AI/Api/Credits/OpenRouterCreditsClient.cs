namespace OpenRouter.Extensions.AI;

/// <summary>The account's credits: <c>/credits</c>.</summary>
/// <remarks>Obtain it from <see cref="OpenRouterClient.Credits"/>.</remarks>
public sealed class OpenRouterCreditsClient
{
    private readonly OpenRouterTransport _transport;

    internal OpenRouterCreditsClient(OpenRouterTransport transport) => _transport = transport;

    /// <summary>Gets the total credits purchased and used (<c>GET /credits</c>). OpenRouter requires a management key.</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The credits.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (403 without a management key) or could not be reached.</exception>
    public Task<OpenRouterCredits> GetAsync(CancellationToken cancellationToken = default) =>
        _transport.DataAsync(_transport.CreateRequest(HttpMethod.Get, ApiRoute.Of("credits")), OpenRouterJsonContext.Default.CreditsEnvelope, cancellationToken);
}
