using System.Text.Json;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>Snapshots of the exact /chat/completions request JSON for ChatOptions and message shapes.</summary>
public sealed class ChatRequestSnapshotTests
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}
        """).RootElement;

    [Fact]
    public async Task GetResponseAsync_SingleUserMessage_WritesModelAndStringContent()
    {
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "What is the capital of France?")]);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_AllRolesAndInstructions_WritesLeadingSystemAndDeveloperMessages()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are terse."),
            new(new ChatRole("developer"), "Answer in French."),
            new(ChatRole.User, "Hello") { AuthorName = "alice" },
            new(ChatRole.Assistant, "Bonjour"),
            new(ChatRole.User, [new TextContent("Part one. "), new TextContent("Part two.")]),
        ];
        string body = await ChatTestKit.CaptureRequestAsync(messages, new ChatOptions { Instructions = "Agent instructions." });
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_SamplingOptions_WritesEveryField()
    {
        var options = new ChatOptions
        {
            ModelId = "anthropic/claude-sonnet-4",
            Temperature = 0.7f,
            TopP = 0.9f,
            TopK = 40,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.25f,
            Seed = 42,
            StopSequences = ["END", "STOP"],
            MaxOutputTokens = 512,
        };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_ToolsAutoNoParallel_WritesToolsToolChoiceAndParallelFlag()
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Gets the weather for a city.")],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = false,
        };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Weather in Paris?")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("required")]
    [InlineData("specific")]
    public async Task GetResponseAsync_ToolModes_WritesToolChoice(string mode)
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Weather.", WeatherSchema)],
            ToolMode = mode switch
            {
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                _ => ChatToolMode.RequireSpecific("get_weather"),
            },
        };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        Snapshot.Match(JToken.Parse(body)["tool_choice"], SnapshotNameExtension.Create(mode));
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallHistory_WritesAssistantToolCallsAndToolMessages()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather in Paris and Rome?"),
            new(ChatRole.Assistant,
            [
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                new FunctionCallContent("call_2", "get_weather", new Dictionary<string, object?> { ["city"] = "Rome", ["days"] = 2 }),
            ]),
            new(ChatRole.Tool,
            [
                new FunctionResultContent("call_1", "Sunny, 21°C"),
                new FunctionResultContent("call_2", new Dictionary<string, object?> { ["sky"] = "cloudy", ["celsius"] = 18 }),
            ]),
        ];
        string body = await ChatTestKit.CaptureRequestAsync(messages);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_JsonResponseFormat_WritesJsonObject()
    {
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "JSON please")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        Snapshot.Match(JToken.Parse(body)["response_format"]);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaWithStrict_WritesNameDescriptionSchemaStrict()
    {
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(WeatherSchema, "weather", "A weather report."),
        }.WithStrictJsonSchema();
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Weather")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaWithoutName_WritesDefaultName()
    {
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(WeatherSchema) };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Weather")], options);
        Snapshot.Match(JToken.Parse(body)["response_format"]);
    }

    [Fact]
    public async Task GetResponseAsync_AdditionalProperties_PassesWireFieldsAndUnknownKeysThrough()
    {
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["models"] = new[] { "openai/gpt-4o", "anthropic/claude-sonnet-4" },
                ["provider"] = new Dictionary<string, object?> { ["order"] = new[] { "openai", "azure" }, ["allow_fallbacks"] = false },
                ["plugins"] = JsonDocument.Parse("""[{"id":"web","max_results":3}]""").RootElement,
                ["transforms"] = new List<string> { "middle-out" },
                ["logit_bias"] = new Dictionary<string, double> { ["50256"] = -100 },
                ["logprobs"] = true,
                ["top_logprobs"] = 3,
                ["metadata"] = new Dictionary<string, string> { ["session"] = "s-1" },
                ["user"] = "user-123",
                ["min_p"] = 0.05,
                ["top_a"] = 0.2,
                ["repetition_penalty"] = 1.1,
                ["verbosity"] = "low",
                ["a_parameter_openrouter_adds_next_year"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = 1 },
            },
        };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_TypedExtensionMethods_WritesOpenRouterFields()
    {
        var options = new ChatOptions()
            .WithModelFallbacks("openai/gpt-4o", "anthropic/claude-sonnet-4")
            .WithProviderRouting(new OpenRouterProviderRouting
            {
                Order = ["openai", "azure"],
                Only = ["openai", "azure", "together"],
                Ignore = ["deepinfra"],
                AllowFallbacks = false,
                RequireParameters = true,
                DataCollection = "deny",
                Zdr = true,
                Quantizations = ["fp8", "bf16"],
                Sort = "throughput",
                MaxPrice = new OpenRouterMaxPrice { Prompt = 1m, Completion = 2.5m, Request = 0.001m, Image = 0.01m },
            })
            .WithPlugins(OpenRouterPlugin.Web(maxResults: 3, searchPrompt: "Results:"), OpenRouterPlugin.FileParser("pdf-text"))
            .WithTransforms("middle-out")
            .WithUser("user-123")
            .WithMetadata(new Dictionary<string, string> { ["session"] = "s-1" })
            .WithLogitBias(new Dictionary<int, double> { [50256] = -100 })
            .WithLogprobs(topLogprobs: 3)
            .WithMinP(0.05)
            .WithTopA(0.2)
            .WithRepetitionPenalty(1.1)
            .WithVerbosity("low")
            .WithMaxCompletionTokens(1000);
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_RawRepresentationFactory_WinsOverChatOptions()
    {
        var options = new ChatOptions
        {
            ModelId = "openai/gpt-4o",
            Temperature = 0.1f,
            AdditionalProperties = new() { ["user"] = "from-additional-properties" },
            RawRepresentationFactory = _ =>
            {
                var request = new OpenRouterChatRequest { Temperature = 0.9, User = "from-raw", Models = ["x-ai/grok-4"] };
                request.Fields["route"] = "fallback";
                return request;
            },
        };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Request_WritesStreamAndIncludeUsage()
    {
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 10 }, stream: true);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_TypedOptionAndSameAdditionalProperty_TypedOptionWins()
    {
        var options = new ChatOptions { Temperature = 0.2f, AdditionalProperties = new() { ["temperature"] = 1.5 } };
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options);
        JToken json = JToken.Parse(body);
        Assert.Equal(0.2, json["temperature"]!.Value<double>(), 6);
        Assert.Equal(1, body.Split("\"temperature\"").Length - 1);
    }
}
