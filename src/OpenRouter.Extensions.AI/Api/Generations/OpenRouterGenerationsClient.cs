using System.Net;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>The stats of a generation, after the fact: <c>/generation</c>.</summary>
/// <remarks>
/// <para>Obtain it from <see cref="OpenRouterClient.Generations"/>.</para>
/// <para>
/// OpenRouter writes a generation's stats shortly after it answered, so a stats request sent right after the answer can get a 404.
/// A 404 is therefore retried, briefly and a bounded number of times: after 0.5, 1 and 2 seconds (3.5 seconds at most, measured
/// with the <see cref="TimeProvider"/> given to <see cref="OpenRouterClient(OpenRouterClientOptions, HttpClient?, TimeProvider?)"/>, the
/// registered <see cref="TimeProvider"/> service under dependency injection). A 404 that persists surfaces as <see cref="OpenRouterException"/> with
/// <see cref="OpenRouterException.StatusCode"/> <see cref="HttpStatusCode.NotFound"/>; every other failure surfaces at once.
/// </para>
/// </remarks>
public sealed class OpenRouterGenerationsClient
{
    /// <summary>The waits before each retry of a 404.</summary>
    private static readonly TimeSpan[] NotFoundRetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    private readonly OpenRouterTransport _transport;
    private readonly TimeProvider _timeProvider;

    internal OpenRouterGenerationsClient(OpenRouterTransport transport, TimeProvider timeProvider)
    {
        _transport = transport;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the stats of one generation (<c>GET /generation?id=…</c>): exact cost, upstream cost, latency, provider and native token counts.</summary>
    /// <param name="id">The generation id, e.g. <c>ChatResponse.ResponseId</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call and its retries.</param>
    /// <returns>The generation's stats.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is <see langword="null"/>, empty or white space.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 after the retries described on this class) or could not be reached.</exception>
    public async Task<OpenRouterGeneration> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ApiRoute route = ApiRoute.Of("generation").Query("id", id);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await _transport.DataAsync(
                    _transport.CreateRequest(HttpMethod.Get, route), OpenRouterJsonContext.Default.GenerationEnvelope, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenRouterException ex) when (ex.StatusCode == HttpStatusCode.NotFound && attempt < NotFoundRetryDelays.Length)
            {
                await Task.Delay(NotFoundRetryDelays[attempt], _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Gets the stats of the generation that produced <paramref name="response"/>: its <see cref="ChatResponse.ResponseId"/> is the
    /// generation id. Behind a tool loop that is the last round's generation.
    /// </summary>
    /// <param name="response">A response of <see cref="OpenRouterChatClient"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call and its retries.</param>
    /// <returns>The generation's stats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="response"/> has no <see cref="ChatResponse.ResponseId"/>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 after the retries described on this class) or could not be reached.</exception>
    public Task<OpenRouterGeneration> GetAsync(ChatResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (string.IsNullOrWhiteSpace(response.ResponseId))
        {
            throw new ArgumentException("The response has no ResponseId (the generation id).", nameof(response));
        }

        return GetAsync(response.ResponseId, cancellationToken);
    }
}
