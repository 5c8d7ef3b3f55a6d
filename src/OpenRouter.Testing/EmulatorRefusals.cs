using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// What OpenRouter refuses before any model runs, with its status codes and messages: a request without messages, a model id
/// it does not know, function tools (or a forced <c>tool_choice</c>, or image/audio/video input) for a model whose catalog
/// entry lacks them, and, with <c>provider.require_parameters</c>, any parameter the model does not list. Checked against
/// the catalog the emulator serves; <see cref="OpenRouterEmulatorOptions.Lenient"/> turns the checks off.
/// </summary>
internal sealed class EmulatorRefusals
{
    /// <summary>OpenRouter's answer (401) to a request without an <c>Authorization</c> header.</summary>
    public const string NoCredentials = "No auth credentials found";

    /// <summary>OpenRouter's answer (401) to a key it does not know.</summary>
    public const string UnknownKey = "User not found.";

    /// <summary>OpenRouter's answer (400) to a chat request with neither <c>messages</c> nor <c>prompt</c>.</summary>
    public const string NoInput = "Input required: specify \"prompt\" or \"messages\"";

    private const string RoutingHint = " To learn more about provider routing, visit: https://openrouter.ai/docs/guides/routing/provider-selection";

    /// <summary>Routing variants that select among a model's providers; the model id before them is the one looked up.</summary>
    private static readonly string[] RoutingSuffixes = [":nitro", ":floor", ":online", ":exacto"];

    /// <summary>Request members that are model parameters (<c>supported_parameters</c> names), checked when parameters are required.</summary>
    private static readonly string[] Parameters =
    [
        "temperature", "top_p", "top_k", "top_a", "min_p", "frequency_penalty", "presence_penalty", "repetition_penalty", "seed",
        "max_tokens", "max_completion_tokens", "stop", "logit_bias", "logprobs", "top_logprobs", "response_format", "tools",
        "tool_choice", "parallel_tool_calls", "reasoning", "include_reasoning", "web_search_options", "verbosity",
    ];

    private readonly Dictionary<string, JsonElement> _models = new(StringComparer.Ordinal);

    /// <summary>Indexes the catalog by id and by canonical slug (the first entry wins).</summary>
    public EmulatorRefusals(JsonDocument catalog)
    {
        if (catalog.RootElement.ValueKind != JsonValueKind.Object || !catalog.RootElement.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement model in data.EnumerateArray())
        {
            foreach (string member in (string[])["id", "canonical_slug"])
            {
                if (model.ValueKind == JsonValueKind.Object && model.TryGetProperty(member, out JsonElement id) && id.ValueKind == JsonValueKind.String)
                {
                    _models.TryAdd(id.GetString()!, model);
                }
            }
        }
    }

    /// <summary>Why OpenRouter would refuse this chat request, or <see langword="null"/> when it would accept it.</summary>
    /// <param name="body">The parsed request body (a JSON object).</param>
    public (int Status, string Message)? Chat(JsonObject body)
    {
        if (body["prompt"] is null && body["messages"] is not JsonArray { Count: > 0 })
        {
            return (400, NoInput);
        }

        if (UnknownModel(body, out List<JsonElement> models) is { } unknown)
        {
            return unknown;
        }

        // Without a model (OpenRouter then uses the account's default) there is no catalog entry to check against.
        if (models.Count == 0)
        {
            return null;
        }

        // With fallbacks, OpenRouter routes to any listed model that can serve the request.
        (int, string)? first = null;
        foreach (JsonElement model in models)
        {
            if (Unsupported(body, model) is not { } refusal)
            {
                return null;
            }

            first ??= refusal;
        }

        return first;
    }

    /// <summary>Why OpenRouter would refuse the <c>model</c> of an embeddings or images request, or <see langword="null"/>.</summary>
    /// <param name="model">The requested model id.</param>
    public (int Status, string Message)? Model(string model) => Find(model) is null ? (400, NotAModel(model)) : null;

    private (int, string)? UnknownModel(JsonObject body, out List<JsonElement> models)
    {
        models = [];
        IEnumerable<JsonNode?> ids = body["models"] is JsonArray fallbacks ? fallbacks : [];
        foreach (JsonNode? node in body["model"] is { } primary ? ids.Prepend(primary) : ids)
        {
            string id = Text(node) ?? node?.ToJsonString() ?? "null";
            if (Find(id) is not { } model)
            {
                return (400, NotAModel(id));
            }

            models.Add(model);
        }

        return null;
    }

    private JsonElement? Find(string id)
    {
        if (_models.TryGetValue(id, out JsonElement model))
        {
            return model;
        }

        foreach (string suffix in RoutingSuffixes)
        {
            if (id.EndsWith(suffix, StringComparison.Ordinal) && _models.TryGetValue(id[..^suffix.Length], out model))
            {
                return model;
            }
        }

        return null;
    }

    private static (int, string)? Unsupported(JsonObject body, JsonElement model)
    {
        HashSet<string> supported = Strings(model, "supported_parameters");
        if (body["tools"] is JsonArray tools && tools.Any(t => Text(t?["type"]) is null or "function") && !supported.Contains("tools"))
        {
            return (404, "No endpoints found that support tool use." + RoutingHint);
        }

        if (body["tool_choice"] is { } choice && !(choice is JsonValue v && v.TryGetValue(out string? mode) && mode is "auto" or "none") && !supported.Contains("tool_choice"))
        {
            return (404, "No endpoints found that support the provided 'tool_choice' value." + RoutingHint);
        }

        HashSet<string> inputs = model.TryGetProperty("architecture", out JsonElement architecture) ? Strings(architecture, "input_modalities") : [];
        foreach ((string part, string modality) in (ReadOnlySpan<(string, string)>)[("image_url", "image"), ("input_audio", "audio"), ("input_video", "video"), ("video_url", "video")])
        {
            if (!inputs.Contains(modality) && ContentParts(body).Any(p => Text(p["type"]) == part))
            {
                return (404, $"No endpoints found that support {modality} input." + RoutingHint);
            }
        }

        bool required = body["provider"] is JsonObject provider && provider["require_parameters"] is JsonValue r && r.TryGetValue(out bool on) && on;
        if (required && Parameters.Any(p => body[p] is not null && !supported.Contains(RequiredParameter(body, p))))
        {
            return (404, "No endpoints found that can handle the requested parameters." + RoutingHint);
        }

        return null;
    }

    /// <summary>The <c>supported_parameters</c> name a request member needs: a JSON schema needs <c>structured_outputs</c>.</summary>
    private static string RequiredParameter(JsonObject body, string member) =>
        member == "response_format" && Text(body["response_format"]?["type"]) == "json_schema" ? "structured_outputs" : member;

    private static IEnumerable<JsonObject> ContentParts(JsonObject body) =>
        (body["messages"] as JsonArray ?? []).OfType<JsonObject>().Select(m => m["content"]).OfType<JsonArray>().SelectMany(parts => parts.OfType<JsonObject>());

    private static HashSet<string> Strings(JsonElement element, string member) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(member, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static string NotAModel(string id) => $"{id} is not a valid model ID";
}
