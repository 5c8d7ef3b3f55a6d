#pragma warning disable MEAI001 // MEAI's image generation abstractions (HostedImageGenerationTool's options) are experimental.
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>Issue 24, on the wire of the in-memory handler: prompt caching, sessions, per-request headers, response caching, server tools, audio output.</summary>
public sealed class OpenRouterFeatureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonElement ObjectSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

    private static async Task<(JsonElement Body, RecordedRequest Request)> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.RespondJson(ChatTestKit.Fixture("text.json"));
            await client.GetResponseAsync(messages, options, Ct);
            RecordedRequest request = handler.Requests.Single();
            return (JsonDocument.Parse(request.Body!).RootElement, request);
        }
    }

    // Prompt caching

    [Fact]
    public async Task GetResponseAsync_CacheControlOnContentPart_IsWrittenOnThatPart()
    {
        ChatMessage message = new(ChatRole.User, [new TextContent("A long document").WithCacheControl(TimeSpan.FromHours(1)), new TextContent("Question?")]);

        (JsonElement body, _) = await SendAsync([message]);

        JsonElement content = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("""{"type":"ephemeral","ttl":"1h"}""", content[0].GetProperty("cache_control").GetRawText());
        Assert.False(content[1].TryGetProperty("cache_control", out _));
    }

    [Fact]
    public async Task GetResponseAsync_CacheControlOnSingleTextUserMessage_SendsPartsArrayWithBreakpoint()
    {
        ChatMessage message = new ChatMessage(ChatRole.User, "Hello").WithCacheControl();

        (JsonElement body, _) = await SendAsync([message]);

        Assert.Equal(
            """[{"type":"text","text":"Hello","cache_control":{"type":"ephemeral"}}]""",
            body.GetProperty("messages")[0].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_CacheControlOnSystemMessage_SendsPartsArrayWithBreakpointOnLastText()
    {
        ChatMessage system = new ChatMessage(ChatRole.System, [new TextContent("Rules. "), new TextContent("Character card.")])
        {
            AdditionalProperties = new() { ["cache_control"] = new Dictionary<string, object?> { ["type"] = "ephemeral" } },
        };

        (JsonElement body, _) = await SendAsync([system, new(ChatRole.User, "Hi")]);

        JsonElement content = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.False(content[0].TryGetProperty("cache_control", out _));
        Assert.Equal("ephemeral", content[1].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_CacheControlOnImagePart_IsWrittenOnTheImagePart()
    {
        ChatMessage message = new(ChatRole.User, [new TextContent("What is it?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png").WithCacheControl()]);

        (JsonElement body, _) = await SendAsync([message]);

        JsonElement image = body.GetProperty("messages")[0].GetProperty("content")[1];
        Assert.Equal("image_url", image.GetProperty("type").GetString());
        Assert.Equal("ephemeral", image.GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_CacheControlOnAssistantAndToolMessages_IsWrittenOnTheMessage()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Add"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "add", new Dictionary<string, object?>())]).WithCacheControl(),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "42")]).WithCacheControl(),
        ];

        (JsonElement body, _) = await SendAsync(messages);

        Assert.Equal("ephemeral", body.GetProperty("messages")[1].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", body.GetProperty("messages")[2].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_CacheControlAndStrictOnFunction_AreWrittenOnToolAndFunction()
    {
        AIFunction add = AIFunctionFactory.Create((int a, int b) => a + b, new AIFunctionFactoryOptions
        {
            Name = "add",
            AdditionalProperties = new Dictionary<string, object?> { ["strict"] = true },
        }).WithCacheControl();

        (JsonElement body, _) = await SendAsync([new(ChatRole.User, "Hi")], new ChatOptions { Tools = [add] });

        JsonElement tool = body.GetProperty("tools")[0];
        Assert.True(tool.GetProperty("function").GetProperty("strict").GetBoolean());
        Assert.Equal("ephemeral", tool.GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal(5, await add.InvokeAsync(new AIFunctionArguments { ["a"] = 2, ["b"] = 3 }, Ct) is JsonElement sum ? sum.GetInt32() : -1);
    }

    [Fact]
    public async Task GetResponseAsync_TopLevelCacheControl_StaysTopLevel()
    {
        (JsonElement body, _) = await SendAsync([new(ChatRole.User, "Hi")], new ChatOptions().WithCacheControl(TimeSpan.FromMinutes(5)));

        Assert.Equal("""{"type":"ephemeral","ttl":"5m"}""", body.GetProperty("cache_control").GetRawText());
        Assert.Equal(JsonValueKind.String, body.GetProperty("messages")[0].GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task GetResponseAsync_PeerCacheControlCases_WriteWhatTheOfficialProviderWrites()
    {
        string path = Path.Combine(RepositoryRoot.Path, "..", "shared", "peer-cases", "chat-convert-messages.json");
        if (!File.Exists(path))
        {
            Assert.Skip("../shared/peer-cases is not present.");
        }

        using JsonDocument cases = JsonDocument.Parse(File.ReadAllText(path));
        int checkedCases = 0;
        foreach (JsonElement @case in cases.RootElement.GetProperty("cases").EnumerateArray())
        {
            string id = @case.GetProperty("id").GetString()!;
            if (!id.StartsWith("msg.cache_", StringComparison.Ordinal) || id == "msg.cache_tool")
            {
                // The tool case names the tool on the message ("name"), which MEAI's FunctionResultContent does not carry.
                continue;
            }

            List<ChatMessage> messages = [.. @case.GetProperty("input").EnumerateArray().Select(PeerMessage)];
            (JsonElement body, _) = await SendAsync(messages);

            Assert.True(
                JsonElement.DeepEquals(@case.GetProperty("expected"), body.GetProperty("messages")),
                $"{id}: expected {@case.GetProperty("expected").GetRawText()}, wrote {body.GetProperty("messages").GetRawText()}");
            checkedCases++;
        }

        Assert.True(checkedCases >= 5, $"Only {checkedCases} cache_control cases found.");
    }

    // Sessions

    [Fact]
    public async Task GetResponseAsync_WithSessionId_WritesSessionIdInBody()
    {
        (JsonElement body, RecordedRequest request) = await SendAsync([new(ChatRole.User, "Hi")], new ChatOptions().WithSessionId("session-42"));

        Assert.Equal("session-42", body.GetProperty("session_id").GetString());
        Assert.Null(request.GetHeader("x-session-id"));
    }

    [Fact]
    public async Task GenerateAsync_EmbeddingsSessionId_TravelsAsHeaderNotInBody()
    {
        var handler = new RecordingHandler();
        handler.RespondJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}""");
        using var generator = new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { ApiKey = "k", DefaultEmbeddingModelId = "openai/text-embedding-3-small" }, new HttpClient(handler));

        await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions().WithSessionId("session-42"), Ct);

        Assert.Equal("session-42", handler.Last.GetHeader("x-session-id"));
        Assert.DoesNotContain("session_id", handler.Last.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ImagesSessionIdInAdditionalProperties_TravelsAsHeaderNotInBody()
    {
        var handler = new RecordingHandler();
        handler.RespondJson("""{"created":1,"data":[{"b64_json":"iVBORw0KGgo=","media_type":"image/png"}]}""");
        using var generator = new OpenRouterImageGenerator(new OpenRouterClientOptions { ApiKey = "k", DefaultImageModelId = "google/gemini-2.5-flash-image" }, new HttpClient(handler));

        await generator.GenerateAsync(new ImageGenerationRequest("a cat"), new ImageGenerationOptions { AdditionalProperties = new() { ["session_id"] = "session-42" } }, Ct);

        Assert.Equal("session-42", handler.Last.GetHeader("x-session-id"));
        Assert.DoesNotContain("session_id", handler.Last.Body, StringComparison.Ordinal);
    }

    // Per-request headers and the response cache

    [Fact]
    public async Task GetResponseAsync_WithHeader_SendsHeaderOnThatRequestOnly()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.RespondJson(ChatTestKit.Fixture("text.json")).RespondJson(ChatTestKit.Fixture("text.json"));
            var options = new ChatOptions().WithHeader("X-OpenRouter-Cache-Clear", "true");

            await client.GetResponseAsync("Hi", options, Ct);
            await client.GetResponseAsync("Hi", cancellationToken: Ct);

            Assert.Equal("true", handler.Requests[0].GetHeader("X-OpenRouter-Cache-Clear"));
            Assert.Null(handler.Requests[1].GetHeader("X-OpenRouter-Cache-Clear"));
            Assert.DoesNotContain("openrouter.headers", handler.Requests[0].Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithHeader_OnAClone_DoesNotReachTheOriginal()
    {
        ChatOptions original = new ChatOptions().WithHeader("X-A", "1");
        ChatOptions clone = original.Clone().WithHeader("X-B", "2");

        var originalHeaders = (IReadOnlyDictionary<string, string>)original.AdditionalProperties!["openrouter.headers"]!;
        var cloneHeaders = (IReadOnlyDictionary<string, string>)clone.AdditionalProperties!["openrouter.headers"]!;
        Assert.Equal(["X-A"], originalHeaders.Keys);
        Assert.Equal(["X-A", "X-B"], cloneHeaders.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("X-Injected", "a\r\nX-Evil: 1")]
    [InlineData("Authorization", "Bearer other-key")]
    [InlineData("Bad Name", "x")]
    public async Task GetResponseAsync_InvalidPerRequestHeader_ThrowsBeforeSending(string name, string value)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("Hi", new ChatOptions().WithHeader(name, value), Ct));
            Assert.Empty(handler.Requests);
        }
    }

    [Fact]
    public async Task GetResponseAsync_WithResponseCaching_SendsCacheHeadersAndReadsCacheStatus()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.Respond(HttpStatusCode.OK, ChatTestKit.Fixture("text.json"), configure: r =>
            {
                r.Headers.Add("X-OpenRouter-Cache-Status", "HIT");
                r.Headers.Add("X-OpenRouter-Cache-Age", "12");
                r.Headers.Add("X-OpenRouter-Cache-TTL", "288");
                r.Headers.Add("X-OpenRouter-Cache-Source-Id", "gen-abc123");
            });

            ChatResponse response = await client.GetResponseAsync("Hi", new ChatOptions().WithResponseCaching(TimeSpan.FromMinutes(10)), Ct);

            Assert.Equal("true", handler.Last.GetHeader("X-OpenRouter-Cache"));
            Assert.Equal("600", handler.Last.GetHeader("X-OpenRouter-Cache-TTL"));
            Assert.Equal("HIT", response.AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]);
            Assert.Equal(12L, response.AdditionalProperties[OpenRouterResponseProperties.ResponseCacheAge]);
            Assert.Equal(288L, response.AdditionalProperties[OpenRouterResponseProperties.ResponseCacheTtl]);
            Assert.Equal("gen-abc123", response.AdditionalProperties[OpenRouterResponseProperties.ResponseCacheSourceId]);
            Assert.Equal("HIT", response.Messages[0].AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]);
        }
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ResponseCacheHeaders_ReachTheResponse()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.Respond(HttpStatusCode.OK, ChatTestKit.Fixture("text.sse"), "text/event-stream", r => r.Headers.Add("X-OpenRouter-Cache-Status", "MISS"));

            ChatResponse response = await client.GetStreamingResponseAsync("Hi", new ChatOptions().WithResponseCaching(), Ct).ToChatResponseAsync(Ct);

            Assert.Equal("MISS", response.Messages[0].AdditionalProperties![OpenRouterResponseProperties.ResponseCacheStatus]);
            Assert.Null(handler.Last.GetHeader("X-OpenRouter-Cache-TTL"));
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(86401)]
    public void WithResponseCaching_TtlOutOfRange_Throws(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithResponseCaching(TimeSpan.FromSeconds(seconds)));

    // Server tools

    [Fact]
    public async Task GetResponseAsync_HostedImageGenerationTool_WritesImageGenerationServerTool()
    {
        var tool = new HostedImageGenerationTool
        {
            Options = new ImageGenerationOptions
            {
                ModelId = "openai/gpt-5-image",
                ImageSize = new System.Drawing.Size(1024, 1024),
                MediaType = "image/png",
                AdditionalProperties = new() { ["quality"] = "high" },
            },
        };

        (JsonElement body, _) = await SendAsync([new(ChatRole.User, "Draw a cat")], new ChatOptions { Tools = [tool] });

        Assert.Equal(
            """{"type":"openrouter:image_generation","parameters":{"model":"openai/gpt-5-image","size":"1024x1024","output_format":"png","quality":"high"}}""",
            body.GetProperty("tools")[0].GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_OpenRouterServerToolsAndLoopLimits_AreWritten()
    {
        var fetch = new OpenRouterServerTool(OpenRouterServerTool.WebFetch) { Parameters = new Dictionary<string, object?> { ["max_uses"] = 2 } };
        ChatOptions options = new ChatOptions { Tools = [new OpenRouterServerTool("openrouter:datetime"), fetch] }
            .WithMaxToolCalls(5)
            .WithStopServerToolsWhen(OpenRouterStopCondition.StepCountIs(3), OpenRouterStopCondition.MaxCost(0.5m));

        (JsonElement body, _) = await SendAsync([new(ChatRole.User, "What time is it?")], options);

        Assert.Equal("""[{"type":"openrouter:datetime"},{"type":"openrouter:web_fetch","parameters":{"max_uses":2}}]""", body.GetProperty("tools").GetRawText());
        Assert.Equal(5, body.GetProperty("max_tool_calls").GetInt32());
        Assert.Equal(
            """[{"type":"step_count_is","step_count":3},{"type":"max_cost","max_cost_in_dollars":0.5}]""",
            body.GetProperty("stop_server_tools_when").GetRawText());
    }

    [Fact]
    public async Task GetResponseAsync_ToolWithoutOpenRouterEquivalent_ThrowsNamingItBeforeSending()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("f", null, ObjectSchema), new HostedCodeInterpreterTool()] };

            NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("Hi", options, Ct));

            Assert.Contains("HostedCodeInterpreterTool", ex.Message, StringComparison.Ordinal);
            Assert.Empty(handler.Requests);
        }
    }

    // Audio output

    [Fact]
    public async Task GetStreamingResponseAsync_DeltaAudio_JoinsBytesIntoOneDataContentAndStreamsTranscript()
    {
        byte[] wav = [.. "RIFF"u8, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        string Chunk(string delta, string? finish = null) =>
            "data: {\"id\":\"gen-a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"openai/gpt-4o-audio-preview\"," +
            "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish is null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
        string sse =
            Chunk("{\"role\":\"assistant\",\"audio\":{\"id\":\"audio_1\",\"data\":\"" + Convert.ToBase64String(wav[..6]) + "\",\"transcript\":\"Hello\"}}") +
            Chunk("{\"audio\":{\"data\":\"" + Convert.ToBase64String(wav[6..]) + "\",\"transcript\":\" there\"}}") +
            Chunk("{}", "stop") +
            "data: [DONE]\n\n";
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.RespondSse(sse);
            List<ChatResponseUpdate> updates = [];
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Say hi", new ChatOptions().WithAudioOutput("alloy", "wav"), Ct))
            {
                updates.Add(update);
            }

            ChatResponse response = updates.ToChatResponse();
            DataContent audio = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<DataContent>());
            Assert.Equal("audio/wav", audio.MediaType);
            Assert.Equal(wav, audio.Data.ToArray());
            Assert.Equal("Hello there", response.Text);
            Assert.Equal(1, updates.Count(u => u.Contents.OfType<DataContent>().Any()));

            using JsonDocument body = JsonDocument.Parse(handler.Last.Body!);
            Assert.Equal("""["text","audio"]""", body.RootElement.GetProperty("modalities").GetRawText());
            Assert.Equal("""{"voice":"alloy","format":"wav"}""", body.RootElement.GetProperty("audio").GetRawText());
        }
    }

    [Fact]
    public async Task GetResponseAsync_MessageAudio_BecomesDataContentAndTranscript()
    {
        string json =
            "{\"id\":\"gen-b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"openai/gpt-4o-audio-preview\",\"choices\":[{\"index\":0," +
            "\"message\":{\"role\":\"assistant\",\"content\":null,\"audio\":{\"id\":\"a\",\"data\":\"" + Convert.ToBase64String("ID3abc"u8.ToArray()) +
            "\",\"transcript\":\"Hi!\"}},\"finish_reason\":\"stop\"}]}";
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using (client)
        {
            handler.RespondJson(json);

            ChatResponse response = await client.GetResponseAsync("Say hi", cancellationToken: Ct);

            DataContent audio = Assert.Single(response.Messages[0].Contents.OfType<DataContent>());
            Assert.Equal("audio/mpeg", audio.MediaType);
            Assert.Equal("Hi!", response.Text);
        }
    }

    private static ChatMessage PeerMessage(JsonElement message)
    {
        var role = new ChatRole(message.GetProperty("role").GetString()!);
        List<AIContent> contents = [];
        JsonElement content = message.GetProperty("content");
        if (content.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(content.GetString()));
        }
        else
        {
            foreach (JsonElement part in content.EnumerateArray())
            {
                AIContent converted = part.GetProperty("type").GetString() switch
                {
                    "text" => new TextContent(part.GetProperty("text").GetString()),
                    "file" => new DataContent(PeerBytes(part.GetProperty("data")), part.GetProperty("mediaType").GetString()!)
                    {
                        Name = part.TryGetProperty("providerOptions", out JsonElement po) ? po.GetProperty("openrouter").GetProperty("filename").GetString() : null,
                    },
                    var other => throw new InvalidOperationException($"Peer part type '{other}' is not converted by this test."),
                };
                if (CacheControlOf(part) is { } partCache)
                {
                    converted.AdditionalProperties = new() { ["cache_control"] = partCache };
                }

                contents.Add(converted);
            }
        }

        var result = new ChatMessage(role, contents);
        if (CacheControlOf(message) is { } cache)
        {
            result.AdditionalProperties = new() { ["cache_control"] = cache };
        }

        return result;
    }

    private static JsonElement? CacheControlOf(JsonElement item) =>
        item.TryGetProperty("providerOptions", out JsonElement options) && options.TryGetProperty("anthropic", out JsonElement anthropic) &&
        anthropic.TryGetProperty("cacheControl", out JsonElement cache)
            ? cache
            : null;

    private static byte[] PeerBytes(JsonElement data) =>
        data.ValueKind == JsonValueKind.String ? Convert.FromBase64String(data.GetString()!) : Convert.FromBase64String(data.GetProperty("$bytes").GetString()!);
}
