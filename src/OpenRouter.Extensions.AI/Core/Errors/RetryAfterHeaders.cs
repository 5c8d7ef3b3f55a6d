using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace OpenRouter.Extensions.AI;

/// <summary>Reads how long to wait before retrying from <c>Retry-After</c> and OpenRouter's <c>X-RateLimit-Reset</c>.</summary>
internal static class RetryAfterHeaders
{
    /// <summary>
    /// Reads the <c>Retry-After</c> header in its delay-seconds or HTTP-date form; on a 429 without it, the
    /// <c>X-RateLimit-Reset</c> header (see <see cref="FromRateLimitReset"/>).
    /// </summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests &&
                response.Headers.NonValidated.TryGetValues("X-RateLimit-Reset", out HeaderStringValues reset)
                ? FromRateLimitReset(reset.ToString())
                : null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// The wait until an <c>X-RateLimit-Reset</c> time: OpenRouter sends Unix milliseconds; Unix seconds and a number of
    /// seconds to wait are read too. A past time is zero; anything else is <see langword="null"/>.
    /// </summary>
    public static TimeSpan? FromRateLimitReset(string? value)
    {
        if (!long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return null;
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        TimeSpan wait = number switch
        {
            >= 100_000_000_000 and <= 253_402_300_799_000 => DateTimeOffset.FromUnixTimeMilliseconds(number) - now,
            >= 1_000_000_000 and <= 253_402_300_799 => DateTimeOffset.FromUnixTimeSeconds(number) - now,
            < 1_000_000_000 => TimeSpan.FromSeconds(number),
            _ => TimeSpan.MinValue,
        };
        return wait == TimeSpan.MinValue ? null : wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
