using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// A condition of <c>stop_server_tools_when</c>: when any condition fires, OpenRouter stops its loop of server-tool calls and the
/// model answers with what it has. Set them with <see cref="OpenRouterChatOptionsExtensions.WithStopServerToolsWhen"/>.
/// </summary>
public sealed class OpenRouterStopCondition
{
    private OpenRouterStopCondition(string type) => Type = type;

    /// <summary>Gets <c>type</c>: <c>step_count_is</c>, <c>has_tool_call</c>, <c>max_tokens_used</c>, <c>max_cost</c> or <c>finish_reason_is</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; }

    /// <summary>Gets <c>step_count</c> (<c>step_count_is</c>).</summary>
    [JsonPropertyName("step_count")]
    public int? StepCount { get; private init; }

    /// <summary>Gets <c>tool_name</c> (<c>has_tool_call</c>).</summary>
    [JsonPropertyName("tool_name")]
    public string? ToolName { get; private init; }

    /// <summary>Gets <c>max_tokens</c> (<c>max_tokens_used</c>).</summary>
    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; private init; }

    /// <summary>Gets <c>max_cost_in_dollars</c> (<c>max_cost</c>).</summary>
    [JsonPropertyName("max_cost_in_dollars")]
    public decimal? MaxCostInDollars { get; private init; }

    /// <summary>Gets <c>reason</c> (<c>finish_reason_is</c>).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; private init; }

    /// <summary>Stops after this many server-tool steps.</summary>
    /// <param name="steps">The number of steps.</param>
    /// <returns>The condition.</returns>
    public static OpenRouterStopCondition StepCountIs(int steps) => new("step_count_is") { StepCount = steps };

    /// <summary>Stops once a tool with this name has been called.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The condition.</returns>
    public static OpenRouterStopCondition HasToolCall(string toolName) => new("has_tool_call") { ToolName = toolName };

    /// <summary>Stops once the loop has used this many tokens.</summary>
    /// <param name="maxTokens">The token budget.</param>
    /// <returns>The condition.</returns>
    public static OpenRouterStopCondition MaxTokensUsed(int maxTokens) => new("max_tokens_used") { MaxTokens = maxTokens };

    /// <summary>Stops once the loop has cost this much, in US dollars.</summary>
    /// <param name="dollars">The spending cap.</param>
    /// <returns>The condition.</returns>
    public static OpenRouterStopCondition MaxCost(decimal dollars) => new("max_cost") { MaxCostInDollars = dollars };

    /// <summary>Stops when the model finishes with this reason (e.g. <c>length</c>).</summary>
    /// <param name="reason">The finish reason.</param>
    /// <returns>The condition.</returns>
    public static OpenRouterStopCondition FinishReasonIs(string reason) => new("finish_reason_is") { Reason = reason };
}
