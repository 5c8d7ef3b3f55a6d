using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// The generations an <see cref="OpenRouterEmulator"/> answered, with the cost it reported for each, served as OpenRouter's
/// <c>GET /generation?id=</c> (the <c>GenerationResponse</c> shape) and summed into <c>GET /credits</c>.
/// </summary>
internal sealed class EmulatorGenerations
{
    private readonly ConcurrentDictionary<string, JsonObject> _generations = new(StringComparer.Ordinal);
    private readonly Lock _usageLock = new();
    private decimal _totalUsage;

    /// <summary>Remembers a completion that is about to be written.</summary>
    public void Record(CompletionPlan plan, bool streamed)
    {
        EmulatorUsage usage = plan.Usage;
        var data = new JsonObject
        {
            ["id"] = plan.Id,
            ["total_cost"] = usage.Cost,
            ["usage"] = usage.Cost,
            ["upstream_inference_cost"] = null,
            ["cache_discount"] = null,
            ["created_at"] = DateTimeOffset.FromUnixTimeSeconds(plan.Created).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            ["model"] = plan.Model,
            ["provider_name"] = plan.Provider,
            ["api_type"] = "completions",
            ["streamed"] = streamed,
            ["cancelled"] = false,
            ["is_byok"] = usage.IsByok,
            ["finish_reason"] = plan.FinishReason,
            ["native_finish_reason"] = plan.NativeFinishReason,
            ["tokens_prompt"] = usage.PromptTokens,
            ["tokens_completion"] = usage.CompletionTokens,
            ["native_tokens_prompt"] = usage.PromptTokens,
            ["native_tokens_completion"] = usage.CompletionTokens,
            ["native_tokens_reasoning"] = usage.ReasoningTokens,
            ["native_tokens_cached"] = usage.CachedTokens,
            ["native_tokens_completion_images"] = 0,
            ["latency"] = 0,
            ["generation_time"] = 0,
            ["moderation_latency"] = null,
            ["num_media_prompt"] = 0,
            ["num_input_audio_prompt"] = 0,
            ["num_media_completion"] = 0,
            ["num_search_results"] = 0,
            ["num_fetches"] = 0,
            ["upstream_id"] = null,
            ["data_region"] = "global",
        };
        if (_generations.TryAdd(plan.Id, data))
        {
            lock (_usageLock)
            {
                _totalUsage += usage.Cost;
            }
        }
    }

    /// <summary>The answer to <c>GET /generation?id=</c>: 200 with the stats, 400 without an id, 404 for an id the emulator did not answer.</summary>
    public (int Status, string Json) Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return (400, Error(400, "Missing required query parameter: id"));
        }

        return _generations.TryGetValue(id, out JsonObject? data)
            ? (200, new JsonObject { ["data"] = data.DeepClone() }.ToJsonString(WireFormat.JsonOptions))
            : (404, Error(404, $"Generation {id} not found"));
    }

    /// <summary>The answer to <c>GET /credits</c>: the configured credits and the sum of the costs reported so far.</summary>
    public string Credits(decimal totalCredits)
    {
        decimal used;
        lock (_usageLock)
        {
            used = _totalUsage;
        }

        return new JsonObject { ["data"] = new JsonObject { ["total_credits"] = totalCredits, ["total_usage"] = used } }.ToJsonString(WireFormat.JsonOptions);
    }

    private static string Error(int code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(WireFormat.JsonOptions);
}
