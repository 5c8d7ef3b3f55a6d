using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Converts OpenRouter's <c>usage.cost</c> (US dollars, an exact <see cref="decimal"/>) to and from the pico-dollar count kept
/// in <see cref="UsageDetails.AdditionalCounts"/> under <see cref="OpenRouterResponseProperties.CostPicodollars"/>.
/// Every client of the library (chat, embeddings, images) stores its cost through <see cref="Store"/>, called by <see cref="UsageMapper"/>.
/// </summary>
internal static class OpenRouterCost
{
    /// <summary>Pico-dollars per US dollar (10<sup>12</sup>).</summary>
    private const decimal PicodollarsPerDollar = 1_000_000_000_000m;

    /// <summary>The largest amount of dollars a pico-dollar <see cref="long"/> holds (about 9.2 million).</summary>
    private const decimal MaxDollars = long.MaxValue / PicodollarsPerDollar;

    /// <summary>Converts dollars to pico-dollars, rounding half away from zero; <see langword="null"/> when out of range.</summary>
    public static long? ToPicodollars(decimal dollars) =>
        Math.Abs(dollars) > MaxDollars ? null : decimal.ToInt64(decimal.Round(dollars * PicodollarsPerDollar, MidpointRounding.AwayFromZero));

    /// <summary>Converts pico-dollars to dollars, exactly.</summary>
    public static decimal FromPicodollars(long picodollars) => picodollars / PicodollarsPerDollar;

    /// <summary>
    /// Stores <paramref name="dollars"/> as <see cref="OpenRouterResponseProperties.CostPicodollars"/> in <paramref name="usage"/>, the
    /// one place a response's cost is kept; nothing when it is <see langword="null"/> (or beyond what the count holds).
    /// </summary>
    public static void Store(UsageDetails usage, decimal? dollars)
    {
        if (dollars is { } value && ToPicodollars(value) is { } picodollars)
        {
            (usage.AdditionalCounts ??= [])[OpenRouterResponseProperties.CostPicodollars] = picodollars;
        }
    }
}
