namespace OpenRouter.Extensions.AI;

/// <summary>The request rate limit of an API key (<c>rate_limit</c>).</summary>
public sealed record OpenRouterRateLimit
{
    /// <summary>Gets the number of requests allowed per <see cref="Interval"/> (<c>requests</c>).</summary>
    public double Requests { get; init; }

    /// <summary>Gets the interval the limit applies to (<c>interval</c>), such as <c>10s</c>.</summary>
    public string Interval { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets OpenRouter's note about the limit (<c>note</c>).</summary>
    public string? Note { get; init; }
}
