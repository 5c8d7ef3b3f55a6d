using System.Text.Json;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>Snapshots of the request side of web search (<see cref="HostedWebSearchTool"/>) and image output.</summary>
public sealed class WebSearchRequestTests
{
    private static readonly JsonElement CitySchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}
        """).RootElement;

    [Fact]
    public async Task GetResponseAsync_PlainHostedWebSearchTool_WritesServerToolWithoutParameters()
    {
        var options = new ChatOptions { Tools = [new HostedWebSearchTool()] };

        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Latest .NET release?")], options);

        Snapshot.Match(JToken.Parse(body)["tools"]);
    }

    [Fact]
    public async Task GetResponseAsync_TypedWebSearchNextToFunctionTool_WritesBothToolsAndToolChoice()
    {
        var webSearch = new OpenRouterWebSearchOptions
        {
            Engine = "exa",
            MaxResults = 3,
            MaxTotalResults = 10,
            MaxUses = 2,
            MaxCharacters = 2000,
            SearchContextSize = "medium",
            Mode = "fast",
            AllowedDomains = ["learn.microsoft.com", "github.com"],
            UserLocation = new OpenRouterWebSearchLocation { City = "Lyon", Country = "FR", Timezone = "Europe/Paris" },
        };
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Weather.", CitySchema), webSearch.ToTool()],
            ToolMode = ChatToolMode.Auto,
        };

        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Weather and news in Lyon?")], options);

        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task GetResponseAsync_WebSearchParametersAsAdditionalProperties_WriteTheSameAsTheTypedHelper()
    {
        var fromDictionary = new HostedWebSearchTool(new Dictionary<string, object?>
        {
            ["engine"] = "native",
            ["excluded_domains"] = new[] { "example.com" },
            ["search_context_size"] = "high",
        });
        HostedWebSearchTool typed = new OpenRouterWebSearchOptions { Engine = "native", ExcludedDomains = ["example.com"], SearchContextSize = "high" }.ToTool();

        string a = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], new ChatOptions { Tools = [fromDictionary] });
        string b = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], new ChatOptions { Tools = [typed] });

        Assert.True(JToken.DeepEquals(JToken.Parse(a)["tools"], JToken.Parse(b)["tools"]), $"{a}\n{b}");
        Snapshot.Match(JToken.Parse(a)["tools"]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WebSearchTool_IsSentWhenStreamingToo()
    {
        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], new ChatOptions { Tools = [new HostedWebSearchTool()] }, stream: true);

        Assert.Equal(OpenRouterWebSearchOptions.ServerToolType, JToken.Parse(body)["tools"]![0]!["type"]!.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_OnlyHostedToolsWithoutOpenRouterEquivalent_ThrowsInsteadOfDroppingThemSilently()
    {
        var options = new ChatOptions { Tools = [new HostedWebSearchTool(), new HostedCodeInterpreterTool()], ToolMode = ChatToolMode.Auto };

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Hi")], options));

        Assert.Contains("HostedCodeInterpreterTool 'code_interpreter'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, null)]
    [InlineData(false, "16:9", "2K")]
    public async Task GetResponseAsync_WithImageOutput_WritesModalitiesAndImageConfig(bool includeText, string? aspectRatio, string? imageSize)
    {
        ChatOptions options = new ChatOptions().WithImageOutput(includeText, aspectRatio, imageSize);

        string body = await ChatTestKit.CaptureRequestAsync([new(ChatRole.User, "Draw a lighthouse")], options);

        JToken json = JToken.Parse(body);
        Snapshot.Match(new JObject { ["modalities"] = json["modalities"], ["image_config"] = json["image_config"] }, SnapshotNameExtension.Create(includeText ? "text" : "image-only"));
    }
}
