using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

/// <summary>The emulator's builders for the answer shapes of issue 23, checked on the wire (raw SSE and JSON).</summary>
public sealed class EmulatorConversationShapesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithUsageOnFinishChunk_Stream_SendsUsageOnTheFinishChunkAndTheTotalAfterIt()
    {
        await using var emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hi").WithUsage(15, 10, 0.003m).WithUsageOnFinishChunk(new EmulatorUsage { PromptTokens = 5, CompletionTokens = 3, Cost = 0.001m }));
        using HttpClient http = emulator.CreateHttpClient();

        List<JsonObject> chunks = DataChunks(await PostStreamAsync(http, ChatRequest("Hi", stream: true)));

        JsonObject[] withUsage = [.. chunks.Where(c => c["usage"] is not null)];
        Assert.Equal(2, withUsage.Length);
        Assert.Equal("stop", (string?)withUsage[0]["choices"]![0]!["finish_reason"]);
        Assert.Equal((5, 3), ((int)withUsage[0]["usage"]!["prompt_tokens"]!, (int)withUsage[0]["usage"]!["completion_tokens"]!));
        Assert.Empty(withUsage[1]["choices"]!.AsArray());
        Assert.Equal((15, 10), ((int)withUsage[1]["usage"]!["prompt_tokens"]!, (int)withUsage[1]["usage"]!["completion_tokens"]!));
    }

    [Fact]
    public async Task WithLateSignature_Stream_SendsTheSignatureAloneAfterTheAnswerText()
    {
        await using var emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hello there.").WithLateSignature("Let me think about this.", "sig-late"));
        using HttpClient http = emulator.CreateHttpClient();

        List<JsonObject> chunks = DataChunks(await PostStreamAsync(http, ChatRequest("Hi", stream: true)));

        JsonObject[] pieces = [.. chunks.SelectMany(c => c["choices"]!.AsArray()).SelectMany(c => c!["delta"]?["reasoning_details"] as JsonArray ?? []).Select(d => d!.AsObject())];
        JsonObject signed = Assert.Single(pieces, p => p["signature"] is not null);
        Assert.Same(pieces[^1], signed);
        Assert.Equal(("", "sig-late", "anthropic-claude-v1"), ((string?)signed["text"], (string?)signed["signature"], (string?)signed["format"]));
        int lastText = chunks.FindLastIndex(c => ((string?)Delta(c)?["content"])?.Length > 0);
        int signature = chunks.FindIndex(c => Delta(c)?["reasoning_details"]?[0]?["signature"] is not null);
        Assert.True(signature > lastText, "The signature comes after the answer text.");
        Assert.Equal("Let me think about this.", string.Concat(pieces.Select(p => (string?)p["text"])));
    }

    private static JsonNode? Delta(JsonObject chunk) => chunk["choices"] is JsonArray { Count: > 0 } choices ? choices[0]!["delta"] : null;

    [Fact]
    public async Task WithLateSignature_Json_SendsOneSignedItem()
    {
        await using var emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hello there.").WithLateSignature("Let me think about this.", "sig-late"));
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject body = await PostJsonAsync(http, ChatRequest("Hi"));

        JsonNode item = Assert.Single(body["choices"]![0]!["message"]!["reasoning_details"]!.AsArray())!;
        Assert.Equal(("Let me think about this.", "sig-late"), ((string?)item["text"], (string?)item["signature"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithRepeatedToolCallId_BothModes_GivesEveryCallTheSameId(bool stream)
    {
        await using var emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall(new EmulatorToolCall("get_weather", """{"city":"Tokyo"}"""), new EmulatorToolCall("get_weather", """{"city":"London"}""")).WithRepeatedToolCallId());
        using HttpClient http = emulator.CreateHttpClient();

        string[] ids = stream
            ? [.. ReassembleToolCalls(DataChunks(await PostStreamAsync(http, ChatRequest("Weather?", stream: true)))).Select(c => c.Id)]
            : [.. (await PostJsonAsync(http, ChatRequest("Weather?")))["choices"]![0]!["message"]!["tool_calls"]!.AsArray().Select(c => (string)c!["id"]!)];

        Assert.Equal(["call_0", "call_0"], ids);
    }

    [Fact]
    public async Task EchoContentParts_UserMessageWithAudioVideoImageAndFile_ListsEachPartAsReceived()
    {
        await using var emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.EchoContentParts());
        using HttpClient http = emulator.CreateHttpClient();
        var request = new JsonObject
        {
            ["model"] = "google/gemini-2.5-flash", // a model that takes audio and video (the emulator refuses others)
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "What is in these?" },
                    new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = "AAECAw==", ["format"] = "aac" } },
                    new JsonObject { ["type"] = "video_url", ["video_url"] = new JsonObject { ["url"] = "https://example.com/clip.mp4" } },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw==" } },
                    new JsonObject { ["type"] = "file", ["file"] = new JsonObject { ["filename"] = "report.pdf", ["file_data"] = "data:application/pdf;base64,JVBERg==" } }),
            }),
        };

        JsonObject body = await PostJsonAsync(http, request);

        Assert.Equal(
            "[OpenRouter emulator] Received in the user message: text \"What is in these?\"; input_audio aac, 4 bytes; video_url https://example.com/clip.mp4; " +
            "image_url (data: image/png, 4 bytes); file report.pdf (data: application/pdf, 4 bytes)",
            (string?)body["choices"]![0]!["message"]!["content"]);
    }
}
