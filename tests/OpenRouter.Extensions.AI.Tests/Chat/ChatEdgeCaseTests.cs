using System.Text;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>Edge cases of request writing and stream reading that a provider or a caller can produce.</summary>
public sealed class ChatEdgeCaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStreamingResponseAsync_CompleteCallsEachInOwnChunkWithSameIndex_EmitsTwoCalls()
    {
        string sse = """
            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"google/gemini-2.5-pro","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"google/gemini-2.5-pro","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\"zone\":\"CET\"}"}}]}}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"google/gemini-2.5-pro","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]


            """;
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);

        ChatResponse response = await client.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct);

        FunctionCallContent[] calls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()];
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.Equal("CET", calls[1].Arguments!["zone"]!.ToString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorChunkWithContent_DeliversThatContentBeforeThrowing()
    {
        string sse = """
            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,"delta":{"content":"Hello "}}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","error":{"code":"server_error","message":"boom"},"choices":[{"index":0,"delta":{"content":"world"},"finish_reason":"error"}]}


            """;
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);
        var text = new StringBuilder();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
            {
                text.Append(update.Text);
            }
        });

        Assert.Equal("Hello world", text.ToString());
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_EmptyToolList_SendsNoToolsButKeepsAdditionalToolChoice()
    {
        var options = new ChatOptions
        {
            // A tool with no OpenRouter equivalent is refused now (OpenRouterFeatureTests); an empty list sends nothing.
            Tools = [],
            AdditionalProperties = new() { ["tool_choice"] = "none" },
        };

        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);

        JToken json = JToken.Parse(body);
        Assert.Null(json["tools"]);
        Assert.Equal("none", json["tool_choice"]!.Value<string>());
    }

    [Fact]
    public async Task GetResponseAsync_ToolsWithoutToolMode_PassesAdditionalToolChoiceThrough()
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(() => "x", "f")],
            AdditionalProperties = new() { ["tool_choice"] = "required" },
        };

        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);

        Assert.Equal("required", JToken.Parse(body)["tool_choice"]!.Value<string>());
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public async Task GetResponseAsync_NonFiniteTemperature_ThrowsArgumentExceptionBeforeRequest(float temperature)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("x", new ChatOptions { Temperature = temperature }, Ct));

        Assert.Contains("temperature", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningAsPlainString_ThrowsArgumentExceptionNamingTheKey()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        var options = new ChatOptions { AdditionalProperties = new() { ["reasoning"] = "high" } };

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("x", options, Ct));

        Assert.Contains("AdditionalProperties[\"reasoning\"]", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_UnserializableAdditionalProperty_ThrowsArgumentExceptionNamingTheKey()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        var options = new ChatOptions { AdditionalProperties = new() { ["odd"] = new IntPtr(5) } };

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("x", options, Ct));

        Assert.Contains("[\"odd\"]", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
