using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The one mapping of OpenRouter's <c>usage</c> object (<see cref="WireUsage"/>) to Microsoft.Extensions.AI, shared by every
/// endpoint (chat in both modes, embeddings, images): token counts to <see cref="UsageDetails"/> (typed counts where MEAI has
/// them, the rest under <see cref="OpenRouterUsageCounts"/>), the cost to <see cref="UsageDetails.AdditionalCounts"/> in
/// pico-dollars (see <see cref="OpenRouterCost"/>), and the usage's other members to <c>AdditionalProperties</c> under their
/// wire names. Sums are checked: one that overflows is an <see cref="OpenRouterException"/>, never a wrapped number.
/// </summary>
internal static class UsageMapper
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>The counts and cost of one answer's usage.</summary>
    /// <param name="usage">The usage.</param>
    /// <returns>The usage details.</returns>
    public static UsageDetails ToUsageDetails(WireUsage usage)
    {
        WireTokenDetails? prompt = usage.PromptTokensDetails;
        WireTokenDetails? completion = usage.CompletionTokensDetails;

        // The audio and text counts of UsageDetails are marked experimental (MEAI001); they are the typed home for these counts.
#pragma warning disable MEAI001
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens ?? Sum(usage.PromptTokens, usage.CompletionTokens),
            CachedInputTokenCount = prompt?.CachedTokens,
            InputAudioTokenCount = prompt?.AudioTokens,
            InputTextTokenCount = prompt?.TextTokens,
            ReasoningTokenCount = completion?.ReasoningTokens,
            OutputAudioTokenCount = completion?.AudioTokens,
            OutputTextTokenCount = completion?.TextTokens,
        };
#pragma warning restore MEAI001

        AddCount(details, OpenRouterUsageCounts.CacheWriteTokens, prompt?.CacheWriteTokens);
        AddCount(details, OpenRouterUsageCounts.InputImageTokens, prompt?.ImageTokens);
        AddCount(details, OpenRouterUsageCounts.InputVideoTokens, prompt?.VideoTokens);
        AddCount(details, OpenRouterUsageCounts.OutputImageTokens, completion?.ImageTokens);
        if (usage.ServerToolUseDetails is { } tools)
        {
            AddCount(details, OpenRouterUsageCounts.WebSearchRequests, tools.WebSearchRequests);
            AddCount(details, OpenRouterUsageCounts.ToolCallsRequested, tools.ToolCallsRequested);
            AddCount(details, OpenRouterUsageCounts.ToolCallsExecuted, tools.ToolCallsExecuted);
        }

        // The one place a response's cost is stored: MEAI adds AdditionalCounts up across tool rounds, streams and agents.
        OpenRouterCost.Store(details, usage.Cost);
        return details;
    }

    /// <summary>Adds the usage's members that are not counts, under their wire names: <c>is_byok</c> and the <c>cost_details</c> amounts.</summary>
    /// <param name="properties">The properties, created when needed.</param>
    /// <param name="usage">The usage.</param>
    public static void AddProperties(ref AdditionalPropertiesDictionary? properties, WireUsage usage)
    {
        if (usage.IsByok is { } byok)
        {
            (properties ??= [])[OpenRouterResponseProperties.IsByok] = byok ? BoxedTrue : BoxedFalse;
        }

        if (usage.CostDetails is { } cost)
        {
            Add(ref properties, OpenRouterResponseProperties.UpstreamInferenceCost, cost.UpstreamInferenceCost);
            Add(ref properties, OpenRouterResponseProperties.UpstreamInferencePromptCost, cost.UpstreamInferencePromptCost);
            Add(ref properties, OpenRouterResponseProperties.UpstreamInferenceCompletionsCost, cost.UpstreamInferenceCompletionsCost);
        }

        static void Add(ref AdditionalPropertiesDictionary? properties, string key, decimal? value)
        {
            if (value is { } amount)
            {
                (properties ??= [])[key] = amount;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="next"/> to <paramref name="total"/> (created when <see langword="null"/>), count by count, the cost
    /// included, for the answers of one call (the batches of an embeddings call).
    /// </summary>
    /// <param name="total">The sum so far.</param>
    /// <param name="next">The next answer's usage.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="OpenRouterException">A sum does not fit a 64-bit count.</exception>
    public static UsageDetails Add(UsageDetails? total, UsageDetails next)
    {
        if (total is null)
        {
            return next;
        }

#pragma warning disable MEAI001
        total.InputTokenCount = Sum(total.InputTokenCount, next.InputTokenCount);
        total.OutputTokenCount = Sum(total.OutputTokenCount, next.OutputTokenCount);
        total.TotalTokenCount = Sum(total.TotalTokenCount, next.TotalTokenCount);
        total.CachedInputTokenCount = Sum(total.CachedInputTokenCount, next.CachedInputTokenCount);
        total.ReasoningTokenCount = Sum(total.ReasoningTokenCount, next.ReasoningTokenCount);
        total.InputAudioTokenCount = Sum(total.InputAudioTokenCount, next.InputAudioTokenCount);
        total.InputTextTokenCount = Sum(total.InputTextTokenCount, next.InputTextTokenCount);
        total.OutputAudioTokenCount = Sum(total.OutputAudioTokenCount, next.OutputAudioTokenCount);
        total.OutputTextTokenCount = Sum(total.OutputTextTokenCount, next.OutputTextTokenCount);
#pragma warning restore MEAI001
        if (next.AdditionalCounts is { } counts)
        {
            foreach (KeyValuePair<string, long> count in counts)
            {
                AdditionalPropertiesDictionary<long> totals = total.AdditionalCounts ??= [];
                totals[count.Key] = Sum(totals.TryGetValue(count.Key, out long sum) ? sum : null, count.Value)!.Value;
            }
        }

        return total;
    }

    /// <summary>The sum of two optional counts; <see langword="null"/> when both are.</summary>
    /// <exception cref="OpenRouterException">The sum does not fit a 64-bit count.</exception>
    private static long? Sum(long? a, long? b)
    {
        if (a is null && b is null)
        {
            return null;
        }

        try
        {
            return checked((a ?? 0) + (b ?? 0));
        }
        catch (OverflowException ex)
        {
            throw Failures.MalformedResponse(new OverflowException($"The usage counts {a} and {b} add up beyond a 64-bit count.", ex), generationId: null);
        }
    }

    private static void AddCount(UsageDetails details, string key, long? value)
    {
        if (value is { } count)
        {
            (details.AdditionalCounts ??= [])[key] = count;
        }
    }
}
