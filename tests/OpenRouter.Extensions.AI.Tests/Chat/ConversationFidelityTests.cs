using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>
/// The conversations OpenRouter's own Vercel AI SDK provider gets right (issue 23), one test per behaviour, each on a
/// hand-written answer shaped like the peer's case it names: usage sent twice, late signatures, the reasoning round-trip
/// rules, tool-call ids, finish reasons, broken images, request shapes, file annotations and split surrogate pairs.
/// </summary>
public sealed class ConversationFidelityTests
{
    private const string Signature = "erX9OCAqSEO90HsfvNlBn5J3BQ9cEI/Hg2wHFo5iA8w3L+a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- 1. usage on two chunks -------------------------------------------------------------------------------

    [Fact]
    public async Task ToChatResponseAsync_UsageOnFinishAndFinalChunk_KeepsTheLastNotTheSum()
    {
        // tests-stream-usage-accounting / chat-index sse.usage_multiple: the last usage a stream sends is the total.
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8,"cost":0.001}}""",
            """{"choices":[],"usage":{"prompt_tokens":15,"completion_tokens":10,"total_tokens":25,"cost":0.003}}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Equal((15L, 10L, 25L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
        Assert.Equal(0.003m, response.GetOpenRouterCost());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageOnTwoChunks_DeliversOneUsageContentLast()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""");

        List<ChatResponseUpdate> updates = await StreamAsync(sse);

        UsageContent usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(8, usage.Details.TotalTokenCount);
        Assert.Contains(usage, updates[^1].Contents);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageThenStreamCut_DeliversTheUsageBeforeThrowing()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""")
            .Replace("data: [DONE]\n\n", string.Empty, StringComparison.Ordinal);
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondSse(sse);
        var updates = new List<ChatResponseUpdate>();

        await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
            {
                updates.Add(update);
            }
        });

        Assert.Equal(6, Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details.TotalTokenCount);
    }

    // ---- 2. a signature after the answer text ----------------------------------------------------------------

    [Fact]
    public async Task GetStreamingResponseAsync_SignatureAfterAnswerText_GoesBackOnTheOneSignedItem()
    {
        // chat-index sse.late_signature (peer issues #394, #423): the signature-only piece comes after the text.
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning_details":[{"type":"reasoning.text","text":"Let me think","index":0,"format":"anthropic-claude-v1"}]}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":" about this.","index":0,"format":"anthropic-claude-v1"}]}}]}""",
            """{"choices":[{"index":0,"delta":{"content":"Hello!"}}]}""",
            $$$"""{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"","index":0,"format":"anthropic-claude-v1","signature":"{{{Signature}}}"}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);
        JsonArray sent = await ReasoningDetailsSentBackAsync(response.Messages);

        JsonObject item = Assert.IsType<JsonObject>(Assert.Single(sent));
        Assert.Equal("Let me think about this.", (string?)item["text"]);
        Assert.Equal(Signature, (string?)item["signature"]);
        Assert.Equal("Let me think about this.", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("Hello!", response.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SignedReasoningBeforeText_StillCoalescesIntoOneContent()
    {
        string sse = Sse(
            $$$"""{"choices":[{"index":0,"delta":{"reasoning":"Think","reasoning_details":[{"type":"reasoning.text","text":"Think","index":0,"format":"anthropic-claude-v1","signature":"{{{Signature}}}"}]}}]}""",
            """{"choices":[{"index":0,"delta":{"content":"Answer"}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        TextReasoningContent reasoning = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.Equal("Think", reasoning.Text);
        Assert.Equal(Signature, (string?)JsonNode.Parse(reasoning.ProtectedData!)![0]!["signature"]);
    }

    // ---- 3. which reasoning items go back ------------------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_ReplayedReasoning_StripsUnsignedAnthropicAndGeminiTextKeepsTheRest()
    {
        // chat-signature-roundtrip sig.2, sig.6, sig.7, sig.8, sig.12, sig.13 and convert-messages msg.strip_mixed, msg.keep_encrypted.
        const string details = $$"""
            [
              {"type":"reasoning.text","text":"anthropic unsigned","format":"anthropic-claude-v1","index":0},
              {"type":"reasoning.text","text":"no format unsigned","index":1},
              {"type":"reasoning.text","text":"anthropic empty signature","signature":"","format":"anthropic-claude-v1","index":2},
              {"type":"reasoning.text","text":"gemini unsigned","format":"google-gemini-v1","index":3},
              {"type":"reasoning.text","text":"gemini signed","signature":"{{Signature}}","format":"google-gemini-v1","index":4},
              {"type":"reasoning.text","text":"openai unsigned","format":"openai-responses-v1","index":5},
              {"type":"reasoning.encrypted","data":"gemini-continuity","format":"google-gemini-v1","index":6},
              {"type":"reasoning.text","text":"anthropic signed","signature":"{{Signature}}","format":"anthropic-claude-v1","index":7}
            ]
            """;

        JsonArray sent = await ReasoningDetailsSentBackAsync([Assistant(details, "Done.")]);

        Assert.Equal(
            ["gemini signed", "openai unsigned", "gemini-continuity", "anthropic signed"],
            sent.Select(d => (string?)d!["text"] ?? (string?)d["data"]));
    }

    // ---- 4. an empty reasoning_details array --------------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_ResponseWithEmptyReasoningDetails_SendsTheEmptyArrayBack()
    {
        // convert-messages msg.rt_empty_array (DeepSeek V4 returns [] and requires it back).
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""{"id":"g","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"No reasoning this turn","reasoning_details":[]}}]}""");
        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        JsonArray sent = await ReasoningDetailsSentBackAsync(response.Messages);

        Assert.Empty(sent);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallStreamWithEmptyReasoningDetails_SendsTheEmptyArrayBack()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning_details":[]}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning_details":[],"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);
        JsonArray sent = await ReasoningDetailsSentBackAsync(response.Messages);

        Assert.Empty(sent);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TextStreamWithEmptyReasoningDetails_GetsNoReasoningContent()
    {
        // Anthropic sends "reasoning_details":[] on every chunk of a plain answer, and no reasoning_details in its JSON answer.
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi","reasoning_details":[]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
    }

    [Fact]
    public async Task GetResponseAsync_EveryReplayedItemStripped_SendsAnEmptyArray()
    {
        // convert-messages msg.strip_no_signature: what was there and was removed still goes back as [].
        JsonArray sent = await ReasoningDetailsSentBackAsync([Assistant("""[{"type":"reasoning.text","text":"Let me think about this..."}]""", "The answer is 4.")]);

        Assert.Empty(sent);
    }

    [Fact]
    public async Task GetResponseAsync_AssistantWithoutReasoningDetails_SendsNoReasoningDetails()
    {
        // convert-messages msg.rt_absent, msg.strip_absent.
        ChatMessage assistant = new(ChatRole.Assistant, [new TextReasoningContent("Reasoning text"), new TextContent("Response")]);

        JsonObject sent = await AssistantSentBackAsync([new ChatMessage(ChatRole.User, "Hi"), assistant]);

        Assert.False(sent.ContainsKey("reasoning_details"));
    }

    // ---- 5. de-duplication across the conversation -----------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_ReasoningIdRepeatedInALaterTurn_IsSentOnlyOnce()
    {
        // convert-messages msg.dedupe_same_id (peer issue #254: "Duplicate item found with id").
        const string first = """[{"type":"reasoning.encrypted","data":"encrypted-data-1","id":"rs_0ad2"}]""";
        const string second = """[{"type":"reasoning.encrypted","data":"encrypted-data-2","id":"rs_0ad2"}]""";
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather and time?"),
            new(ChatRole.Assistant, [new TextReasoningContent(string.Empty) { ProtectedData = first }, new FunctionCallContent("call-1", "get_weather")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-1", "Sunny, 72F")]),
            new(ChatRole.Assistant, [new TextReasoningContent(string.Empty) { ProtectedData = second }, new FunctionCallContent("call-2", "get_time")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-2", "12:00")]),
        ];

        JsonArray sent = (await CaptureBodyAsync(messages))["messages"]!.AsArray();

        Assert.Equal("encrypted-data-1", (string?)sent[1]!["reasoning_details"]![0]!["data"]);
        Assert.Empty(sent[3]!["reasoning_details"]!.AsArray());
    }

    [Fact]
    public async Task GetResponseAsync_SummaryRepeatedAndNewTextInALaterTurn_KeepsOnlyTheNewItem()
    {
        // convert-messages msg.dedupe_mixed: text is keyed by its text, a summary by its summary.
        ChatMessage[] messages =
        [
            Assistant("""[{"type":"reasoning.text","text":"Thinking step 1","signature":"sig-1"},{"type":"reasoning.summary","summary":"Summary of thinking"}]""", "First response"),
            new(ChatRole.User, "Follow up"),
            Assistant("""[{"type":"reasoning.text","text":"Thinking step 1","signature":"sig-1"},{"type":"reasoning.text","text":"Thinking step 2","signature":"sig-2"}]""", "Second response"),
        ];

        JsonArray sent = (await CaptureBodyAsync(messages))["messages"]!.AsArray();

        Assert.Equal(2, sent[0]!["reasoning_details"]!.AsArray().Count);
        Assert.Equal("Thinking step 2", (string?)Assert.Single(sent[2]!["reasoning_details"]!.AsArray())!["text"]);
    }

    // ---- 6. tool-call ids ------------------------------------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_DuplicateAndEmptyToolCallIds_AreMadeUniqueAndNonEmpty()
    {
        // chat-index json.duplicate_tool_ids, json.empty_tool_ids, json.unique_tool_id.
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""
            {"id":"gen-dup","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"","tool_calls":[
              {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Tokyo\"}"}},
              {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"London\"}"}},
              {"id":"","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
              {"type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}},
              {"id":"call_abc123","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]}}]}
            """);

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        string[] ids = [.. response.Messages[0].Contents.OfType<FunctionCallContent>().Select(c => c.CallId)];
        Assert.Equal(5, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal("call_0", ids[0]);
        Assert.Equal("call_abc123", ids[4]);
    }

    [Fact]
    public async Task ToChatResponseAsync_StreamedDuplicateToolCallIds_AreMadeUniqueLikeTheJsonAnswer()
    {
        // chat-index sse.duplicate_tool_ids, sse.empty_tool_ids.
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Tokyo\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"London\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":2,"id":"","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
        string json = """
            {"id":"gen-test","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Tokyo\"}"}},
              {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"London\"}"}},
              {"id":"","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}]}
            """;

        ChatResponse streamed = await StreamToResponseAsync(sse);
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson(json);
        ChatResponse direct = await client.GetResponseAsync("x", cancellationToken: Ct);

        string[] ids = [.. streamed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId)];
        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids, direct.Messages[0].Contents.OfType<FunctionCallContent>().Select(c => c.CallId));
    }

    // ---- 7. finish reason ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("null", false, "tool_calls")] // json.finish_null_tools (#166)
    [InlineData("\"some_unknown_reason\"", false, "tool_calls")] // json.finish_unknown_tools (#420)
    [InlineData("\"stop\"", true, "tool_calls")] // json.finish_encrypted_stop_tools (Gemini 3)
    [InlineData("\"stop\"", false, "stop")] // json.finish_stop_tools
    [InlineData("\"length\"", false, "length")]
    public async Task GetResponseAsync_ToolCallsWithFinishReason_MapsLikeThePeer(string finish, bool encrypted, string expected)
    {
        string details = encrypted ? ""","reasoning_details":[{"type":"reasoning.encrypted","data":"thoughtsig"}]""" : string.Empty;
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson($$$"""{"id":"g","choices":[{"index":0,"finish_reason":{{{finish}}},"message":{"role":"assistant","content":""{{{details}}},"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}}]}""");

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_NullFinishReasonWithoutToolCalls_StaysNull()
    {
        // json.finish_null_no_tools: no tool calls, nothing to infer.
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""{"id":"g","choices":[{"index":0,"finish_reason":null,"message":{"role":"assistant","content":"Hello!"}}]}""");

        Assert.Null((await client.GetResponseAsync("x", cancellationToken: Ct)).FinishReason);
    }

    [Fact]
    public async Task ToChatResponseAsync_StreamWithToolCallsButNoFinishReason_IsToolCalls()
    {
        // chat-index sse.finish_missing_tools (#420).
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_kimi_001","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Tokyo\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":null}]}""",
            """{"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":25,"total_tokens":125}}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("call_kimi_001", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()).CallId);
        Assert.Equal(125, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task ToChatResponseAsync_StreamStopWithEncryptedReasoningAndToolCalls_IsToolCalls()
    {
        // chat-index sse.finish_encrypted_stop_tools (Gemini 3).
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_details":[{"type":"reasoning.encrypted","data":"encrypted_thoughtsig_data"}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_gemini3_123","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"SF\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        Assert.Equal(ChatFinishReason.ToolCalls, (await StreamToResponseAsync(sse)).FinishReason);
    }

    // ---- 8. a malformed generated image ---------------------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_OneMalformedImage_KeepsTextOtherImagesAndUsage()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""
            {"id":"g","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Two cats.","images":[
              {"type":"image_url","image_url":{"url":"data:image/png;base64,%%%not-base64%%%"}},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]}}],
             "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}
            """);

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal("Two cats.", response.Text);
        Assert.Equal(7, response.Usage!.TotalTokenCount);
        DataContent image = Assert.Single(response.Messages[0].Contents.OfType<DataContent>());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.Data.ToArray());
        ErrorContent broken = Assert.Single(response.Messages[0].Contents.OfType<ErrorContent>());
        Assert.Equal("invalid_image", broken.ErrorCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MalformedImageChunk_DoesNotEndTheStream()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"content":"A cat.","images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,%%%"},"index":0}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Equal("A cat.", response.Text);
        Assert.Equal(7, response.Usage!.TotalTokenCount);
        Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>());
    }

    [Fact]
    public async Task GetResponseAsync_ImageBase64WithoutPadding_IsDecodedAsABrowserWould()
    {
        // A data: URL is decoded as browsers decode one: "=" padding is optional.
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""{"id":"g","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"","images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw"}}]}}]}""");

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        DataContent image = Assert.Single(response.Messages[0].Contents.OfType<DataContent>());
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.Data.ToArray());
    }

    // ---- 9. request shapes ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("https://example.com/video.mp4", "video/mp4")] // msg.video_url
    [InlineData("https://example.com/sample", "video/webm")] // msg.video_each.webm
    public async Task GetResponseAsync_VideoUri_IsSentAsVideoUrlPart(string url, string mediaType)
    {
        JsonObject part = await UserPartAsync(new UriContent(new Uri(url), mediaType));

        Assert.Equal("video_url", (string?)part["type"]);
        Assert.Equal(url, (string?)part["video_url"]!["url"]);
    }

    [Fact]
    public async Task GetResponseAsync_VideoBytes_IsSentAsVideoUrlDataUri()
    {
        // msg.video_bytes
        JsonObject part = await UserPartAsync(new DataContent(new byte[] { 0, 1, 2, 3 }, "video/webm"));

        Assert.Equal("video_url", (string?)part["type"]);
        Assert.Equal("data:video/webm;base64,AAECAw==", (string?)part["video_url"]!["url"]);
    }

    [Theory]
    [InlineData("audio/aac", "aac")] // msg.audio.aac
    [InlineData("audio/x-aac", "aac")]
    [InlineData("audio/aiff", "aiff")]
    [InlineData("audio/x-aiff", "aiff")]
    [InlineData("audio/vorbis", "ogg")]
    [InlineData("audio/ogg", "ogg")]
    [InlineData("audio/mp4", "m4a")]
    public async Task GetResponseAsync_AudioMediaTypesOpenRouterTakes_AreSentWithTheirFormat(string mediaType, string format)
    {
        JsonObject part = await UserPartAsync(new DataContent(new byte[] { 0, 1, 2, 3 }, mediaType));

        Assert.Equal("input_audio", (string?)part["type"]);
        Assert.Equal(format, (string?)part["input_audio"]!["format"]);
        Assert.Equal("AAECAw==", (string?)part["input_audio"]!["data"]);
    }

    [Fact]
    public async Task GetResponseAsync_ToolResultWithTextAndImage_IsSentAsContentParts()
    {
        // convert-messages msg.tool_result_text_image (peer issue #181).
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Take a screenshot"),
            new(ChatRole.Assistant, [new FunctionCallContent("call-123", "screenshot_tool")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-123", new AIContent[] { new TextContent("Here is the screenshot:"), new DataContent(png, "image/png") })]),
        ];

        JsonNode tool = (await CaptureBodyAsync(messages))["messages"]![2]!;

        Assert.Equal("call-123", (string?)tool["tool_call_id"]);
        JsonArray parts = tool["content"]!.AsArray();
        Assert.Equal("""[{"type":"text","text":"Here is the screenshot:"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]""", parts.ToJsonString());
    }

    [Fact]
    public async Task GetResponseAsync_ToolResultWithOneDocument_IsSentAsAFilePart()
    {
        // convert-messages msg.tool_result_pdf.
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Read it"),
            new(ChatRole.Assistant, [new FunctionCallContent("call-abc", "pdf_reader")]),
            new(ChatRole.Tool, [new FunctionResultContent("call-abc", new DataContent(Encoding.UTF8.GetBytes("file content"), "application/pdf") { Name = "report.pdf" })]),
        ];

        JsonNode tool = (await CaptureBodyAsync(messages))["messages"]![2]!;

        Assert.Equal("""[{"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,ZmlsZSBjb250ZW50"}}]""", tool["content"]!.ToJsonString());
    }

    // ---- 10. file annotations go back -------------------------------------------------------------------------

    [Fact]
    public async Task GetResponseAsync_FileAnnotationsOfAParsedPdf_AreSentBackOnTheAssistantMessage()
    {
        // overview_multimodal_pdfs.mdx "Skip Parsing Costs"; chat-index sse.file_annotation.
        const string file = """{"hash":"abc123def456","name":"bitcoin.pdf","content":[{"type":"text","text":"Page 1 content"}]}""";
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""{"id":"g","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"The title is Bitcoin.","annotations":[{"type":"file","file":""" + file + """},{"type":"url_citation","url_citation":{"url":"https://bitcoin.org","title":"Bitcoin"}}]}}]}""");
        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        JsonObject assistant = await AssistantSentBackAsync([new ChatMessage(ChatRole.User, "Summarize"), .. response.Messages]);

        JsonObject annotation = Assert.IsType<JsonObject>(Assert.Single(assistant["annotations"]!.AsArray()));
        Assert.Equal("file", (string?)annotation["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(file), annotation["file"]));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FileAnnotationsOfAParsedPdf_AreSentBackOnTheAssistantMessage()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","content":"The title is Bitcoin."}}]}""",
            """{"choices":[{"index":0,"delta":{"annotations":[{"type":"file","file":{"hash":"h1","name":"doc1.pdf","content":[{"type":"text","text":"Doc 1"}]}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"annotations":[{"type":"file","file":{"hash":"h2","name":"doc2.pdf","content":[{"type":"text","text":"Doc 2"}]}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");
        ChatResponse response = await StreamToResponseAsync(sse);

        JsonObject assistant = await AssistantSentBackAsync([new ChatMessage(ChatRole.User, "Compare"), .. response.Messages]);

        Assert.Equal(["h1", "h2"], assistant["annotations"]!.AsArray().Select(a => (string?)a!["file"]!["hash"]));
        Assert.Equal("The title is Bitcoin.", (string?)assistant["content"]);
    }

    // ---- 11. a surrogate pair split across chunks --------------------------------------------------------------

    [Fact]
    public async Task ToChatResponseAsync_SurrogatePairSplitAcrossDeltas_ComesOutWhole()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"content":"Smile \ud83d"}}]}""",
            """{"choices":[{"index":0,"delta":{"content":"\ude00 done"}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning":"Think \ud83d"}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning":"\ude00"}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Equal("Smile \U0001F600 done", response.Text);
        Assert.Equal("Think \U0001F600", string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
    }

    [Fact]
    public async Task ToChatResponseAsync_LoneSurrogates_BecomeReplacementCharacters()
    {
        string sse = Sse(
            """{"choices":[{"index":0,"delta":{"content":"a\ude00b"}}]}""",
            """{"choices":[{"index":0,"delta":{"content":"c\ud83d"}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        ChatResponse response = await StreamToResponseAsync(sse);

        Assert.Equal("a\uFFFDbc\uFFFD", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_LoneSurrogateInJsonAnswer_BecomesAReplacementCharacter()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""{"id":"g","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"cut \ud83d"}}]}""");

        Assert.Equal("cut \uFFFD", (await client.GetResponseAsync("x", cancellationToken: Ct)).Text);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>An SSE body of chunks (each given its envelope unless it has one), ending with <c>[DONE]</c>.</summary>
    private static string Sse(params string[] chunks)
    {
        var body = new StringBuilder();
        foreach (string chunk in chunks)
        {
            // The envelope is spliced in as text: the chunk's own escapes (a lone surrogate half) must reach the wire as written.
            body.Append("data: ")
                .Append("""{"id":"gen-test","object":"chat.completion.chunk","created":1711357598,"model":"anthropic/claude-sonnet-4.6",""")
                .Append(chunk.AsSpan(1))
                .Append("\n\n");
        }

        return body.Append("data: [DONE]\n\n").ToString();
    }

    private static Task<List<ChatResponseUpdate>> StreamAsync(string sse) => ChatTestKit.StreamAsync(sse);

    private static async Task<ChatResponse> StreamToResponseAsync(string sse) => (await StreamAsync(sse)).ToChatResponse();

    private static ChatMessage Assistant(string reasoningDetails, string text) =>
        new(ChatRole.Assistant, [new TextReasoningContent("reasoning") { ProtectedData = reasoningDetails }, new TextContent(text)]);

    private static async Task<JsonObject> CaptureBodyAsync(IEnumerable<ChatMessage> messages) =>
        JsonNode.Parse(await ChatTestKit.CaptureRequestAsync(messages))!.AsObject();

    /// <summary>The first assistant message of the next request that carries <paramref name="history"/>.</summary>
    private static async Task<JsonObject> AssistantSentBackAsync(IEnumerable<ChatMessage> history)
    {
        JsonObject body = await CaptureBodyAsync([.. history, new ChatMessage(ChatRole.User, "Are you sure?")]);
        return body["messages"]!.AsArray().First(m => (string?)m!["role"] == "assistant")!.AsObject();
    }

    private static async Task<JsonArray> ReasoningDetailsSentBackAsync(IEnumerable<ChatMessage> assistantMessages)
    {
        JsonObject assistant = await AssistantSentBackAsync([new ChatMessage(ChatRole.User, "Hi"), .. assistantMessages]);
        return Assert.IsType<JsonArray>(assistant["reasoning_details"]);
    }

    private static async Task<JsonObject> UserPartAsync(AIContent media)
    {
        JsonObject body = await CaptureBodyAsync([new ChatMessage(ChatRole.User, [new TextContent("Describe this"), media])]);
        return body["messages"]![0]!["content"]![1]!.AsObject();
    }
}
