using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads the cost OpenRouter reported, in US dollars, from what Microsoft.Extensions.AI returns: the total over every round of a
/// tool loop, in JSON and streaming modes, and from Semantic Kernel's <c>Usage</c> metadata or an Agent Framework run's usage.
/// </summary>
/// <remarks>
/// <para>
/// A response's cost is kept in one place: its usage, as a pico-dollar count (10<sup>-12</sup> US dollars) in
/// <see cref="UsageDetails.AdditionalCounts"/> under <see cref="OpenRouterResponseProperties.CostPicodollars"/>, because usage is what
/// <c>FunctionInvokingChatClient</c>, <c>ToChatResponse[Async]</c>, caches and agents carry and add up. Every client of this library
/// (chat, embeddings, images) stores it there; these methods are the one way to read it.
/// </para>
/// <para>
/// The pico-dollar is far finer than any amount OpenRouter charges (prices are quoted to 10<sup>-9</sup> dollars per token), so the
/// count is exact for every real answer; an amount with more digits is rounded to the nearest pico-dollar.
/// </para>
/// </remarks>
public static class OpenRouterCostExtensions
{
    /// <summary>Gets the cost in US dollars recorded in <paramref name="usage"/> (summed over every response it aggregates).</summary>
    /// <param name="usage">The usage, for example <c>ChatResponse.Usage</c>, <c>GeneratedEmbeddings.Usage</c>, an agent run's usage or Semantic Kernel's <c>Usage</c> metadata.</param>
    /// <returns>The cost, or <see langword="null"/> when the usage carries none (or is <see langword="null"/>).</returns>
    public static decimal? GetOpenRouterCost(this UsageDetails? usage) =>
        usage?.AdditionalCounts is { } counts && counts.TryGetValue(OpenRouterResponseProperties.CostPicodollars, out long picodollars)
            ? OpenRouterCost.FromPicodollars(picodollars)
            : null;

    /// <summary>Gets the cost in US dollars of <paramref name="response"/>: behind a tool loop or for a combined stream, the total of every round.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The cost, or <see langword="null"/> when OpenRouter reported none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static decimal? GetOpenRouterCost(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Usage.GetOpenRouterCost();
    }

    /// <summary>Gets the cost in US dollars carried by one streaming update (the update with the usage).</summary>
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

        return total;
    }
}
