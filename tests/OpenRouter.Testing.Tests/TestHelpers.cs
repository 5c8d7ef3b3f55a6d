using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing.Tests;

internal static class TestHelpers
{
    public static JsonObject ChatRequest(string prompt, bool stream = false, string? model = "openai/gpt-4o") => new()
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
    };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonObject> PostJsonAsync(HttpClient http, JsonNode body)
    {
        using HttpResponseMessage response = await http.PostAsync("chat/completions", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return Assert.IsType<JsonObject>(JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    public static async Task<string> PostStreamAsync(HttpClient http, JsonNode body)
    {
        using HttpResponseMessage response = await http.PostAsync("chat/completions", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Splits an SSE body into events (blank-line separated).</summary>
    public static List<string> Events(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The JSON payloads of the <c>data:</c> events, excluding <c>[DONE]</c>.</summary>
    public static List<JsonObject> DataChunks(string body) =>
        [.. Events(body)
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal) && e != "data: [DONE]")
            .Select(e => Assert.IsType<JsonObject>(JsonNode.Parse(e["data: ".Length..])))];

    /// <summary>Reassembles tool calls from stream fragments keyed by index: (id, name, arguments).</summary>
    public static List<(string Id, string Name, string Arguments)> ReassembleToolCalls(IEnumerable<JsonObject> chunks)
    {
        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Args)>();
        foreach (JsonObject chunk in chunks)
        {
            if (chunk["choices"] is not JsonArray { Count: > 0 } choices || choices[0]?["delta"]?["tool_calls"] is not JsonArray toolCalls)
            {
                continue;
            }

            foreach (JsonNode? fragment in toolCalls)
            {
                int index = fragment!["index"]!.GetValue<int>();
                if (!calls.TryGetValue(index, out var call))
                {
                    call = (string.Empty, string.Empty, new StringBuilder());
                }

                string id = fragment["id"]?.GetValue<string>() ?? call.Id;
                string name = fragment["function"]?["name"]?.GetValue<string>() ?? call.Name;
                call.Args.Append(fragment["function"]?["arguments"]?.GetValue<string>());
                calls[index] = (id, name, call.Args);
            }
        }

        return [.. calls.Values.Select(c => (c.Id, c.Name, c.Args.ToString()))];
    }
}
