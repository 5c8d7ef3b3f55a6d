using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// An API key managed with a provisioning key (from <c>/keys</c>): name, limits and usage. It never holds the secret key itself;
/// only <see cref="OpenRouterCreatedApiKey"/> does, once.
/// </summary>
public sealed record OpenRouterApiKey
{
    /// <summary>Gets the key's hash, its identifier in <c>/keys/{hash}</c> (<c>hash</c>).</summary>
    public string Hash { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the name given at creation (<c>name</c>).</summary>
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the label OpenRouter shows, a redacted form of the key (<c>label</c>).</summary>
    public string Label { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets a value indicating whether the key is disabled (<c>disabled</c>).</summary>
    public bool Disabled { get; init; }

    /// <summary>Gets the credit limit in US dollars (<c>limit</c>), or <see langword="null"/> when unlimited.</summary>
    public decimal? Limit { get; init; }

    /// <summary>Gets the credit left before the limit (<c>limit_remaining</c>).</summary>
    public decimal? LimitRemaining { get; init; }

    /// <summary>Gets how often the limit resets (<c>limit_reset</c>), or <see langword="null"/> when it never does.</summary>
    public OpenRouterLimitReset? LimitReset { get; init; }

    /// <summary>Gets a value indicating whether usage with your own provider keys (BYOK) counts toward the limit (<c>include_byok_in_limit</c>).</summary>
    public bool IncludeByokInLimit { get; init; }

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

    /// <summary>Gets when the key was created (<c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key was last changed (<c>updated_at</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
