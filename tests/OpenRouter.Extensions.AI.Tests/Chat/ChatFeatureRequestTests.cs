using System.Text.Json;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit3;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>OpenRouter-specific request features: reasoning, structured output, multimodal input, typed routing options.</summary>
public sealed class ChatFeatureRequestTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "Hi")];

    [Theory]
    [InlineData(ReasoningEffort.None, null, """{"enabled":false}""")]
    [InlineData(ReasoningEffort.Low, null, """{"effort":"low"}""")]
    [InlineData(ReasoningEffort.Medium, null, """{"effort":"medium"}""")]
    [InlineData(ReasoningEffort.High, ReasoningOutput.Full, """{"effort":"high"}""")]
    [InlineData(ReasoningEffort.ExtraHigh, null, """{"effort":"xhigh"}""")]
    [InlineData(ReasoningEffort.High, ReasoningOutput.None, """{"effort":"high","exclude":true}""")]
    [InlineData(ReasoningEffort.Medium, ReasoningOutput.Summary, """{"effort":"medium","summary":"auto"}""")]
    public async Task GetResponseAsync_ChatOptionsReasoning_MapsToReasoningObject(ReasoningEffort effort, ReasoningOutput? output, string expected)
    {
        var reasoning = new ReasoningOptions { Effort = effort };
        if (output is { } o)
        {
            reasoning.Output = o;
        }

        string body = await ChatTestKit.CaptureRequestAsync(Hi, new ChatOptions { Reasoning = reasoning });

        Assert.True(JToken.DeepEquals(JToken.Parse(expected), JToken.Parse(body)["reasoning"]), body);
    }

    [Fact]
    public async Task GetResponseAsync_OpenRouterReasoningFields_WinOverChatOptionsFieldByField()
    {
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High, Output = ReasoningOutput.Summary } }
            .WithReasoning(new OpenRouterReasoning { MaxTokens = 2000, Summary = "detailed" });

        string body = await ChatTestKit.CaptureRequestAsync(Hi, options);

        // A token budget replaces the effort (OpenRouter takes one or the other); the summary set here wins over "auto".
        Assert.True(JToken.DeepEquals(JToken.Parse("""{"max_tokens":2000,"summary":"detailed"}"""), JToken.Parse(body)["reasoning"]), body);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningAsDictionary_EqualsTypedReasoning()
    {
        var typed = new ChatOptions().WithReasoning(new OpenRouterReasoning { MaxTokens = 1024, Exclude = true, Enabled = true });
        var plain = new ChatOptions
        {
            AdditionalProperties = new() { ["reasoning"] = new Dictionary<string, object?> { ["max_tokens"] = 1024, ["exclude"] = true, ["enabled"] = true } },
        };

        string a = await ChatTestKit.CaptureRequestAsync(Hi, typed);
        string b = await ChatTestKit.CaptureRequestAsync(Hi, plain);

        Assert.Equal(a, b);
        Assert.Contains("\"reasoning\":{\"max_tokens\":1024,\"enabled\":true,\"exclude\":true}", a, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_RoutingAsDictionaryOrJson_EqualsTypedModels()
    {
        var typed = new ChatOptions()
            .WithProviderRouting(new OpenRouterProviderRouting { Order = ["anthropic", "openai"], AllowFallbacks = false, Sort = "price", MaxPrice = new() { Prompt = 1.5m } })
            .WithModelFallbacks("anthropic/claude-sonnet-4", "openai/gpt-4o")
            .WithPlugins(OpenRouterPlugin.Web(maxResults: 2));
        var dictionaries = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["provider"] = new Dictionary<string, object?>
                {
                    ["order"] = new List<object?> { "anthropic", "openai" },
                    ["allow_fallbacks"] = false,
                    ["sort"] = "price",
                    ["max_price"] = new Dictionary<string, object?> { ["prompt"] = 1.5m },
                },
                ["models"] = new List<string> { "anthropic/claude-sonnet-4", "openai/gpt-4o" },
                ["plugins"] = new object[] { new Dictionary<string, object?> { ["id"] = "web", ["max_results"] = 2 } },
            },
        };
        var json = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["provider"] = JsonDocument.Parse("""{"order":["anthropic","openai"],"allow_fallbacks":false,"sort":"price","max_price":{"prompt":1.5}}""").RootElement,
                ["models"] = JsonDocument.Parse("""["anthropic/claude-sonnet-4","openai/gpt-4o"]""").RootElement,
                ["plugins"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"id":"web","max_results":2}]"""),
            },
        };

        string a = await ChatTestKit.CaptureRequestAsync(Hi, typed);
        string b = await ChatTestKit.CaptureRequestAsync(Hi, dictionaries);
        string c = await ChatTestKit.CaptureRequestAsync(Hi, json);

        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Snapshot.Match(JToken.Parse(a));
    }

    [Theory]
    [InlineData("grammar")]
    [InlineData("python")]
    [InlineData("strict-typed")]
    public async Task GetResponseAsync_OpenRouterResponseFormats_AreWritten(string kind)
    {
        OpenRouterResponseFormat format = kind switch
        {
            "grammar" => OpenRouterResponseFormat.ForGrammar("start: WORD+"),
            "python" => OpenRouterResponseFormat.Python,
            _ => OpenRouterResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement, "thing", strict: true),
        };

        string body = await ChatTestKit.CaptureRequestAsync(Hi, new ChatOptions().WithResponseFormat(format));

        Snapshot.Match(JToken.Parse(body)["response_format"], SnapshotNameExtension.Create(kind));
    }

    [Fact]
    public async Task GetResponseAsync_MultimodalUserMessage_WritesEveryPartKind()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        byte[] wav = [0x52, 0x49, 0x46, 0x46];
        byte[] pdf = [0x25, 0x50, 0x44, 0x46];
        var image = new DataContent(png, "image/png") { AdditionalProperties = new() { ["detail"] = "high" } };
        ChatMessage message = new(ChatRole.User,
        [
            new TextContent("Describe all of these."),
            image,
            new UriContent(new Uri("https://example.com/cat.jpg"), "image/jpeg"),
            new DataContent(wav, "audio/wav"),
            new DataContent(wav, "audio/mpeg"),
            new UriContent(new Uri("https://example.com/clip.mp4"), "video/mp4"),
            new DataContent(pdf, "application/pdf") { Name = "report.pdf" },
            new UriContent(new Uri("https://example.com/paper.pdf"), "application/pdf"),
        ]);

        string body = await ChatTestKit.CaptureRequestAsync([message]);

        Snapshot.Match(JToken.Parse(body)["messages"]);
    }

    [Theory]
    [InlineData("audio/webm")] // convert-messages msg.audio_unsupported_throws
    [InlineData("application/x-msdownload")]
    public async Task GetResponseAsync_UnsupportedMediaType_ThrowsArgumentExceptionNamingItBeforeRequest(string mediaType)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        ChatMessage message = new(ChatRole.User, [new TextContent("x"), new DataContent(new byte[] { 1, 2, 3 }, mediaType)]);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([message], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(mediaType, ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_AssistantReasoningReplayed_CarriesReasoningDetailsWithoutDuplicates()
    {
        const string first = """[{"type":"reasoning.text","text":"Think A","signature":"sig-1","format":"anthropic-claude-v1","index":0},{"type":"reasoning.summary","summary":"Sum","index":1}]""";
        const string second = """[{"type":"reasoning.text","text":"Think A","signature":"sig-1","format":"anthropic-claude-v1","index":0},{"type":"reasoning.encrypted","data":"ENC","id":"r1","index":2},{"type":"reasoning.encrypted","data":"OTHER","id":"r1","index":3},{"type":"reasoning.summary","summary":"Sum","index":1}]""";
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant,
            [
                new TextReasoningContent("Think A") { ProtectedData = first },
                new TextReasoningContent(string.Empty) { ProtectedData = second },
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny")]),
        ];

        string body = await ChatTestKit.CaptureRequestAsync(messages);

        JToken assistant = JToken.Parse(body)["messages"]![1]!;
        Assert.Null(assistant["reasoning"]);
        Snapshot.Match(assistant);
    }
}
