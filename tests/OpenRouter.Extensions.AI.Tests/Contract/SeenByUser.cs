using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// What a user reads off a <see cref="ChatResponse"/>, as one JSON object in the same shape as <see cref="WireOracle.Expect"/>,
/// so the two compare as strings (and a failure shows both). Annotations and images are listed in message order, whatever
/// content carries them: MEAI's <c>ToChatResponseAsync()</c> never merges an annotated <see cref="TextContent"/> into its
/// neighbours, so a streamed citation stays on the (empty) text of the chunk that brought it.
/// </summary>
internal static class SeenByUser
{
    public static JsonObject Of(ChatResponse response)
    {
        IList<AIContent> contents = [.. response.Messages.SelectMany(m => m.Contents)];
        var details = new JsonArray();
        bool anyDetails = false;
        foreach (TextReasoningContent reasoning in contents.OfType<TextReasoningContent>())
        {
            if (reasoning.ProtectedData is { } data)
            {
                anyDetails = true;
                foreach (JsonNode? item in JsonNode.Parse(data)!.AsArray())
                {
                    details.Add(item!.DeepClone());
                }
            }
        }

        var annotations = new JsonArray();
        var images = new JsonArray();
        foreach (AIContent content in contents)
        {
            foreach (AIAnnotation annotation in content.Annotations ?? [])
            {
                annotations.Add(annotation is CitationAnnotation citation
                    ? Citation(
                        citation.Url?.OriginalString ?? string.Empty,
                        citation.Title,
                        citation.Snippet,
                        citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().SingleOrDefault()?.StartIndex,
                        citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().SingleOrDefault()?.EndIndex)
                    : OtherAnnotation(
                        annotation.AdditionalProperties?["type"] as string,
                        annotation.AdditionalProperties?.TryGetValue("file", out object? file) == true ? JsonSerializer.SerializeToNode(file, AIJsonUtilities.DefaultOptions) : null));
            }

            if (content is DataContent image)
            {
                images.Add(Image(image.MediaType, image.Data.Length));
            }
        }

        UsageDetails? u = response.Usage;
        AdditionalPropertiesDictionary? properties = response.Messages.LastOrDefault()?.AdditionalProperties;
        return View(
            text: string.Concat(contents.OfType<TextContent>().Select(t => t.Text)),
            reasoning: string.Concat(contents.OfType<TextReasoningContent>().Select(t => t.Text)),
            reasoningDetails: anyDetails ? Canonical(details) : null,
            toolCalls: [.. contents.OfType<FunctionCallContent>().Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.CallId,
                ["name"] = c.Name,
                ["arguments"] = Canonical(JsonSerializer.SerializeToNode(c.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions)),
            })],
            annotations: annotations,
            images: images,
            refusal: string.Concat(contents.OfType<ErrorContent>().Where(e => e.ErrorCode == "Refusal").Select(e => e.Message)),
            finishReason: response.FinishReason?.Value,
            usage: u is null ? null : new JsonObject
            {
                ["input"] = u.InputTokenCount,
                ["output"] = u.OutputTokenCount,
                ["total"] = u.TotalTokenCount,
                ["cached"] = u.CachedInputTokenCount,
                ["reasoning"] = u.ReasoningTokenCount,
                ["cache_write"] = Extra(u, OpenRouterUsageCounts.CacheWriteTokens),
#pragma warning disable MEAI001 // experimental counts: the typed home of audio tokens
                ["input_audio"] = u.InputAudioTokenCount,
                ["output_audio"] = u.OutputAudioTokenCount,
#pragma warning restore MEAI001
                ["output_image"] = Extra(u, OpenRouterUsageCounts.OutputImageTokens),
                ["input_video"] = Extra(u, OpenRouterUsageCounts.InputVideoTokens),
                ["web_search_requests"] = Extra(u, OpenRouterUsageCounts.WebSearchRequests),
            },
            cost: response.GetOpenRouterCost(),
            responseId: response.ResponseId,
            modelId: response.ModelId,
            provider: properties?.TryGetValue(OpenRouterResponseProperties.Provider, out object? provider) == true ? (string?)provider : null);
    }

    public static JsonObject View(
        string text, string reasoning, JsonNode? reasoningDetails, JsonArray toolCalls, JsonArray annotations, JsonArray images, string refusal,
        string? finishReason, JsonObject? usage, decimal? cost, string? responseId, string? modelId, string? provider) => new()
        {
            ["text"] = text,
            ["reasoning"] = reasoning,
            ["reasoning_details"] = reasoningDetails,
            ["tool_calls"] = toolCalls,
            ["annotations"] = annotations,
            ["images"] = images,
            ["refusal"] = refusal,
            ["finish_reason"] = finishReason,
            ["usage"] = usage,
            ["cost"] = cost,
            ["response_id"] = responseId,
            ["model_id"] = modelId,
            ["provider"] = provider,
        };

    public static JsonObject Citation(string url, string? title, string? snippet, long? start, long? end) => new()
    {
        ["kind"] = "citation",
        ["url"] = url,
        ["title"] = title,
        ["snippet"] = snippet,
        ["start"] = start,
        ["end"] = end,
    };

    public static JsonObject OtherAnnotation(string? type, JsonNode? file) => new()
    {
        ["kind"] = type,
        ["file"] = Canonical(file),
    };

    public static JsonObject Image(string mediaType, int bytes) => new() { ["media_type"] = mediaType, ["bytes"] = bytes };

    /// <summary>JSON with object members sorted and <c>null</c> members left out, so equal data compares equal.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null && p.Value.GetValueKind() != JsonValueKind.Null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node?.DeepClone(),
    };

    /// <summary>Indented JSON, for an assertion message that shows where two views differ.</summary>
    public static string Show(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static long? Extra(UsageDetails usage, string key) =>
        usage.AdditionalCounts is { } counts && counts.TryGetValue(key, out long value) ? value : null;
}
