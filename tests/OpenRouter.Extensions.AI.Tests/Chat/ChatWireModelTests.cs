using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>The wire model's rules on hand-written chunks: the merge rule of reasoning_details, streamed annotations and images, unknown members.</summary>
public sealed class ChatWireModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStreamingResponseAsync_EncryptedPieceAtTheIndexOfATextItem_StaysItsOwnItem()
    {
        string sse = """
            data: {"id":"g","choices":[{"delta":{"reasoning":"Think ","reasoning_details":[{"type":"reasoning.text","text":"Think ","index":0,"format":"google-gemini-v1"}]}}]}

            data: {"id":"g","choices":[{"delta":{"reasoning":"more","reasoning_details":[{"type":"reasoning.text","text":"more","index":0}]}}]}

            data: {"id":"g","choices":[{"delta":{"reasoning_details":[{"type":"reasoning.encrypted","data":"ENC-1","id":"tool_1","index":0,"format":"google-gemini-v1"}]}}]}

            data: {"id":"g","choices":[{"delta":{"reasoning_details":[{"type":"reasoning.encrypted","data":"ENC-2","id":"tool_2","index":0}]}}]}

            data: {"id":"g","choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}

            data: [DONE]


            """;

        ChatResponse response = (await StreamAsync(sse)).ToChatResponse();

        TextReasoningContent reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.Equal("Think more", reasoning.Text);
        JsonElement[] items = [.. JsonDocument.Parse(reasoning.ProtectedData!).RootElement.EnumerateArray()];
        Assert.Equal(3, items.Length);
        Assert.Equal("Think more", items[0].GetProperty("text").GetString());
        Assert.Equal(("ENC-1", "tool_1"), (items[1].GetProperty("data").GetString(), items[1].GetProperty("id").GetString()));
        Assert.Equal(("ENC-2", "tool_2"), (items[2].GetProperty("data").GetString(), items[2].GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SummaryOnlyReasoning_BecomesReasoningText()
    {
        string sse = """
            data: {"id":"g","choices":[{"delta":{"reasoning_details":[{"type":"reasoning.summary","summary":"**Plan**","index":0}]}}]}

            data: {"id":"g","choices":[{"delta":{"reasoning_details":[{"type":"reasoning.summary","summary":" then answer","index":0}]}}]}

            data: {"id":"g","choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}

            data: [DONE]


            """;

        ChatResponse response = (await StreamAsync(sse)).ToChatResponse();

        TextReasoningContent reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.Equal("**Plan** then answer", reasoning.Text);
        Assert.Equal("**Plan** then answer", JsonDocument.Parse(reasoning.ProtectedData!).RootElement[0].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AnnotationsAndImages_ArriveOnTheirChunks()
    {
        string sse = """
            data: {"id":"g","choices":[{"delta":{"content":"","annotations":[{"type":"url_citation","url_citation":{"url":"https://example.com/a","title":"A","content":"cited","start_index":0,"end_index":2}}]}}]}

            data: {"id":"g","choices":[{"delta":{"content":"Hi","images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]}}]}

            data: {"id":"g","choices":[{"delta":{"content":""},"finish_reason":"stop"}]}

            data: [DONE]


            """;

        List<ChatResponseUpdate> updates = await StreamAsync(sse);

        CitationAnnotation citation = Assert.IsType<CitationAnnotation>(Assert.Single(updates[0].Contents.OfType<TextContent>().Single().Annotations!));
        Assert.Equal((new Uri("https://example.com/a"), "A", "cited"), (citation.Url, citation.Title, citation.Snippet));
        TextSpanAnnotatedRegion region = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(citation.AnnotatedRegions!));
        Assert.Equal((0, 2), (region.StartIndex, region.EndIndex));
        DataContent image = Assert.Single(updates[1].Contents.OfType<DataContent>());
        Assert.Equal("image/png", image.MediaType);
        Assert.All(updates, u => Assert.Equal("g", u.MessageId));
        Assert.All(updates, u => Assert.NotNull(u.RawRepresentation));
    }

    [Fact]
    public async Task GetResponseAsync_UnknownMembersAndUsageDetails_ReachTheCaller()
    {
        string json = """
            {"id":"g","model":"m/x","service_tier":"priority","future_top":{"a":1},
             "choices":[{"index":0,"finish_reason":"stop","future_choice":true,"message":{"role":"assistant","content":"ok","future_message":"x"}}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.25,
               "prompt_tokens_details":{"cached_tokens":2,"cache_write_tokens":3,"audio_tokens":4,"video_tokens":6},
               "completion_tokens_details":{"reasoning_tokens":1,"image_tokens":7,"audio_tokens":8},
               "cost_details":{"upstream_inference_cost":0.2,"upstream_inference_prompt_cost":0.05,"upstream_inference_completions_cost":0.15},
               "server_tool_use_details":{"web_search_requests":2}}}
            """;
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson(json);

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        AdditionalPropertiesDictionary properties = response.AdditionalProperties!;
        Assert.Equal("priority", properties[OpenRouterResponseProperties.ServiceTier]);
        Assert.Equal(1, ((JsonElement)properties["future_top"]!).GetProperty("a").GetInt32());
        Assert.True(((JsonElement)properties["future_choice"]!).GetBoolean());
        Assert.Equal("x", ((JsonElement)properties["future_message"]!).GetString());
        Assert.Equal(0.2m, properties[OpenRouterResponseProperties.UpstreamInferenceCost]);
        Assert.Equal(0.15m, properties[OpenRouterResponseProperties.UpstreamInferenceCompletionsCost]);
        UsageDetails usage = response.Usage!;
#pragma warning disable MEAI001 // experimental counts: the typed home of audio tokens
        Assert.Equal((4L, 8L), (usage.InputAudioTokenCount, usage.OutputAudioTokenCount));
#pragma warning restore MEAI001
        Assert.Equal(3, usage.AdditionalCounts![OpenRouterUsageCounts.CacheWriteTokens]);
        Assert.Equal(6, usage.AdditionalCounts[OpenRouterUsageCounts.InputVideoTokens]);
        Assert.Equal(7, usage.AdditionalCounts[OpenRouterUsageCounts.OutputImageTokens]);
        Assert.Equal(2, usage.AdditionalCounts[OpenRouterUsageCounts.WebSearchRequests]);
        Assert.Equal("g", response.Messages[0].MessageId);
    }

    private static Task<List<ChatResponseUpdate>> StreamAsync(string sse) => ChatTestKit.StreamAsync(sse);
}
