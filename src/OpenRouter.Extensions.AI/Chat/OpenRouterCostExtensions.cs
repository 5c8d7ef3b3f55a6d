using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads the cost OpenRouter reported, in US dollars, from what Microsoft.Extensions.AI returns: the total over every round of a
/// tool loop, in JSON and streaming modes, and from Semantic Kernel's <c>Usage</c> metadata or an Agent Framework run's usage.
/// </summary>
/// <remarks>
/// <para>
/// Each OpenRouter response puts its cost twice: as a <see cref="decimal"/> in <c>AdditionalProperties</c> under
/// <see cref="OpenRouterResponseProperties.Cost"/> (one response's cost), and as a pico-dollar count in
/// <see cref="UsageDetails.AdditionalCounts"/> under <see cref="OpenRouterResponseProperties.CostPicodollars"/>. Usage is what
/// <c>FunctionInvokingChatClient</c>, <c>ToChatResponse[Async]</c> and agents add up, so these methods read the usage first and fall
/// back to the per-response property.
/// </para>
/// <para>
/// <see cref="GetOpenRouterCost(UsageDetails?)"/> works for any <see cref="UsageDetails"/> an OpenRouter client of this library
/// fills, including the usage of embeddings (<c>GeneratedEmbeddings.Usage</c>) and of image generation responses.
/// </para>
/// </remarks>
public static class OpenRouterCostExtensions
{
    /// <summary>Gets the cost in US dollars recorded in <paramref name="usage"/> (summed over every response it aggregates).</summary>
    /// <param name="usage">The usage, for example <c>ChatResponse.Usage</c>, an agent run's usage or Semantic Kernel's <c>Usage</c> metadata.</param>
    /// <returns>The cost, or <see langword="null"/> when the usage carries none (or is <see langword="null"/>).</returns>
    public static decimal? GetOpenRouterCost(this UsageDetails? usage) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(OpenRouterResponseProperties.CostPicodollars, out long picodollars)
            ? OpenRouterCost.FromPicodollars(picodollars)
            : null;

    /// <summary>
    /// Gets the cost in US dollars of <paramref name="response"/>: behind a tool loop, the total of every round (from its usage);
    /// otherwise the response's own <c>AdditionalProperties["cost"]</c>, or that of its last message (where
    /// <c>ToChatResponse[Async]()</c> puts the properties of a stream's updates, which carry a <c>MessageId</c>).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <returns>The cost, or <see langword="null"/> when OpenRouter reported none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static decimal? GetOpenRouterCost(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Usage.GetOpenRouterCost()
            ?? FromProperties(response.AdditionalProperties)
            ?? (response.Messages.Count > 0 ? FromProperties(response.Messages[^1].AdditionalProperties) : null);
    }

    /// <summary>Gets the cost in US dollars carried by one streaming update (the update with the usage), from its usage content or its <c>AdditionalProperties["cost"]</c>.</summary>
    /// <param name="update">The update.</param>
    /// <returns>The cost, or <see langword="null"/> when this update carries none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    /// <remarks>To get the total of a stream, combine the updates with <c>ToChatResponse[Async]()</c> and call <see cref="GetOpenRouterCost(ChatResponse)"/>.</remarks>
    public static decimal? GetOpenRouterCost(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        decimal? total = null;

        // By index: the stream calls this for every update, and a foreach over IList<AIContent> allocates its enumerator (bench/).
        IList<AIContent> contents = update.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent { Details: var details } && details.GetOpenRouterCost() is { } cost)
            {
                total = (total ?? 0m) + cost;
            }
        }

        return total ?? FromProperties(update.AdditionalProperties);
    }

    private static decimal? FromProperties(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(OpenRouterResponseProperties.Cost, out object? value))
        {
            return null;
        }

        return value switch
        {
            decimal d => d,
            double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
            long l => l,
            int i => i,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out decimal d) => d,
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) => d,
            _ => null,
        };
    }
}
