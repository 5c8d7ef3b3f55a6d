using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpenRouter.Testing;

/// <summary>
/// The deterministic default answers of the emulator. Every answer says it comes from the emulator; it never pretends
/// to be a real model.
/// </summary>
internal static partial class DemoScript
{
    public const string Prefix = "[OpenRouter emulator]";

    internal static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "what", "whats", "what's", "is", "are", "was", "were", "a", "an", "of", "to", "in",
        "on", "at", "by", "me", "my", "you", "your", "please", "can", "could", "would", "should", "tell", "give", "get",
        "it", "its", "this", "that", "how", "who", "when", "where", "which", "do", "does", "did", "i", "we", "us", "be",
        "from", "about", "some", "any", "now", "today", "set", "use", "call", "current", "like", "also", "then", "there",
    };

    public static EmulatorCompletion Answer(JsonNode body)
    {
        JsonArray messages = body["messages"] as JsonArray ?? [];
        int lastUser = -1;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (Role(messages[i]) == "user")
            {
                lastUser = i;
                break;
            }
        }

        string prompt = lastUser >= 0 ? TextOf(messages[lastUser]?["content"]) : string.Empty;
        EmulatorCompletion completion = AnswerContent(body, messages, lastUser, prompt);

        if (WantsReasoning(body) && completion.ToolCalls.Count == 0)
        {
            string reasoning = $"{Prefix} Reasoning (demo): the emulator does not think; it read the last user message ({CountWordsLabel(prompt)}) and chose a scripted answer.";
            completion = completion.WithReasoning(
                reasoning,
                EmulatorReasoningDetail.FromText(reasoning, signature: "emulator-signature", format: "unknown", index: 0));
        }

        return completion;
    }

    public static int EstimatePromptTokens(JsonNode? body)
    {
        if (body?["messages"] is not JsonArray messages)
        {
            return 1;
        }

        int tokens = 0;
        foreach (JsonNode? message in messages)
        {
            tokens += 3 + WireFormat.CountWords(TextOf(message?["content"]));
        }

        if (body["tools"] is JsonArray tools)
        {
            tokens += WireFormat.CountWords(tools.ToJsonString(WireFormat.JsonOptions).Replace(",", " ", StringComparison.Ordinal));
        }

        return Math.Max(1, tokens);
    }

    private static EmulatorCompletion AnswerContent(JsonNode body, JsonArray messages, int lastUser, string prompt)
    {
        // Tool results after the last user message: answer from them.
        var results = new List<string>();
        for (int i = Math.Max(lastUser + 1, 0); i < messages.Count; i++)
        {
            if (Role(messages[i]) == "tool")
            {
                string? callId = messages[i]?["tool_call_id"]?.GetValue<string>();
                string name = FindToolName(messages, i, callId) ?? "tool";
                results.Add($"{name}: {TextOf(messages[i]?["content"])}");
            }
        }

        if (results.Count > 0)
        {
            return EmulatorResponse.Text($"{Prefix} Based on {string.Join("; ", results)}");
        }

        if (body["tools"] is JsonArray { Count: > 0 } tools && ChooseTool(tools, body["tool_choice"], prompt) is { } tool)
        {
            string name = tool["name"]?.GetValue<string>() ?? "tool";
            JsonNode arguments = SchemaInstance.Generate(tool["parameters"], prompt, forToolArguments: true) ?? new JsonObject();
            if (arguments is not JsonObject)
            {
                arguments = new JsonObject();
            }

            string id = string.Create(CultureInfo.InvariantCulture, $"call_emulator_{messages.Count}_0");
            return EmulatorResponse.ToolCall(name, arguments.ToJsonString(WireFormat.JsonOptions), id);
        }

        JsonNode? format = body["response_format"];
        string? formatType = format?["type"] is JsonValue t && t.TryGetValue(out string? ft) ? ft : null;
        if (formatType == "json_schema")
        {
            JsonNode? schema = format?["json_schema"]?["schema"];
            JsonNode instance = SchemaInstance.Generate(schema, prompt, forToolArguments: false) ?? new JsonObject();
            return EmulatorResponse.Text(instance.ToJsonString(WireFormat.JsonOptions));
        }

        if (formatType == "json_object")
        {
            return EmulatorResponse.Text(new JsonObject
            {
                ["source"] = "OpenRouter emulator",
                ["answer"] = prompt.Length > 0 ? $"You said: {prompt}" : "Hello from the OpenRouter emulator.",
            }.ToJsonString(WireFormat.JsonOptions));
        }

        if (lastUser < 0)
        {
            return EmulatorResponse.Text($"{Prefix} Hello! Send a user message and the emulator will echo it.");
        }

        return EmulatorResponse.Text($"{Prefix} You said: {prompt}");
    }

    private static JsonObject? ChooseTool(JsonArray tools, JsonNode? toolChoice, string prompt)
    {
        var functions = tools.Select(t => t?["function"] as JsonObject).OfType<JsonObject>().ToList();
        if (functions.Count == 0)
        {
            return null;
        }

        string? choice = toolChoice is JsonValue v && v.TryGetValue(out string? c) ? c : null;
        if (choice == "none")
        {
            return null;
        }

        // tool_choice is "auto"/"none"/"required" or {"type":"function","function":{"name":…}}; only an object has a name.
        if (toolChoice is JsonObject && toolChoice["function"]?["name"] is JsonValue named && named.TryGetValue(out string? forced))
        {
            return functions.FirstOrDefault(f => f["name"]?.GetValue<string>() == forced);
        }

        var promptWords = Words(prompt).Where(w => !StopWords.Contains(w)).Select(Stem).ToHashSet(StringComparer.OrdinalIgnoreCase);
        JsonObject? best = null;
        int bestScore = 0;
        foreach (JsonObject function in functions)
        {
            string name = function["name"]?.GetValue<string>() ?? string.Empty;
            string description = function["description"] is JsonValue d && d.TryGetValue(out string? text) ? text : string.Empty;
            int score = 0;
            foreach (string word in Words(SplitIdentifier(name)).Select(Stem).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!StopWords.Contains(word) && promptWords.Contains(word))
                {
                    score += 3;
                }
            }

            foreach (string word in Words(description).Where(w => !StopWords.Contains(w)).Select(Stem).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (promptWords.Contains(word))
                {
                    score += 1;
                }
            }

            if (score > bestScore)
            {
                best = function;
                bestScore = score;
            }
        }

        return best ?? (choice == "required" ? functions[0] : null);
    }

    private static string? FindToolName(JsonArray messages, int toolIndex, string? callId)
    {
        for (int i = toolIndex - 1; i >= 0; i--)
        {
            if (Role(messages[i]) == "assistant" && messages[i]?["tool_calls"] is JsonArray calls)
            {
                foreach (JsonNode? call in calls)
                {
                    if (callId is null || call?["id"]?.GetValue<string>() == callId)
                    {
                        return call?["function"]?["name"]?.GetValue<string>();
                    }
                }
            }
        }

        return null;
    }

    private static bool WantsReasoning(JsonNode body)
    {
        if (body["reasoning"] is JsonObject reasoning)
        {
            if (reasoning["exclude"] is JsonValue exclude && exclude.TryGetValue(out bool excluded) && excluded)
            {
                return false;
            }

            if (reasoning["enabled"] is JsonValue enabled && enabled.TryGetValue(out bool on) && !on)
            {
                return false;
            }

            return !(reasoning["effort"] is JsonValue effort && effort.TryGetValue(out string? e) && e == "none");
        }

        return body["include_reasoning"] is JsonValue include && include.TryGetValue(out bool yes) && yes;
    }

    private static string CountWordsLabel(string prompt)
    {
        int words = WireFormat.CountWords(prompt);
        return words == 1 ? "1 word" : string.Create(CultureInfo.InvariantCulture, $"{words} words");
    }

    internal static string? Role(JsonNode? message) =>
        message?["role"] is JsonValue role && role.TryGetValue(out string? value) ? value : null;

    /// <summary>The text of a message content: a string, or the text parts of a content array.</summary>
    internal static string TextOf(JsonNode? content)
    {
        switch (content)
        {
            case JsonValue value when value.TryGetValue(out string? text):
                return text;
            case JsonArray parts:
                var builder = new StringBuilder();
                foreach (JsonNode? part in parts)
                {
                    if (part?["text"] is JsonValue t && t.TryGetValue(out string? piece))
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append(' ');
                        }

                        builder.Append(piece);
                    }
                }

                return builder.ToString();
            case null:
                return string.Empty;
            default:
                return content.ToJsonString(WireFormat.JsonOptions);
        }
    }

    internal static IEnumerable<string> Words(string text) => WordRegex().Matches(text).Select(m => m.Value.ToLowerInvariant());

    private static string SplitIdentifier(string name) => CamelRegex().Replace(name, " $1").Replace('_', ' ').Replace('-', ' ');

    private static string Stem(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        return word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex CamelRegex();
}
