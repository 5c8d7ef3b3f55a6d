using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The account's credits (from <c>GET /credits</c>), in US dollars as exact decimals.</summary>
public sealed record OpenRouterCredits
{
    /// <summary>Gets the total credits purchased (<c>total_credits</c>).</summary>
    public decimal TotalCredits { get; init; }

    /// <summary>Gets the total credits used (<c>total_usage</c>).</summary>
    public decimal TotalUsage { get; init; }

    /// <summary>Gets members OpenRouter added that this type does not name yet, as sent.</summary>
    [JsonExtensionData]
    public IDictionary<string, System.Text.Json.JsonElement>? AdditionalProperties { get; set; }
}
