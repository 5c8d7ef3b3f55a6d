using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The API key the client authenticates with (from <c>GET /key</c>): limits, usage, rate limit and free tier. It never holds the secret key.
/// </summary>
public sealed record OpenRouterCurrentKey
{
    /// <summary>Gets the key's label, a redacted form of the key (<c>label</c>).</summary>
    public string Label { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the credit limit in US dollars (<c>limit</c>), or <see langword="null"/> when unlimited.</summary>
    public decimal? Limit { get; init; }

    /// <summary>Gets the total spend in US dollars (<c>usage</c>).</summary>
    public decimal Usage { get; init; }

    /// <summary>Gets the spend of the current UTC day (<c>usage_daily</c>).</summary>
    public decimal UsageDaily { get; init; }

    /// <summary>Gets the spend of the current UTC week (<c>usage_weekly</c>).</summary>
    public decimal UsageWeekly { get; init; }

    /// <summary>Gets the spend of the current UTC month (<c>usage_monthly</c>).</summary>
    public decimal UsageMonthly { get; init; }

    /// <summary>Gets the total spend with your own provider keys (<c>byok_usage</c>).</summary>
    public decimal ByokUsage { get; init; }

    /// <summary>Gets the BYOK spend of the current UTC day (<c>byok_usage_daily</c>).</summary>
    public decimal ByokUsageDaily { get; init; }

    /// <summary>Gets the BYOK spend of the current UTC week (<c>byok_usage_weekly</c>).</summary>
    public decimal ByokUsageWeekly { get; init; }

    /// <summary>Gets the BYOK spend of the current UTC month (<c>byok_usage_monthly</c>).</summary>
    public decimal ByokUsageMonthly { get; init; }

    /// <summary>Gets a value indicating whether the account has never bought credits (<c>is_free_tier</c>).</summary>
    public bool IsFreeTier { get; init; }

    /// <summary>Gets a value indicating whether this is a provisioning key, which manages keys but cannot call models (<c>is_provisioning_key</c>).</summary>
    public bool IsProvisioningKey { get; init; }

    /// <summary>Gets the credit left before the limit (<c>limit_remaining</c>).</summary>
    public decimal? LimitRemaining { get; init; }

    /// <summary>Gets how often the limit resets (<c>limit_reset</c>), or <see langword="null"/> when it never does.</summary>
    public OpenRouterLimitReset? LimitReset { get; init; }

    /// <summary>Gets a value indicating whether BYOK usage counts toward the limit (<c>include_byok_in_limit</c>).</summary>
    public bool IncludeByokInLimit { get; init; }

    /// <summary>Gets the request rate limit (<c>rate_limit</c>).</summary>
    public OpenRouterRateLimit? RateLimit { get; init; }
}
