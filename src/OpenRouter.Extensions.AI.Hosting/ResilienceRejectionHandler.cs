using Polly;
using Polly.Timeout;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The outermost handler of the <c>OpenRouter</c> named client: it turns the resilience pipeline's own exceptions into the
/// ones any <see cref="HttpClient"/> throws, which the transport already maps to <see cref="OpenRouterException"/>, so the
/// transport needs to know nothing of Polly.
/// </summary>
/// <remarks>
/// An attempt or total timeout (<see cref="TimeoutRejectedException"/>) becomes a <see cref="TaskCanceledException"/> with a
/// <see cref="TimeoutException"/> inside, as <see cref="HttpClient.Timeout"/> reports itself; any other refusal to send (open
/// circuit, rate limiter: <see cref="ExecutionRejectedException"/>) becomes an <see cref="HttpRequestException"/>. The Polly
/// exception stays the innermost exception.
/// </remarks>
internal sealed class ResilienceRejectionHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TaskCanceledException(ex.Message, new TimeoutException(ex.Message, ex));
        }
        catch (ExecutionRejectedException ex)
        {
            throw new HttpRequestException(ex.Message, ex);
        }
    }
}
