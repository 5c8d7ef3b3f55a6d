using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenRouter.Extensions.AI;
using OpenRouter.SemanticKernel.Tests.Infrastructure;
using Snapshooter.Xunit3;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OpenRouter.SemanticKernel.Tests;

public sealed class OpenRouterPromptExecutionSettingsTests
{
    private static OpenRouterPromptExecutionSettings TypedSettings() => new()
    {
        Temperature = 0.5,
        TopP = 0.9,
        MaxTokens = 256,
        Seed = 42,
        StopSequences = ["END"],
        Provider = new OpenRouterProviderRouting { Order = ["OpenAI", "Azure"], AllowFallbacks = false, DataCollection = "deny" },
        Models = ["anthropic/claude-sonnet-4", "google/gemini-2.5-pro"],
        Reasoning = new OpenRouterReasoning { Effort = "high", Exclude = true },
        Plugins = [new OpenRouterPlugin { Id = "web" }],
        Transforms = ["middle-out"],
        User = "user-7",
    };

    private static PromptExecutionSettings EquivalentPlainSettings() => new()
    {
        ExtensionData = new Dictionary<string, object>
        {
            ["temperature"] = 0.5,
            ["top_p"] = 0.9,
            ["max_tokens"] = 256,
            ["seed"] = 42,
            ["stop_sequences"] = new[] { "END" },
            ["provider"] = new Dictionary<string, object> { ["order"] = new[] { "OpenAI", "Azure" }, ["allow_fallbacks"] = false, ["data_collection"] = "deny" },
            ["models"] = JsonDocument.Parse("""["anthropic/claude-sonnet-4","google/gemini-2.5-pro"]""").RootElement,
            ["reasoning"] = JsonDocument.Parse("""{"effort":"high","exclude":true}""").RootElement,
            ["plugins"] = JsonDocument.Parse("""[{"id":"web"}]""").RootElement,
            ["transforms"] = new[] { "middle-out" },
            ["user"] = "user-7",
        },
    };

    [Fact]
    public async Task ChatCompletionService_TypedSettings_SendsOpenRouterFields()
    {
        string body = await SendThroughChatCompletionServiceAsync(TypedSettings());

        Snapshot.Match(Json.Pretty(body));
    }

    [Fact]
    public async Task ChatCompletionService_PlainSettingsWithExtensionData_SendsSameJsonAsTypedSettings()
    {
        string typed = await SendThroughChatCompletionServiceAsync(TypedSettings());
        string plain = await SendThroughChatCompletionServiceAsync(EquivalentPlainSettings());

        Assert.Equal(Json.Pretty(typed), Json.Pretty(plain));
    }

    [Fact]
    public async Task ChatCompletionService_TypedSettings_SendsSameJsonAsMeaiChatOptions()
    {
        string typed = await SendThroughChatCompletionServiceAsync(TypedSettings());
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueText("ok");
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "k", Endpoint = server.Endpoint, DefaultModelId = "openai/gpt-4o" });
        ChatOptions options = new ChatOptions { Temperature = 0.5f, TopP = 0.9f, MaxOutputTokens = 256, Seed = 42, StopSequences = ["END"] }
            .WithProviderRouting(new OpenRouterProviderRouting { Order = ["OpenAI", "Azure"], AllowFallbacks = false, DataCollection = "deny" })
            .WithModelFallbacks("anthropic/claude-sonnet-4", "google/gemini-2.5-pro")
            .WithReasoning(new OpenRouterReasoning { Effort = "high", Exclude = true })
            .WithPlugins(new OpenRouterPlugin { Id = "web" })
            .WithTransforms("middle-out")
            .WithUser("user-7");

        await client.GetResponseAsync([new MeaiChatMessage(ChatRole.User, "hi")], options, TestContext.Current.CancellationToken);

        Assert.Equal(Json.Pretty(server.Bodies[0]), Json.Pretty(typed));
    }

    [Fact]
    public async Task KernelChatClient_TypedSettings_SendsSameJsonAsChatCompletionService()
    {
        string viaService = await SendThroughChatCompletionServiceAsync(TypedSettings());
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueText("ok");
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.AddOpenRouterChatClient("openai/gpt-4o", apiKey: "k", endpoint: server.Endpoint);
        Kernel kernel = builder.Build();

        // The IChatClient path: Semantic Kernel's ToChatOptions (JSON round trip) plus our PrepareChatOptionsForRequest.
        await kernel.InvokePromptAsync("hi", new(TypedSettings()), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Json.Pretty(viaService), Json.Pretty(server.Bodies[0]));
    }

    [Fact]
    public async Task ChatCompletionService_PlainResponseFormatDictionary_IsSentAsOpenRouterResponseFormat()
    {
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["response_format"] = JsonDocument.Parse("""{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":{"type":"object"}}}""").RootElement,
            },
        };

        string body = await SendThroughChatCompletionServiceAsync(settings);

        using JsonDocument document = JsonDocument.Parse(body);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":{"type":"object"}}}"""),
            JsonNode.Parse(document.RootElement.GetProperty("response_format").GetRawText())));
    }

    [Fact]
    public void FromExecutionSettings_PlainSettings_ReadsTypedFieldsAndKeepsUnknownKeys()
    {
        PromptExecutionSettings plain = EquivalentPlainSettings();
        plain.ModelId = "openai/gpt-4o-mini";
        plain.ExtensionData!["min_p"] = 0.1;

        OpenRouterPromptExecutionSettings settings = OpenRouterPromptExecutionSettings.FromExecutionSettings(plain);

        Assert.Equal("openai/gpt-4o-mini", settings.ModelId);
        Assert.Equal(0.5, settings.Temperature);
        Assert.Equal(["OpenAI", "Azure"], settings.Provider?.Order);
        Assert.Equal("high", settings.Reasoning?.Effort);
        Assert.Equal(["anthropic/claude-sonnet-4", "google/gemini-2.5-pro"], settings.Models);
        Assert.Equal("web", Assert.Single(settings.Plugins!).Id);
        Assert.True(settings.ExtensionData!.ContainsKey("min_p"));
    }

    [Fact]
    public void FromExecutionSettings_OpenRouterSettings_ReturnsSameInstance()
    {
        OpenRouterPromptExecutionSettings settings = TypedSettings();

        Assert.Same(settings, OpenRouterPromptExecutionSettings.FromExecutionSettings(settings));
    }

    [Fact]
    public void Clone_TypedSettings_CopiesFieldsAndListsIndependently()
    {
        OpenRouterPromptExecutionSettings settings = TypedSettings();

        var clone = (OpenRouterPromptExecutionSettings)settings.Clone();
        clone.Models!.Add("x/y");

        Assert.Equal(settings.Temperature, clone.Temperature);
        Assert.Same(settings.Provider, clone.Provider);
        Assert.Equal(2, settings.Models!.Count);
    }

    [Fact]
    public void Freeze_ThenSet_Throws()
    {
        OpenRouterPromptExecutionSettings settings = TypedSettings();

        settings.Freeze();

        Assert.Throws<InvalidOperationException>(() => settings.Temperature = 1);
        Assert.Throws<InvalidOperationException>(() => settings.Provider = null);
        Assert.Throws<NotSupportedException>(() => settings.Models!.Add("x/y"));
    }

    private static async Task<string> SendThroughChatCompletionServiceAsync(PromptExecutionSettings settings)
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueText("ok");
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.AddOpenRouterChatCompletion("openai/gpt-4o", apiKey: "k", endpoint: server.Endpoint);
        Kernel kernel = builder.Build();
        var history = new ChatHistory();
        history.AddUserMessage("hi");

        await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentsAsync(history, settings, kernel, TestContext.Current.CancellationToken);

        return Assert.Single(server.Bodies);
    }
}
