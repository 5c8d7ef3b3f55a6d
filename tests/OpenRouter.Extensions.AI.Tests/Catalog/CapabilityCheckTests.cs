using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenRouter.Extensions.AI.Tests.Chat;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

public sealed class CapabilityCheckTests
{
    private const string TextOnlyNoTools = "liquid/lfm-7b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AIFunction Weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Gets the weather.");

    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "Hello")];

    private sealed record Setup(OpenRouterChatClient Client, RecordingHandler Chat, RecordingHandler Catalog, ListLogger<OpenRouterChatClient> Logger) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private static Setup Create(OpenRouterCapabilityCheck mode, string defaultModel = TextOnlyNoTools, RecordingHandler? catalogHandler = null)
    {
        catalogHandler ??= CatalogTestKit.CreateHandler();
        var catalog = new OpenRouterModelCatalog(CatalogTestKit.CreateClient(catalogHandler));
        var chat = new RecordingHandler();
        chat.RespondJson(ChatTestKit.Fixture("text.json"));
        var logger = new ListLogger<OpenRouterChatClient>();
        var client = new OpenRouterChatClient(
            new OpenRouterClientOptions { ApiKey = "sk-or-test-key", DefaultModelId = defaultModel }, new HttpClient(chat), catalog, mode, logger);
        return new Setup(client, chat, catalogHandler, logger);
    }

    [Fact]
    public async Task GetResponseAsync_StrictToolsOnModelWithoutTools_ThrowsBeforeSending()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(
            () => s.Client.GetResponseAsync(Hello, new ChatOptions { Tools = [Weather] }, Ct));

        Assert.Contains($"'{TextOnlyNoTools}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tools", ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Chat.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StrictJsonSchemaWithoutStructuredOutputs_ThrowsBeforeSending()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "anthropic/claude-sonnet-4");
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement) };

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in s.Client.GetStreamingResponseAsync(Hello, options, Ct))
            {
            }
        });

        Assert.Contains("'anthropic/claude-sonnet-4'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("structured_outputs", ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Chat.Requests);
    }

    [Theory]
    [InlineData("image/png", "image input")]
    [InlineData("audio/wav", "audio input")]
    [InlineData("video/mp4", "video input")]
    [InlineData("application/pdf", "file input")]
    public async Task GetResponseAsync_StrictMediaOnTextOnlyModel_ThrowsNamingModality(string mediaType, string feature)
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict);
        ChatMessage message = new(ChatRole.User, [new TextContent("What is this?"), new DataContent(new byte[] { 1, 2, 3 }, mediaType)]);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => s.Client.GetResponseAsync([message], cancellationToken: Ct));

        Assert.Contains(feature, ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Chat.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_StrictPdfWithPluginsOnTextOnlyModel_SendsBecauseFileParserReadsIt()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict);
        ChatMessage message = new(ChatRole.User, [new DataContent(new byte[] { 1 }, "application/pdf")]);

        await s.Client.GetResponseAsync([message], new ChatOptions().WithPlugins(OpenRouterPlugin.FileParser("pdf-text")), Ct);

        Assert.Single(s.Chat.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_StrictReasoningOnNonReasoningModel_Throws()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "openai/gpt-4o");

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(
            () => s.Client.GetResponseAsync(Hello, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }, Ct));

        Assert.Contains("'openai/gpt-4o'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reasoning", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_StrictSupportedFeatures_Sends()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "openai/gpt-4o");
        var options = new ChatOptions
        {
            Tools = [Weather],
            ToolMode = ChatToolMode.RequireAny,
            Seed = 7,
            StopSequences = ["END"],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement),
        };
        ChatMessage message = new(ChatRole.User, [new TextContent("Describe"), new UriContent("https://example.com/cat.png", "image/png")]);

        await s.Client.GetResponseAsync([message], options, Ct);

        Assert.Single(s.Chat.Requests);
        Assert.Contains("\"tools\"", s.Chat.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_DropUnsupported_RemovesFromCloneAndLogs()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Drop);
        var options = new ChatOptions
        {
            Tools = [Weather],
            ToolMode = ChatToolMode.Auto,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
            ResponseFormat = ChatResponseFormat.Json,
            Temperature = 0.5f,
            Seed = 3,
        }.WithLogprobs(5);

        await s.Client.GetResponseAsync(Hello, options, Ct);

        using JsonDocument body = JsonDocument.Parse(s.Chat.Requests.Single().Body!);
        JsonElement root = body.RootElement;
        Assert.False(root.TryGetProperty("tools", out _));
        Assert.False(root.TryGetProperty("tool_choice", out _));
        Assert.False(root.TryGetProperty("reasoning", out _));
        Assert.False(root.TryGetProperty("response_format", out _));
        Assert.False(root.TryGetProperty("logprobs", out _));
        Assert.False(root.TryGetProperty("top_logprobs", out _));
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(0.5, root.GetProperty("temperature").GetDouble());

        // The caller's options are untouched.
        Assert.Single(options.Tools!);
        Assert.NotNull(options.Reasoning);
        Assert.NotNull(options.ResponseFormat);
        Assert.True(options.AdditionalProperties!.ContainsKey("logprobs"));

        LogEntry dropped = Assert.Single(s.Logger.Entries, e => e.EventId == 5012);
        Assert.Equal(LogLevel.Information, dropped.Level);
        Assert.Contains(TextOnlyNoTools, dropped.Message, StringComparison.Ordinal);
        Assert.Contains("tools", dropped.Message, StringComparison.Ordinal);
        Assert.Contains("reasoning", dropped.Message, StringComparison.Ordinal);
        Assert.Contains("logprobs", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_DropJsonSchemaOnJsonModeModel_DegradesToJsonObject()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Drop, "qwen/qwq-32b");
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object"}""").RootElement, "answer") };

        await s.Client.GetResponseAsync(Hello, options, Ct);

        using JsonDocument body = JsonDocument.Parse(s.Chat.Requests.Single().Body!);
        Assert.Equal("json_object", body.RootElement.GetProperty("response_format").GetProperty("type").GetString());
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.NotNull(((ChatResponseFormatJson)options.ResponseFormat).Schema);
    }

    [Fact]
    public async Task GetResponseAsync_DropImageOnTextOnlyModel_SendsContentAndWarns()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Drop);
        ChatMessage message = new(ChatRole.User, [new TextContent("What is this?"), new UriContent("https://example.com/cat.png", "image/png")]);

        await s.Client.GetResponseAsync([message], cancellationToken: Ct);

        Assert.Contains("image_url", s.Chat.Requests.Single().Body, StringComparison.Ordinal);
        LogEntry warning = Assert.Single(s.Logger.Entries, e => e.EventId == 5013);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("image input", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_Off_SendsUnsupportedFeaturesWithoutLoadingCatalog()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Off);

        await s.Client.GetResponseAsync(Hello, new ChatOptions { Tools = [Weather] }, Ct);

        Assert.Contains("\"tools\"", s.Chat.Requests.Single().Body, StringComparison.Ordinal);
        Assert.Equal(0, s.Catalog.Count);
    }

    [Fact]
    public async Task GetResponseAsync_StrictUnknownModel_ThrowsNamingClosestIdsAndSendsNothing()
    {
        string typo = TextOnlyNoTools.Remove(TextOnlyNoTools.Length - 2, 1);
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, typo);

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => s.Client.GetResponseAsync(Hello, cancellationToken: Ct));

        Assert.Contains($"'{typo}' is not in the OpenRouter model catalog", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Closest known ids: {TextOnlyNoTools}", ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Chat.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_StrictKnownModelWithRoutingSuffix_SendsUnchecked()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, TextOnlyNoTools + ":nitro");

        await s.Client.GetResponseAsync(Hello, cancellationToken: Ct);

        Assert.Single(s.Chat.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_DropUnknownModel_SendsUncheckedAndLogsDebug()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Drop, "brand/new-model");

        await s.Client.GetResponseAsync(Hello, new ChatOptions { Tools = [Weather] }, Ct);

        Assert.Single(s.Chat.Requests);
        LogEntry debug = Assert.Single(s.Logger.Entries);
        Assert.Equal(LogLevel.Debug, debug.Level);
        Assert.Contains("brand/new-model", debug.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_CatalogUnavailable_SendsUncheckedAndWarns()
    {
        var failing = CatalogTestKit.CreateHandler().RespondToEvery(_ => (HttpStatusCode.InternalServerError, CatalogTestKit.ServerError));
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, catalogHandler: failing);

        await s.Client.GetResponseAsync(Hello, new ChatOptions { Tools = [Weather] }, Ct);

        Assert.Single(s.Chat.Requests);
        LogEntry warning = Assert.Single(s.Logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.IsType<OpenRouterException>(warning.Exception);
    }

    [Fact]
    public async Task GetResponseAsync_ChatOptionsModelOverridesDefault_ChecksThatModel()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "openai/gpt-4o");

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(
            () => s.Client.GetResponseAsync(Hello, new ChatOptions { ModelId = "openai/text-embedding-3-small", Tools = [Weather] }, Ct));

        Assert.Contains("'openai/text-embedding-3-small'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetService_OpenRouterModel_NullUntilLoadedThenDefaultModelEntry()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "openai/gpt-4o");
        Assert.Null(s.Client.GetService<OpenRouterModel>());

        OpenRouterModelCatalog catalog = s.Client.GetService<OpenRouterModelCatalog>()!;
        await catalog.GetModelsAsync(Ct);

        OpenRouterModel model = s.Client.GetService<OpenRouterModel>()!;
        Assert.Equal("openai/gpt-4o", model.Id);
        Assert.Equal(128000, model.ContextLength);
        Assert.Equal(0.0000025m, s.Client.GetService<OpenRouterModelCapabilities>()!.PromptPrice);
        Assert.Equal("anthropic/claude-sonnet-4", s.Client.GetService<OpenRouterModel>("anthropic/claude-sonnet-4")?.Id);
        Assert.Null(s.Client.GetService<OpenRouterModel>("nobody/nothing"));
        Assert.Same(s.Client, s.Client.GetService<IChatClient>());
    }

    [Fact]
    public void GetService_NoCatalog_ReturnsNullForCatalogTypes()
    {
        (OpenRouterChatClient client, _) = ChatTestKit.Create();
        using (client)
        {
            Assert.Null(client.GetService<OpenRouterModel>());
            Assert.Null(client.GetService<OpenRouterModelCatalog>());
        }
    }

    [Fact]
    public async Task GetResponseAsync_FixtureResponse_EstimateAndReportedCostSideBySide()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, "openai/gpt-4o");

        ChatResponse response = await s.Client.GetResponseAsync(Hello, cancellationToken: Ct);
        OpenRouterModelCatalog catalog = s.Client.GetService<OpenRouterModelCatalog>()!;
        decimal? estimated = catalog.EstimateCost(response.ModelId!, response.Usage!);
        decimal reported = response.GetOpenRouterCost()!.Value;
        TestContext.Current.TestOutputHelper?.WriteLine($"estimated {estimated} USD, reported {reported} USD");

        // 10 uncached × 0.0000025 + 4 cached × 0.00000125 + 8 × 0.00001 = 0.00011; OpenRouter billed 0.000115.
        Assert.Equal(0.00011m, estimated);
        Assert.Equal(0.000115m, reported);
        Assert.InRange(Math.Abs(reported - estimated!.Value) / reported, 0m, 0.1m);
    }

    [Fact]
    public async Task GetResponseAsync_StrictRawRequestModel_ChecksTheModelThatIsSent()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict, defaultModel: "openai/gpt-4o");
        var options = new ChatOptions
        {
            ModelId = "openai/gpt-4o",
            Tools = [Weather],
            RawRepresentationFactory = _ => new OpenRouterChatRequest { Model = TextOnlyNoTools },
        };

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => s.Client.GetResponseAsync(Hello, options, Ct));

        Assert.Contains(TextOnlyNoTools, ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Chat.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_StrictReasoningTurnedOffOnNonReasoningModel_IsSent()
    {
        using Setup s = Create(OpenRouterCapabilityCheck.Strict);
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } };

        ChatResponse response = await s.Client.GetResponseAsync(Hello, options, Ct);

        Assert.NotEmpty(response.Text);
        Assert.Contains("\"enabled\":false", s.Chat.Requests.Single().Body!, StringComparison.Ordinal);
    }
}
