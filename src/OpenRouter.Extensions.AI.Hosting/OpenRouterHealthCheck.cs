using System.Globalization;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Asks OpenRouter for the configured key (<c>GET /key</c>: cheap, no model runs, no credit spent) and keeps the answer for a
/// while, so that frequent probes cost one request per period. See
/// <see cref="Microsoft.Extensions.DependencyInjection.OpenRouterHealthChecksBuilderExtensions.AddOpenRouterHealthCheck"/> for the states.
/// </summary>
/// <remarks>One instance per registration (a singleton), so the cached answer is shared by every probe of that registration.</remarks>
internal sealed class OpenRouterHealthCheck : IHealthCheck, IDisposable
{
    private readonly OpenRouterClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly SemaphoreSlim _probe = new(1, 1);
    private volatile Cached? _cached;

    public OpenRouterHealthCheck(OpenRouterClient client, TimeProvider time, TimeSpan cacheDuration)
    {
        _client = client;
        _time = time;
        _cacheDuration = cacheDuration;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Fresh() is { } cached)
        {
            return cached;
        }

        // One request at a time: probes that arrive while one is asking wait for its answer instead of asking again.
        await _probe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } justCached)
            {
                return justCached;
            }

            (HealthCheckResult result, TimeSpan keepFor) = await AskAsync(context.Registration.FailureStatus, cancellationToken).ConfigureAwait(false);
            _cached = new Cached(result, _time.GetUtcNow() + keepFor);
            return result;
        }
        finally
        {
            _probe.Release();
        }
    }

    public void Dispose() => _probe.Dispose();

    private HealthCheckResult? Fresh() => _cached is { } c && _time.GetUtcNow() < c.Expires ? c.Result : null;

    private async Task<(HealthCheckResult Result, TimeSpan KeepFor)> AskAsync(HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        try
        {
            OpenRouterCurrentKey key = await _client.Keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            return (Describe(key), _cacheDuration);
        }
        catch (OpenRouterException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A 429 keeps its answer at least as long as OpenRouter asked us to wait.
            TimeSpan keepFor = ex.RetryAfter is { } wait && wait > _cacheDuration ? wait : _cacheDuration;
            var data = new Dictionary<string, object>(StringComparer.Ordinal);
            if (ex.StatusCode is { } status)
            {
                data["status_code"] = (int)status;
            }

            HealthStatus health = ex.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden => HealthStatus.Unhealthy,
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => HealthStatus.Degraded,
                { } code when (int)code >= 500 => HealthStatus.Degraded,
                _ => failureStatus,
            };
            return (new HealthCheckResult(health, Reason(ex), ex, data), keepFor);
        }
    }

    private static HealthCheckResult Describe(OpenRouterCurrentKey key)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["label"] = key.Label,
            ["usage"] = key.Usage,
            ["is_free_tier"] = key.IsFreeTier,
            ["is_provisioning_key"] = key.IsProvisioningKey,
        };
        if (key.Limit is { } limit)
        {
            data["limit"] = limit;
        }

        if (key.LimitRemaining is { } remaining)
        {
            data["limit_remaining"] = remaining;
        }

        if (key.LimitRemaining is <= 0m)
        {
            return HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"The key {key.Label} has used up its credit limit ({key.Limit} USD): requests are refused with 402 until it resets or is raised."),
                data: data);
        }

        return HealthCheckResult.Healthy($"OpenRouter accepts the key {key.Label}.", data);
    }

    /// <summary>The exception's message: the transport already redacted every secret it knows from it.</summary>
    private static string Reason(OpenRouterException ex) => ex.StatusCode is { } status
        ? string.Create(CultureInfo.InvariantCulture, $"OpenRouter answered GET /key with {(int)status}: {ex.Message}")
        : $"OpenRouter could not be asked: {ex.Message}";

    private sealed record Cached(HealthCheckResult Result, DateTimeOffset Expires);
}
