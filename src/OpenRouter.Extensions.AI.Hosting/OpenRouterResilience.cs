using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The resilience defaults that the dependency-injection registrations apply to the <c>OpenRouter</c> named <see cref="HttpClient"/>
/// (on top of <see cref="HttpStandardResilienceOptions"/>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>Retried: 408, 429, 502, 503, connection failures (<see cref="HttpRequestException"/>) and attempt timeouts;
/// up to 3 retries, exponential backoff with jitter from 2 s, a <c>Retry-After</c> header wins over the backoff.
/// Not retried: 500 and 504 (OpenRouter documents neither as transient; a 500 usually repeats for the same request and a 504
/// may come after the model already ran), and every other 4xx.</description></item>
/// <item><description>A retry can only happen before the response is handed to the caller: the handler returns once the
/// response headers arrived, so a streamed body that has begun (or a JSON body being read) is never retried.</description></item>
/// <item><description>Timeouts only cover the time to the response headers: 5 minutes per attempt (slow reasoning models),
/// 15 minutes in total. A stream, once its headers arrived, is bounded only by the caller's token and
/// <see cref="OpenRouterClientOptions.StreamIdleTimeout"/>; <see cref="HttpClient.Timeout"/> is infinite.</description></item>
/// </list>
/// </remarks>
public static class OpenRouterResilience
{
    /// <summary>Gets the timeout of one attempt, up to the response headers.</summary>
    public static TimeSpan AttemptTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the timeout of all attempts together, up to the response headers.</summary>
    public static TimeSpan TotalRequestTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>Applies the OpenRouter defaults described on <see cref="OpenRouterResilience"/> to standard resilience options.</summary>
    /// <param name="options">The options of a standard resilience handler.</param>
    public static void Configure(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.ShouldHandle = static args => ValueTask.FromResult(IsRetryable(args.Outcome));
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.CircuitBreaker.ShouldHandle = static args => ValueTask.FromResult(IsRetryable(args.Outcome));
        options.AttemptTimeout.Timeout = AttemptTimeout;
        options.TotalRequestTimeout.Timeout = TotalRequestTimeout;

        // The standard options validator requires a sampling duration of at least twice the attempt timeout.
        options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
    }

    /// <summary>Whether an attempt's outcome is worth another attempt: see <see cref="OpenRouterResilience"/>.</summary>
    /// <param name="outcome">The outcome of one attempt.</param>
    /// <returns><see langword="true"/> for 408, 429, 502, 503, <see cref="HttpRequestException"/> and <see cref="TimeoutRejectedException"/>.</returns>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };
}
