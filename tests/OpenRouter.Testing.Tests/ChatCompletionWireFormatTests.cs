using System.Text.Json;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

public sealed class ChatCompletionWireFormatTests
{
    [Fact]
    public async Task Text_NonStreamingRequest_ReturnsOpenRouterCompletionJson()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("Hello"));
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("Hi", model: "anthropic/claude-sonnet-4.5"));

        Assert.StartsWith("gen-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.True(body["created"]!.GetValue<long>() > 1_600_000_000);
        Assert.Equal("anthropic/claude-sonnet-4.5", body["model"]!.GetValue<string>());
        Assert.Equal("OpenRouterEmulator", body["provider"]!.GetValue<string>());
        JsonNode choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("stop", choice["native_finish_reason"]!.GetValue<string>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("Hello", choice["message"]!["content"]!.GetValue<string>());
        JsonNode usage = body["usage"]!;
        int prompt = usage["prompt_tokens"]!.GetValue<int>();
        int completion = usage["completion_tokens"]!.GetValue<int>();
        Assert.True(prompt > 0);
        Assert.Equal(prompt + completion, usage["total_tokens"]!.GetValue<int>());
        Assert.True(usage["cost"]!.GetValue<decimal>() > 0);
        Assert.False(usage["is_byok"]!.GetValue<bool>());
        Assert.Equal(0, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>());
        Assert.Equal(0, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Text_StreamingRequest_StreamsCommentDeltasFinishUsageAndDone()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("Hello there, streaming world"));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        List<string> events = Events(body);
        Assert.Equal(": OPENROUTER PROCESSING", events[0]);
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.Contains("\n\n", body, StringComparison.Ordinal);
        List<JsonObject> chunks = DataChunks(body);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());

        JsonNode firstDelta = chunks[0]["choices"]![0]!["delta"]!;
        Assert.Equal("assistant", firstDelta["role"]!.GetValue<string>());

        var contentChunks = chunks.Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["finish_reason"] is null).ToList();
        Assert.True(contentChunks.Count >= 3, "content must be split into several deltas");
        Assert.Equal("Hello there, streaming world", string.Concat(contentChunks.Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>())));

        JsonObject finish = chunks[^2];
        Assert.Equal("stop", finish["choices"]![0]!["finish_reason"]!.GetValue<string>());

        JsonObject usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.True(usageChunk["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.True(usageChunk["usage"]!["cost"]!.GetValue<decimal>() > 0);
    }

    [Fact]
    public async Task StreamedText_ExplicitChunks_StreamsExactlyThoseDeltas()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.StreamedText("Hel", "lo", " wor", "ld"));
        emulator.Enqueue(EmulatorResponse.StreamedText("Hel", "lo"));
        using HttpClient http = emulator.CreateHttpClient();

        string stream = await PostStreamAsync(http, ChatRequest("Hi", stream: true));
        JsonObject json = await PostJsonAsync(http, ChatRequest("Hi"));

        string[] deltas = [.. DataChunks(stream)
            .Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["finish_reason"] is null)
            .Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>())];
        Assert.Equal(["Hel", "lo", " wor", "ld"], deltas);
        Assert.Equal("Hello", json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolCall_Streaming_FragmentsReassembleToValidJsonArguments()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.ToolCall(
            new EmulatorToolCall("get_weather", """{"city":"Paris","unit":"celsius"}""", "call_1"),
            new EmulatorToolCall("get_time", """{"timezone":"Europe/Paris"}""")));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("weather and time", stream: true));

        List<JsonObject> chunks = DataChunks(body);
        var argumentFragments = chunks.Count(c => c["choices"]!.AsArray().Count > 0
            && c["choices"]![0]!["delta"]!["tool_calls"]?[0]?["id"] is null
            && c["choices"]![0]!["delta"]!["tool_calls"] is not null);
        Assert.True(argumentFragments >= 4, "arguments must be split across several fragments");

        var calls = ReassembleToolCalls(chunks);
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_1", "get_weather"), (calls[0].Id, calls[0].Name));
        Assert.Equal("Paris", JsonNode.Parse(calls[0].Arguments)!["city"]!.GetValue<string>());
        Assert.Equal(("call_emulator_1", "get_time"), (calls[1].Id, calls[1].Name));
        Assert.Equal("Europe/Paris", JsonNode.Parse(calls[1].Arguments)!["timezone"]!.GetValue<string>());
        Assert.Equal("tool_calls", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolCall_NonStreaming_ReturnsToolCallsWithFinishReason()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1"));
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("weather"));

        JsonNode choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        JsonNode call = Assert.Single(choice["message"]!["tool_calls"]!.AsArray())!;
        Assert.Equal("call_1", call["id"]!.GetValue<string>());
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"city":"Paris"}""", call["function"]!["arguments"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithReasoning_AllDetailTypes_JsonAndStreamCarryReasoningDetails()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        EmulatorCompletion completion = EmulatorResponse.Text("42").WithReasoning(
            null,
            EmulatorReasoningDetail.FromText("Think step by step", signature: "sig-1", format: "anthropic-claude-v1"),
            EmulatorReasoningDetail.FromSummary("Short summary", id: "rs_1"),
            EmulatorReasoningDetail.FromEncrypted("ZW5jcnlwdGVk", id: "enc_1", index: 7));
        emulator.Enqueue(completion);
        emulator.Enqueue(completion);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject json = await PostJsonAsync(http, ChatRequest("Hi"));
        string stream = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        JsonNode message = json["choices"]![0]!["message"]!;
        Assert.Equal("Think step by stepShort summary", message["reasoning"]!.GetValue<string>());
        JsonArray details = message["reasoning_details"]!.AsArray();
        Assert.Equal(["reasoning.text", "reasoning.summary", "reasoning.encrypted"], details.Select(d => d!["type"]!.GetValue<string>()));
        Assert.Equal("sig-1", details[0]!["signature"]!.GetValue<string>());
        Assert.Equal("anthropic-claude-v1", details[0]!["format"]!.GetValue<string>());
        Assert.Equal("rs_1", details[1]!["id"]!.GetValue<string>());
        Assert.Equal(7, details[2]!["index"]!.GetValue<int>());

        List<JsonObject> chunks = DataChunks(stream);
        var deltas = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => c["choices"]![0]!["delta"]!).ToList();
        Assert.Equal("Think step by stepShort summary", string.Concat(deltas.Select(d => d["reasoning"]?.GetValue<string>())));
        var streamedDetails = deltas.Where(d => d["reasoning_details"] is not null).SelectMany(d => d["reasoning_details"]!.AsArray()).ToList();
        Assert.Equal("Think step by step", string.Concat(streamedDetails.Where(d => d!["type"]!.GetValue<string>() == "reasoning.text").Select(d => d!["text"]!.GetValue<string>())));
        Assert.Contains(streamedDetails, d => d!["signature"]?.GetValue<string>() == "sig-1");
        Assert.Contains(streamedDetails, d => d!["type"]!.GetValue<string>() == "reasoning.encrypted" && d["data"]!.GetValue<string>() == "ZW5jcnlwdGVk" && d["index"]!.GetValue<int>() == 7);
        int firstContent = deltas.FindIndex(d => d["content"]?.GetValue<string>() is { Length: > 0 });
        int lastReasoning = deltas.FindLastIndex(d => d["reasoning_details"] is not null);
        Assert.True(lastReasoning < firstContent, "reasoning must stream before content");
    }

    [Fact]
    public async Task WithUsage_Explicit_WritesUsageAndCost()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("ok").WithUsage(10, 5, 0.000123m, reasoningTokens: 2, cachedTokens: 4));
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("Hi"));

        JsonNode usage = body["usage"]!;
        Assert.Equal(10, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(5, usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(15, usage["total_tokens"]!.GetValue<int>());
        Assert.Equal("0.000123", usage["cost"]!.ToJsonString());
        Assert.Equal(4, usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>());
        Assert.Equal(2, usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Options_FixedModelAndProvider_OverrideRequestModel()
    {
        var options = new OpenRouterEmulatorOptions { Model = "fixture/model", Provider = "FixtureProvider" };
        await using var emulator = await TestEmulator.StartAsync(options, TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("Hi", model: "openai/gpt-4o"));

        Assert.Equal("fixture/model", body["model"]!.GetValue<string>());
        Assert.Equal("FixtureProvider", body["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sse_RawBody_IsSentByteForByte()
    {
        const string raw = ": custom comment\n\ndata: {\"id\":\"x\",\"choices\":[]}\n\ndata: [DONE]\n\n";
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Sse(raw));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        Assert.Equal(raw, body);
    }

    [Fact]
    public async Task Json_RawBody_IsSentWithStatus()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Json("""{"custom":true}""", statusCode: 201));
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.PostAsync("chat/completions", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"custom":true}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
