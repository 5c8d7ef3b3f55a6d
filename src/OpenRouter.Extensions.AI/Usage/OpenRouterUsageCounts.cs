namespace OpenRouter.Extensions.AI;

/// <summary>
/// Keys of <c>UsageDetails.AdditionalCounts</c> for OpenRouter's token and tool counts that have no property of their own
/// on <c>Microsoft.Extensions.AI.UsageDetails</c>. Audio and text token counts go to <c>InputAudioTokenCount</c>,
/// <c>OutputAudioTokenCount</c>, <c>InputTextTokenCount</c> and <c>OutputTextTokenCount</c>; cached and reasoning tokens to
/// <c>CachedInputTokenCount</c> and <c>ReasoningTokenCount</c>.
/// </summary>
public static class OpenRouterUsageCounts
{
    /// <summary>Prompt tokens written to the provider's prompt cache; from <c>usage.prompt_tokens_details.cache_write_tokens</c>.</summary>
    public const string CacheWriteTokens = "cache_write_tokens";

    /// <summary>Prompt tokens spent on images; from <c>usage.prompt_tokens_details.image_tokens</c>.</summary>
    public const string InputImageTokens = "input_image_tokens";

    /// <summary>Prompt tokens spent on video; from <c>usage.prompt_tokens_details.video_tokens</c>.</summary>
    public const string InputVideoTokens = "input_video_tokens";

    /// <summary>Completion tokens spent on generated images; from <c>usage.completion_tokens_details.image_tokens</c>.</summary>
    public const string OutputImageTokens = "output_image_tokens";

    /// <summary>Web searches OpenRouter ran for the request; from <c>usage.server_tool_use_details.web_search_requests</c>.</summary>
    public const string WebSearchRequests = "web_search_requests";

    /// <summary>Server-side tool calls the model requested; from <c>usage.server_tool_use_details.tool_calls_requested</c>.</summary>
    public const string ToolCallsRequested = "tool_calls_requested";

    /// <summary>Server-side tool calls OpenRouter ran; from <c>usage.server_tool_use_details.tool_calls_executed</c>.</summary>
    public const string ToolCallsExecuted = "tool_calls_executed";
}
