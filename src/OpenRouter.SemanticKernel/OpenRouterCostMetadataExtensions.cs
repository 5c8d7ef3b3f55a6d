using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;

namespace OpenRouter.SemanticKernel;

/// <summary>
/// Reads the cost OpenRouter reported, in US dollars, from Semantic Kernel's results. Semantic Kernel's chat adapter keeps the
/// response usage in <see cref="KernelContent.Metadata"/> under <c>"Usage"</c>; behind automatic function calling
/// (<c>FunctionChoiceBehavior.Auto()</c>) that usage is the sum over every round, and so is the cost read from it.
/// </summary>
public static class OpenRouterCostMetadataExtensions
{
    private const string UsageKey = "Usage";

    /// <summary>Gets the cost of a chat result: the total over every round of its tool loop.</summary>
    /// <param name="message">A message returned by the OpenRouter chat completion service, e.g. <c>functionResult.GetValue&lt;ChatMessageContent&gt;()</c>.</param>
    /// <returns>The cost, or <see langword="null"/> when the message carries none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static decimal? GetOpenRouterCost(this ChatMessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FromMetadata(message.Metadata);
    }

    /// <summary>
    /// Gets the total cost of a streamed result: the sum over the chunks that carry usage (one per round of the tool loop).
    /// </summary>
    /// <param name="chunks">The streamed chunks, all of them.</param>
    /// <returns>The cost, or <see langword="null"/> when no chunk carries one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chunks"/> is <see langword="null"/>.</exception>
    public static decimal? GetOpenRouterCost(this IEnumerable<StreamingChatMessageContent> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        decimal? total = null;
        foreach (StreamingChatMessageContent chunk in chunks)
        {
            if (FromMetadata(chunk.Metadata) is { } cost)
            {
                total = (total ?? 0m) + cost;
            }
        }

        return total;
    }

    private static decimal? FromMetadata(IReadOnlyDictionary<string, object?>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        return metadata.TryGetValue(UsageKey, out object? usage)
            ? usage switch
            {
                UsageDetails details => details.GetOpenRouterCost(),
                UsageContent content => content.Details.GetOpenRouterCost(),
                _ => null,
            }
            : null;
    }
}
