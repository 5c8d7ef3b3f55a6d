using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>
/// The chat client against the emulator's shapes of issue 23 (usage on two chunks, a late signature, repeated tool-call ids,
/// media parts echoed), end to end over a real loopback server, as a user's own tests would reproduce them offline.
/// </summary>
public sealed class LoopbackConversationShapesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ToChatResponseAsync_EmulatorUsageOnTwoChunks_ReportsTheLastUsageAndCost()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hi").WithUsage(15, 10, 0.003m).WithUsageOnFinishChunk(new EmulatorUsage { PromptTokens = 5, CompletionTokens = 3, Cost = 0.001m }));
        using var client = CreateClient(emulator);

        ChatResponse response = await client.GetStreamingResponseAsync("Hi", cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Equal((15L, 10L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value));
        Assert.Equal(0.003m, response.GetOpenRouterCost());
    }

    [Fact]
    public async Task FunctionInvokingChatClient_EmulatorLateSignature_SendsTheReasoningBackAsOneSignedItem()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("Checking.").WithLateSignature("Let me look it up.", "sig-late") with
        {
            ToolCalls = [new EmulatorToolCall("get_time", "{}", "toolu_1")],
        });
        emulator.Enqueue(EmulatorResponse.Text("It is noon."));
        using IChatClient client = CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "12:00", "get_time")] };

        ChatResponse response = await client.GetStreamingResponseAsync("Time?", options, Ct).ToChatResponseAsync(Ct);

        Assert.Equal("It is noon.", response.Messages[^1].Text);
        JsonNode assistant = emulator.Requests[1].BodyAsJsonNode()!["messages"]!.AsArray().First(m => (string?)m!["role"] == "assistant")!;
        JsonNode item = Assert.Single(assistant["reasoning_details"]!.AsArray())!;
        Assert.Equal(("Let me look it up.", "sig-late"), ((string?)item["text"], (string?)item["signature"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvokingChatClient_EmulatorRepeatedToolCallIds_MatchesEachResultToItsCall(bool streaming)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall(new EmulatorToolCall("get_weather", """{"city":"Tokyo"}"""), new EmulatorToolCall("get_weather", """{"city":"London"}""")).WithRepeatedToolCallId());
        emulator.Enqueue(EmulatorResponse.Text("Both are sunny."));
        using IChatClient client = CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather")] };

        _ = streaming
            ? await client.GetStreamingResponseAsync("Weather in Tokyo and London?", options, Ct).ToChatResponseAsync(Ct)
            : await client.GetResponseAsync("Weather in Tokyo and London?", options, Ct);

        JsonArray messages = emulator.Requests[1].BodyAsJsonNode()!["messages"]!.AsArray();
        string[] callIds = [.. messages.First(m => (string?)m!["role"] == "assistant")!["tool_calls"]!.AsArray().Select(c => (string)c!["id"]!)];
        JsonNode[] results = [.. messages.Where(m => (string?)m!["role"] == "tool")!];
        Assert.Equal(2, callIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(callIds, results.Select(r => (string)r!["tool_call_id"]!));
        Assert.Equal(["Sunny in Tokyo", "Sunny in London"], results.Select(r => (string)r!["content"]!));
    }

    [Fact]
    public async Task GetResponseAsync_EmulatorEchoesMediaParts_AudioAndVideoReachTheWireInOpenRoutersShape()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.EchoContentParts());
        using var client = CreateClient(emulator);
        var message = new ChatMessage(ChatRole.User,
        [
            new TextContent("Describe"),
            new DataContent(new byte[] { 0, 1, 2, 3 }, "audio/aac"),
            new UriContent(new Uri("https://example.com/clip.mp4"), "video/mp4"),
        ]);

        // A model that takes audio and video: the emulator refuses others, as OpenRouter does.
        ChatResponse response = await client.GetResponseAsync([message], new ChatOptions { ModelId = "google/gemini-2.5-flash" }, Ct);

        Assert.Equal(
            "[OpenRouter emulator] Received in the user message: text \"Describe\"; input_audio aac, 4 bytes; video_url https://example.com/clip.mp4",
            response.Text);
    }

    private static OpenRouterChatClient CreateClient(OpenRouterEmulator emulator) =>
        new(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-emulator", DefaultModelId = "anthropic/claude-sonnet-4" });
}
