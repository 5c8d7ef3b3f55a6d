using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

public sealed class ChatStreamingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<ChatResponseUpdate>> StreamAsync(string sse, ChatOptions? options = null)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", options, Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TextStream_YieldsOneUpdatePerDeltaThenFinishAndUsage()
    {
        List<ChatResponseUpdate> updates = await StreamAsync(ChatTestKit.Fixture("text.sse"));

        Assert.Equal(["Paris is", " the capital", " of France."], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        Assert.Equal(ChatFinishReason.Stop, updates.Single(u => u.FinishReason is not null).FinishReason);
        UsageContent usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single();
        Assert.Equal(22, usage.Details.TotalTokenCount);
        Assert.All(updates, u => Assert.Equal("gen-1732550000-abc", u.ResponseId));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
    }

    [Fact]
    public async Task ToChatResponseAsync_TextStream_EqualsNonStreamingResponse()
    {
        await AssertStreamingEqualsNonStreamingAsync("text.sse", "text.json");
    }

    [Fact]
    public async Task ToChatResponseAsync_ReasoningToolStream_EqualsNonStreamingResponse()
    {
        await AssertStreamingEqualsNonStreamingAsync("reasoning-tool.sse", "reasoning-tool.json");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolArgumentsSplitInsideEscapes_EmitsOneCompleteCall()
    {
        List<ChatResponseUpdate> updates = await StreamAsync(ChatTestKit.Fixture("reasoning-tool.sse"));

        FunctionCallContent call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("call_w1", call.CallId);
        Assert.Null(call.Exception);
        Assert.Equal("line1\nline2 é", call.Arguments!["note"]!.ToString());
        ChatResponseUpdate finish = updates.Single(u => u.FinishReason is not null);
        Assert.Contains(call, finish.Contents);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ReasoningDetailsPieces_AreMergedByIndex()
    {
        List<ChatResponseUpdate> updates = await StreamAsync(ChatTestKit.Fixture("reasoning-tool.sse"));

        TextReasoningContent carrier = updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Single(r => r.ProtectedData is not null);
        using JsonDocument details = JsonDocument.Parse(carrier.ProtectedData!);
        JsonElement item = Assert.Single(details.RootElement.EnumerateArray());
        Assert.Equal("reasoning.text", item.GetProperty("type").GetString());
        Assert.Equal("Let me check the weather.", item.GetProperty("text").GetString());
        Assert.Equal("sig-abc==", item.GetProperty("signature").GetString());
        Assert.Equal("anthropic-claude-v1", item.GetProperty("format").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EncryptedReasoningOnly_KeepsDetailsWithRedactedText()
    {
        List<ChatResponseUpdate> updates = await StreamAsync(ChatTestKit.Fixture("encrypted-reasoning.sse"));
        ChatResponse response = updates.ToChatResponse();

        TextReasoningContent reasoning = response.Messages.Single().Contents.OfType<TextReasoningContent>().Single();
        Assert.Equal("[REDACTED]", reasoning.Text);
        Assert.Contains("ENCRYPTED==", reasoning.ProtectedData, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inband-error.sse")]
    [InlineData("inband-error-empty-choices.sse")]
    public async Task GetStreamingResponseAsync_InBandError_KeepsDeliveredUpdatesThenThrows(string fixture)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(ChatTestKit.Fixture(fixture));
        var received = new StringBuilder();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
            {
                received.Append(update.Text);
            }
        });

        Assert.Equal("Partial answer", received.ToString());
        Assert.Equal("server_error", ex.ErrorCode);
        Assert.Equal("cmpl-abc123", ex.GenerationId);
        Assert.Equal("openai/gpt-4o", ex.ModelId);
        Assert.Contains("Provider disconnected unexpectedly", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EndsWithoutDoneOrFinish_Throws()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(ChatTestKit.Fixture("truncated.sse"));
        int count = 0;

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
            {
                count++;
            }
        });

        Assert.Equal(2, count);
        Assert.Contains("ended before", ex.Message, StringComparison.Ordinal);
        Assert.Equal("cmpl-abc123", ex.GenerationId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageChunkWithOneEmptyChoice_EmitsUsage()
    {
        string sse = """
            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,"delta":{}}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"cost":1.5e-7}}

            data: [DONE]


            """;

        ChatResponse response = (await StreamAsync(sse)).ToChatResponse();

        Assert.Equal("hi", response.Text);
        Assert.Equal(4, response.Usage!.TotalTokenCount);
        Assert.Equal(0.00000015m, response.GetOpenRouterCost());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MalformedChunk_ThrowsOpenRouterException()
    {
        string sse = "data: {\"id\":\"g\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"id\":\"g\",\"choices\":[{\"delta\":{\"content\":\n\n";
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);
        var texts = new List<string>();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(["a"], texts);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    private static async Task AssertStreamingEqualsNonStreamingAsync(string sseFixture, string jsonFixture)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(ChatTestKit.Fixture(sseFixture)).RespondJson(ChatTestKit.Fixture(jsonFixture));

        ChatResponse streamed = await client.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct);
        ChatResponse direct = await client.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal(Describe(direct), Describe(streamed));
    }

    /// <summary>JSON with object keys sorted and no whitespace, so the same data compares equal whatever its layout.</summary>
    private static string? Canonical(string? json)
    {
        if (json is null)
        {
            return null;
        }

        return Sort(System.Text.Json.Nodes.JsonNode.Parse(json))?.ToJsonString();

        static System.Text.Json.Nodes.JsonNode? Sort(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(
                o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Sort).ToArray()),
            _ => node?.DeepClone(),
        };
    }

    /// <summary>Everything observable about a response except its raw representation.</summary>
    private static string Describe(ChatResponse response)
    {
        var text = new StringBuilder();
        text.AppendLine($"id={response.ResponseId} model={response.ModelId} created={response.CreatedAt:O} finish={response.FinishReason}");
        foreach (ChatMessage message in response.Messages)
        {
            text.AppendLine($"message role={message.Role} created={message.CreatedAt:O}");
            foreach (AIContent content in message.Contents)
            {
                text.AppendLine(content switch
                {
                    TextReasoningContent r => $"  reasoning '{r.Text}' details={Canonical(r.ProtectedData)}",
                    TextContent t => $"  text '{t.Text}'",
                    FunctionCallContent f => $"  call {f.CallId} {f.Name} {JsonSerializer.Serialize(f.Arguments, AIJsonUtilities.DefaultOptions)}",
                    ErrorContent e => $"  error {e.ErrorCode} {e.Message}",
                    _ => "  " + content.GetType().Name,
                });
            }
        }

        UsageDetails? u = response.Usage;
        text.AppendLine($"usage in={u?.InputTokenCount} out={u?.OutputTokenCount} total={u?.TotalTokenCount} cached={u?.CachedInputTokenCount} reasoning={u?.ReasoningTokenCount}");
        // Update properties land on the message (the updates carry a MessageId); the JSON path puts them there too.
        foreach (KeyValuePair<string, object?> pair in (response.Messages[^1].AdditionalProperties ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"prop {pair.Key}={pair.Value}");
        }

        return text.ToString();
    }
}
