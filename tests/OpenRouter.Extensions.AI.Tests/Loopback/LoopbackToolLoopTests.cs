using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using OpenRouter.Testing;
using Snapshooter;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>The chat client against a real HTTP server (the emulator on Kestrel, 127.0.0.1, port 0).</summary>
public sealed class LoopbackToolLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvokingChatClient_ToolLoop_SecondRequestCarriesToolResult(bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1"));
        emulator.Enqueue(EmulatorResponse.Text("It is sunny in Paris."));
        using IChatClient client = CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };

        string answer = streaming
            ? (await client.GetStreamingResponseAsync("Weather in Paris?", options, Ct).ToChatResponseAsync(Ct)).Text
            : (await client.GetResponseAsync("Weather in Paris?", options, Ct)).Text;

        Assert.Equal("It is sunny in Paris.", answer);
        Assert.Equal(2, emulator.Requests.Count);
        JsonArray messages = emulator.Requests[1].BodyAsJsonNode()!["messages"]!.AsArray();
        JsonNode tool = messages[^1]!;
        Assert.Equal("tool", tool["role"]!.GetValue<string>());
        Assert.Equal("call_1", tool["tool_call_id"]!.GetValue<string>());
        Assert.Equal("Sunny, 21 °C in Paris", tool["content"]!.GetValue<string>());
        Assert.Equal("call_1", messages[^2]!["tool_calls"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvokingChatClient_ReasoningToolLoop_ReplaysReasoningDetailsUnmodified(bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1")
            .WithReasoning(
                "The user wants the weather; call the tool.",
                EmulatorReasoningDetail.FromText("The user wants the weather; call the tool.", signature: "sig-claude-123", format: "anthropic-claude-v1", index: 0),
                EmulatorReasoningDetail.FromEncrypted("gAAAAB-opaque==", id: "rs_1", format: "openai-responses-v1", index: 1)) with
        { Model = "anthropic/claude-sonnet-4", Provider = "Anthropic", Id = "gen-reasoning-1" });
        emulator.Enqueue(EmulatorResponse.Text("Sunny in Paris.") with { Model = "anthropic/claude-sonnet-4" });
        using IChatClient client = CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions
        {
            ModelId = "anthropic/claude-sonnet-4",
            Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")],
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
        };

        ChatResponse response = streaming
            ? await client.GetStreamingResponseAsync("Weather in Paris?", options, Ct).ToChatResponseAsync(Ct)
            : await client.GetResponseAsync("Weather in Paris?", options, Ct);

        Assert.Equal("Sunny in Paris.", response.Text);
        Assert.Equal(2, emulator.Requests.Count);
        JToken second = JToken.Parse(emulator.Requests[1].Body!);
        JToken details = second["messages"]![1]!["reasoning_details"]!;
        Assert.Equal("sig-claude-123", details[0]!["signature"]!.Value<string>());
        Assert.Equal("gAAAAB-opaque==", details[1]!["data"]!.Value<string>());
        second["stream"]?.Parent!.Remove();
        second["stream_options"]?.Parent!.Remove();
        Snapshot.Match(second, SnapshotNameExtension.Create(streaming ? "streaming" : "json"));
    }

    [Fact]
    public async Task GetResponseAsyncOfT_JsonSchema_DeserializesEmulatorAnswer()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = CreateClient(emulator);

        ChatResponse<CityReport> response = await client.GetResponseAsync<CityReport>("Give me a report about Paris.", cancellationToken: Ct);

        Assert.NotNull(response.Result);
        Assert.False(string.IsNullOrEmpty(response.Result.City));
        JsonNode format = emulator.Requests.Single().BodyAsJsonNode()!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.NotNull(format["json_schema"]!["schema"]!["properties"]!["temperatureCelsius"]);
    }

    [Fact]
    public async Task GetResponseAsync_DefaultDemoScript_CallsFittingToolThenAnswers()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using IChatClient client = CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather"), AIFunctionFactory.Create(GetTime, "get_time")] };

        ChatResponse response = await client.GetResponseAsync("What is the weather in Paris?", options, Ct);

        Assert.Contains("Sunny, 21 °C in Paris", response.Text, StringComparison.Ordinal);
        Assert.Contains("emulator", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    internal static OpenRouterChatClient CreateClient(OpenRouterEmulator emulator, Action<OpenRouterClientOptions>? configure = null)
    {
        var options = new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback", DefaultModelId = "openai/gpt-4o" };
        configure?.Invoke(options);
        return new OpenRouterChatClient(options);
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city name")] string city) => $"Sunny, 21 °C in {city}";

    [Description("Gets the current time in a time zone.")]
    private static string GetTime([Description("The IANA time zone")] string timeZone) => $"12:00 in {timeZone}";

    public sealed record CityReport(string City, double TemperatureCelsius, bool Sunny);
}
