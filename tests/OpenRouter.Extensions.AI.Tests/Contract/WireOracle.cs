using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// What a user must get from an OpenRouter response, computed from its bytes with <see cref="JsonNode"/> and written
/// independently of the client: the expectation of the contract tests. A stream is first folded into the
/// <c>chat.completion</c> OpenRouter would have sent without streaming (<see cref="Fold"/>), by the documented rules: text,
/// reasoning and refusal concatenate; tool-call fragments join by index (a different id starts a new call);
/// <c>reasoning_details</c> pieces join when index and type agree and ids do not conflict; annotations and images collect.
/// </summary>
internal static class WireOracle
{
    /// <summary>The data of every event of an SSE body, up to <c>[DONE]</c>, parsed.</summary>
    public static List<JsonObject> Chunks(string sse)
    {
        var chunks = new List<JsonObject>();
        var data = new StringBuilder();
        foreach (string line in sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Append(string.Empty))
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    string payload = data.ToString();
                    data.Clear();
                    if (payload == "[DONE]")
                    {
                        break;
                    }

                    chunks.Add(JsonNode.Parse(payload)!.AsObject());
                }
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(line.AsSpan(line.StartsWith("data: ", StringComparison.Ordinal) ? 6 : 5));
            }
        }

        return chunks;
    }

    /// <summary>Folds stream chunks into the equivalent <c>chat.completion</c> body.</summary>
    public static JsonObject Fold(IEnumerable<JsonObject> chunks)
    {
        var root = new JsonObject { ["object"] = "chat.completion" };
        var message = new JsonObject { ["role"] = "assistant" };
        var choice = new JsonObject { ["index"] = 0, ["message"] = message };
        var content = new StringBuilder();
        var reasoning = new StringBuilder();
        var refusal = new StringBuilder();
        var details = new List<JsonObject>();
        var calls = new List<JsonObject>();
        var annotations = new JsonArray();
        var images = new JsonArray();
        foreach (JsonObject chunk in chunks)
        {
            foreach (string key in new[] { "id", "model", "provider", "created", "system_fingerprint", "service_tier", "usage", "error" })
            {
                if (chunk[key] is { } value && value.GetValueKind() != JsonValueKind.Null)
                {
                    root[key] = value.DeepClone();
                }
            }

            if (chunk["choices"] is not JsonArray { Count: > 0 } choices)
            {
                continue;
            }

            JsonObject c = choices[0]!.AsObject();
            foreach (string key in new[] { "finish_reason", "native_finish_reason" })
            {
                if (c[key] is { } value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace((string?)value))
                {
                    choice[key] = value.DeepClone();
                }
            }

            if (c["delta"] is not JsonObject delta)
            {
                continue;
            }

            content.Append(Str(delta["content"]));
            reasoning.Append(Str(delta["reasoning"]));
            refusal.Append(Str(delta["refusal"]));
            foreach (JsonNode? piece in delta["reasoning_details"] as JsonArray ?? [])
            {
                MergeDetail(details, piece!.AsObject());
            }

            foreach (JsonNode? fragment in delta["tool_calls"] as JsonArray ?? [])
            {
                MergeCall(calls, fragment!.AsObject());
            }

            foreach (JsonNode? annotation in delta["annotations"] as JsonArray ?? [])
            {
                annotations.Add(annotation!.DeepClone());
            }

            foreach (JsonNode? image in delta["images"] as JsonArray ?? [])
            {
                images.Add(image!.DeepClone());
            }
        }

        message["content"] = content.ToString();
        message["reasoning"] = reasoning.Length > 0 ? reasoning.ToString() : null;
        message["refusal"] = refusal.Length > 0 ? refusal.ToString() : null;
        if (details.Count > 0)
        {
            message["reasoning_details"] = new JsonArray([.. details]);
        }

        if (calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. calls]);
        }

        if (annotations.Count > 0)
        {
            message["annotations"] = annotations;
        }

        if (images.Count > 0)
        {
            message["images"] = images;
        }

        root["choices"] = new JsonArray(choice);
        return root;
    }

    /// <summary>The user's view of a <c>chat.completion</c> body (see <see cref="SeenByUser"/> for the client's side).</summary>
    public static JsonObject Expect(JsonObject completion)
    {
        JsonObject? choice = (completion["choices"] as JsonArray)?.FirstOrDefault()?.AsObject();
        JsonObject message = choice?["message"] as JsonObject ?? [];
        JsonArray? details = message["reasoning_details"] as JsonArray;
        string reasoning = Str(message["reasoning"]) is { Length: > 0 } r
            ? r
            : string.Concat((details ?? []).Select(d => Str(d!["text"]) is { Length: > 0 } t ? t : Str(d!["summary"])));

        var calls = new JsonArray();
        foreach (JsonNode? call in message["tool_calls"] as JsonArray ?? [])
        {
            string arguments = Str(call!["function"]?["arguments"]);
            calls.Add(new JsonObject
            {
                ["id"] = Str(call["id"]),
                ["name"] = Str(call["function"]?["name"]),
                ["arguments"] = SeenByUser.Canonical(JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments)),
            });
        }

        var annotations = new JsonArray();
        foreach (JsonNode? annotation in message["annotations"] as JsonArray ?? [])
        {
            if (annotation!["url_citation"] is JsonObject citation)
            {
                long start = (long?)citation["start_index"] ?? 0;
                long end = (long?)citation["end_index"] ?? 0;
                annotations.Add(SeenByUser.Citation(Str(citation["url"]), (string?)citation["title"], (string?)citation["content"], end > start ? start : null, end > start ? end : null));
            }
            else
            {
                annotations.Add(SeenByUser.OtherAnnotation((string?)annotation["type"], annotation["file"]));
            }
        }

        var images = new JsonArray();
        foreach (JsonNode? image in message["images"] as JsonArray ?? [])
        {
            string url = Str(image!["image_url"]?["url"]);
            int comma = url.IndexOf(',', StringComparison.Ordinal);
            string mediaType = url[5..url.IndexOf(';', StringComparison.Ordinal)];
            images.Add(SeenByUser.Image(mediaType, Convert.FromBase64String(url[(comma + 1)..]).Length));
        }

        JsonObject? usage = completion["usage"] as JsonObject;
        string? finish = (string?)choice?["finish_reason"];
        return SeenByUser.View(
            text: Str(message["content"]),
            reasoning: reasoning,
            reasoningDetails: details is null ? null : SeenByUser.Canonical(details),
            toolCalls: calls,
            annotations: annotations,
            images: images,
            refusal: Str(message["refusal"]),
            finishReason: string.IsNullOrWhiteSpace(finish) ? null : finish,
            usage: usage is null ? null : new JsonObject
            {
                ["input"] = Count(usage["prompt_tokens"]),
                ["output"] = Count(usage["completion_tokens"]),
                ["total"] = Count(usage["total_tokens"]),
                ["cached"] = Count(usage["prompt_tokens_details"]?["cached_tokens"]),
                ["reasoning"] = Count(usage["completion_tokens_details"]?["reasoning_tokens"]),
                ["cache_write"] = Count(usage["prompt_tokens_details"]?["cache_write_tokens"]),
                ["input_audio"] = Count(usage["prompt_tokens_details"]?["audio_tokens"]),
                ["output_audio"] = Count(usage["completion_tokens_details"]?["audio_tokens"]),
                ["output_image"] = Count(usage["completion_tokens_details"]?["image_tokens"]),
                ["input_video"] = Count(usage["prompt_tokens_details"]?["video_tokens"]),
                ["web_search_requests"] = Count(usage["server_tool_use_details"]?["web_search_requests"]),
            },
            // The cost is kept to the pico-dollar (OpenRouterCostExtensions), which every real amount fits.
            cost: usage?["cost"] is JsonValue cost ? Picodollars(decimal.Parse(cost.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)) : null,
            responseId: (string?)completion["id"],
            modelId: (string?)completion["model"],
            provider: (string?)completion["provider"]);
    }

    private static void MergeDetail(List<JsonObject> details, JsonObject piece)
    {
        JsonObject? target = details.LastOrDefault(d =>
            piece["index"] is { } index && JsonNode.DeepEquals(d["index"], index) &&
            (string?)d["type"] == (string?)piece["type"] &&
            (piece["id"] is null || d["id"] is null || (string?)d["id"] == (string?)piece["id"]));
        if (target is null)
        {
            details.Add(piece.DeepClone().AsObject());
            return;
        }

        foreach (KeyValuePair<string, JsonNode?> member in piece)
        {
            if (member.Key is "text" or "summary" or "data")
            {
                target[member.Key] = Str(target[member.Key]) + Str(member.Value);
            }
            else if (member.Value is not null && member.Value.GetValueKind() != JsonValueKind.Null)
            {
                target[member.Key] = member.Value.DeepClone();
            }
            else if (!target.ContainsKey(member.Key))
            {
                target[member.Key] = null;
            }
        }
    }

    private static void MergeCall(List<JsonObject> calls, JsonObject fragment)
    {
        long index = (long?)fragment["index"] ?? 0;
        string? id = (string?)fragment["id"];
        JsonObject? call = calls.LastOrDefault(c => (long)c["index"]! == index);
        if (call is null || (id is not null && (string?)call["id"] is { } known && known != id))
        {
            call = new JsonObject { ["index"] = index, ["id"] = id, ["function"] = new JsonObject { ["name"] = null, ["arguments"] = string.Empty } };
            calls.Add(call);
        }

        call["id"] ??= id;
        JsonObject function = call["function"]!.AsObject();
        function["name"] ??= fragment["function"]?["name"]?.DeepClone();
        function["arguments"] = Str(function["arguments"]) + Str(fragment["function"]?["arguments"]);
    }

    private static string Str(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : string.Empty;

    private static long? Count(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? (long)value.GetValue<double>() : null;

    /// <summary>An amount rounded to the pico-dollar, without trailing zeros (as the client reports it).</summary>
    private static decimal Picodollars(decimal dollars) => decimal.Round(dollars, 12, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;
}
