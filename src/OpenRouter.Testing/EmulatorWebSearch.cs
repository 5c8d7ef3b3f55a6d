using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// The emulator's answer to a chat request that carries OpenRouter's web search server tool (<c>openrouter:web_search</c>, or the
/// <c>web_search…</c> shorthands): a short text that cites two invented sources, with <c>url_citation</c> annotations in OpenRouter's
/// wire shape on <c>message.annotations</c> or, when streaming, on <c>delta.annotations</c> of their own chunks before the content
/// (as OpenRouter sends them). When the demo script would call a function tool instead, that answer is given unchanged.
/// </summary>
internal sealed record WebSearchAnswer : EmulatorResponse
{
    /// <summary>Whether <paramref name="body"/> asks for the web search server tool.</summary>
    public static bool IsRequested(JsonNode? body) =>
        body?["tools"] is JsonArray tools &&
        tools.Any(t => t?["type"] is JsonValue type && type.TryGetValue(out string? name) &&
            (name == "openrouter:web_search" || name.StartsWith("web_search", StringComparison.Ordinal)));

    internal override Task WriteAsync(ResponseContext context)
    {
        JsonArray annotations = [];
        EmulatorCompletion demo = DemoScript.Answer(context.Body!);
        EmulatorCompletion completion = demo.ToolCalls.Count > 0 ? demo : Cited(context.Body!, out annotations);
        completion = completion with { Delay = Delay, EventDelay = EventDelay, Stalls = Stalls, AbortAfterEvents = AbortAfterEvents, EndAfterEvents = EndAfterEvents };
        if (demo.ToolCalls.Count > 0)
        {
            return completion.WriteAsync(context);
        }

        CompletionPlan plan = CompletionPlan.Create(completion, context);
        var response = context.Http.Response;
        response.StatusCode = 200;
        if (context.Streaming)
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            return context.WriteEventsAsync(completion, WithAnnotationChunks(WireFormat.StreamEvents(plan), annotations));
        }

        JsonNode root = JsonNode.Parse(WireFormat.CompletionJson(plan))!;
        root["choices"]![0]!["message"]!["annotations"] = annotations;
        root["usage"]!["server_tool_use_details"] = new JsonObject { ["web_search_requests"] = 1 };
        response.ContentType = "application/json";
        return context.WriteBodyAsync(completion, root.ToJsonString(WireFormat.JsonOptions));
    }

    /// <summary>The cited answer and its annotations; each <c>[n]</c> marker's position is the citation's start/end index.</summary>
    private static EmulatorCompletion Cited(JsonNode body, out JsonArray annotations)
    {
        JsonArray messages = body["messages"] as JsonArray ?? [];
        JsonNode? lastUser = messages.LastOrDefault(m => DemoScript.Role(m) == "user");
        string query = lastUser is null ? "the web" : DemoScript.TextOf(lastUser["content"]);
        string slug = string.Join('-', DemoScript.Words(query).Take(6));
        slug = slug.Length == 0 ? "search" : slug;

        (string Url, string Title, string Content)[] sources =
        [
            ($"https://example.com/emulator/{slug}", $"Demo result for \"{query}\"", "An invented page the OpenRouter emulator cites; it did not search the web."),
            ($"https://example.org/emulator/{slug}/more", "A second demo source", "Another invented page, so answers can cite more than one source."),
        ];

        string text = $"{DemoScript.Prefix} Web search (demo) for \"{query}\": the emulator does not browse, so both sources are invented";
        annotations = [];
        for (int i = 0; i < sources.Length; i++)
        {
            string marker = $" [{i + 1}]";
            int start = text.Length + 1;
            text += marker;
            annotations.Add((JsonNode)new JsonObject
            {
                ["type"] = "url_citation",
                ["url_citation"] = new JsonObject
                {
                    ["url"] = sources[i].Url,
                    ["title"] = sources[i].Title,
                    ["content"] = sources[i].Content,
                    ["start_index"] = start,
                    ["end_index"] = text.Length,
                },
            });
        }

        return Text(text + ".");
    }

    /// <summary>Inserts one chunk per citation (<c>content: ""</c> with <c>delta.annotations</c>) after the processing comment, copying the first chunk's envelope.</summary>
    private static List<string> WithAnnotationChunks(List<string> events, JsonArray annotations)
    {
        int first = events.FindIndex(e => e.StartsWith("data: {", StringComparison.Ordinal));
        JsonNode template = JsonNode.Parse(events[first]["data: ".Length..].Trim())!;
        var chunks = new List<string>();
        foreach (JsonNode? annotation in annotations)
        {
            JsonNode chunk = template.DeepClone();
            chunk["choices"]![0]!["delta"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = string.Empty,
                ["annotations"] = new JsonArray(annotation!.DeepClone()),
            };
            chunks.Add("data: " + chunk.ToJsonString(WireFormat.JsonOptions) + "\n\n");
        }

        events.InsertRange(first, chunks);
        return events;
    }
}
