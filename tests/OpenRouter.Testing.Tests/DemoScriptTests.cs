using System.Text.Json;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

public sealed class DemoScriptTests
{
    private static JsonArray TwoTools() => JsonNode.Parse("""
        [
          {"type":"function","function":{"name":"get_stock_price","description":"Look up the latest stock price for a ticker symbol",
            "parameters":{"type":"object","properties":{"ticker":{"type":"string"}},"required":["ticker"]}}},
          {"type":"function","function":{"name":"get_weather","description":"Get the current weather forecast for a city",
            "parameters":{"type":"object","properties":{
              "city":{"type":"string","description":"City name"},
              "days":{"type":"integer","description":"How many days"},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "include_wind":{"type":"boolean"}},
             "required":["city","unit","include_wind"]}}}
        ]
        """)!.AsArray();

    [Fact]
    public async Task Demo_PlainPrompt_EchoesAndSaysItIsTheEmulator()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("Tell me a joke", model: null));

        Assert.Equal("[OpenRouter emulator] You said: Tell me a joke", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("openrouter/emulator", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_TwoTools_CallsWeatherToolWithArgumentsFromPrompt()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("What's the weather in Paris for the next 3 days?");
        request["tools"] = TwoTools();

        JsonObject body = await PostJsonAsync(http, request);

        JsonNode choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        JsonNode call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        JsonNode args = JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!;
        Assert.Equal("Paris", args["city"]!.GetValue<string>());
        Assert.Equal(3, args["days"]!.GetValue<int>());
        Assert.Equal("celsius", args["unit"]!.GetValue<string>());
        Assert.True(args["include_wind"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Demo_ToolResultAfterCall_AnswersFromResult()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject first = ChatRequest("What's the weather in Paris?");
        first["tools"] = TwoTools();
        JsonObject turn1 = await PostJsonAsync(http, first);
        JsonNode assistant = turn1["choices"]![0]!["message"]!;
        string callId = assistant["tool_calls"]![0]!["id"]!.GetValue<string>();

        JsonObject second = ChatRequest("What's the weather in Paris?", stream: true);
        second["tools"] = TwoTools();
        second["messages"]!.AsArray().Add(assistant.DeepClone());
        second["messages"]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = "18°C and sunny" });
        string stream = await PostStreamAsync(http, second);

        string content = string.Concat(DataChunks(stream).Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("[OpenRouter emulator] Based on get_weather: 18°C and sunny", content);
        Assert.Contains("18°C", stream, StringComparison.Ordinal);
        Assert.Empty(ReassembleToolCalls(DataChunks(stream)));
    }

    [Fact]
    public async Task Demo_StockPrompt_PicksStockToolInsteadOfWeather()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("What is the stock price of MSFT?", stream: true);
        request["tools"] = TwoTools();

        string stream = await PostStreamAsync(http, request);

        var call = Assert.Single(ReassembleToolCalls(DataChunks(stream)));
        Assert.Equal("get_stock_price", call.Name);
        Assert.Equal("MSFT", JsonNode.Parse(call.Arguments)!["ticker"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_ToolChoiceNone_AnswersWithText()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("What's the weather in Paris?");
        request["tools"] = TwoTools();
        request["tool_choice"] = "none";

        JsonObject body = await PostJsonAsync(http, request);

        Assert.Null(body["choices"]![0]!["message"]!["tool_calls"]);
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_ToolChoiceAuto_CallsFittingTool()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("What's the weather in Paris?");
        request["tools"] = TwoTools();
        request["tool_choice"] = "auto";

        JsonObject body = await PostJsonAsync(http, request);

        JsonNode call = body["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!;
        Assert.Equal("get_weather", call["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_JsonSchema_ProducesInstanceThatMatchesSchema()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("Describe Lyon in France with 2 landmarks");
        request["response_format"] = JsonNode.Parse("""
            {"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{
              "type":"object",
              "properties":{
                "name":{"type":"string"},
                "population":{"type":"integer","minimum":1000},
                "area_km2":{"type":"number"},
                "is_capital":{"type":"boolean"},
                "tags":{"type":"array","items":{"type":"string"}},
                "size":{"type":"string","enum":["small","medium","large"]},
                "nickname":{"type":["string","null"]},
                "country":{"$ref":"#/$defs/country"}
              },
              "required":["name","population","area_km2","is_capital","tags","size","nickname","country"],
              "additionalProperties":false,
              "$defs":{"country":{"type":"object","properties":{"code":{"type":"string","minLength":2,"maxLength":2}},"required":["code"]}}
            }}}
            """);

        JsonObject body = await PostJsonAsync(http, request);

        string content = body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        using JsonDocument doc = JsonDocument.Parse(content);
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("name").ValueKind);
        Assert.True(root.GetProperty("population").TryGetInt64(out long population) && population >= 1000);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("area_km2").ValueKind);
        Assert.Equal(JsonValueKind.True, root.GetProperty("is_capital").ValueKind);
        Assert.Equal(JsonValueKind.String, Assert.Single(root.GetProperty("tags").EnumerateArray()).ValueKind);
        Assert.Contains(root.GetProperty("size").GetString(), new[] { "small", "medium", "large" });
        Assert.Contains(root.GetProperty("nickname").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
        Assert.Equal(2, root.GetProperty("country").GetProperty("code").GetString()!.Length);
        Assert.Equal(8, root.EnumerateObject().Count());
    }

    [Fact]
    public async Task Demo_JsonObjectFormat_ReturnsJsonObject()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("Give me JSON");
        request["response_format"] = new JsonObject { ["type"] = "json_object" };

        JsonObject body = await PostJsonAsync(http, request);

        var content = JsonNode.Parse(body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.IsType<JsonObject>(content);
        Assert.Contains("emulator", content!["source"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ReasoningRequested_StreamsReasoningBeforeContent()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("Why is the sky blue?", stream: true);
        request["reasoning"] = new JsonObject { ["effort"] = "high" };
        JsonObject excluded = ChatRequest("Why is the sky blue?");
        excluded["reasoning"] = new JsonObject { ["exclude"] = true };

        string stream = await PostStreamAsync(http, request);
        JsonObject withoutReasoning = await PostJsonAsync(http, excluded);

        var deltas = DataChunks(stream).Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!["delta"]!).ToList();
        string reasoning = string.Concat(deltas.Select(d => d["reasoning"]?.GetValue<string>()));
        Assert.StartsWith("[OpenRouter emulator]", reasoning, StringComparison.Ordinal);
        Assert.Contains(deltas, d => d["reasoning_details"]?[0]?["type"]?.GetValue<string>() == "reasoning.text");
        Assert.True(DataChunks(stream)[^1]["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>() > 0);
        Assert.Null(withoutReasoning["choices"]![0]!["message"]!["reasoning"]);
    }
}
