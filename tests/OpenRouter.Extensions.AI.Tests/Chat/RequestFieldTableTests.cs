using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>The precedence rules of the one request-field table (<c>ChatRequestFields</c>), each on the wire, and the table's own invariants.</summary>
public sealed class RequestFieldTableTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "Hi")];

    private static async Task<JsonElement> SendAsync(ChatOptions? options, bool stream = false)
    {
        string body = await ChatTestKit.CaptureRequestAsync(Hi, options, stream);
        return JsonDocument.Parse(body).RootElement;
    }

    private static int Count(JsonElement root, string name) => root.EnumerateObject().Count(p => p.NameEquals(name));

    private static ChatOptions WithRaw(ChatOptions options, Action<OpenRouterChatRequest> configure)
    {
        options.RawRepresentationFactory = _ =>
        {
            var raw = new OpenRouterChatRequest();
            configure(raw);
            return raw;
        };
        return options;
    }

    [Fact]
    public async Task Write_RawRequestField_WinsOverTypedOptionAndAdditionalProperties()
    {
        var options = WithRaw(new ChatOptions { Temperature = 0.1f, AdditionalProperties = new() { ["temperature"] = 1.5 } }, r => r.Temperature = 0.9);

        JsonElement root = await SendAsync(options);

        Assert.Equal(0.9, root.GetProperty("temperature").GetDouble());
        Assert.Equal(1, Count(root, "temperature"));
    }

    [Theory]
    [InlineData("temperature")]
    [InlineData("top_p")]
    [InlineData("top_k")]
    [InlineData("max_tokens")]
    [InlineData("seed")]
    [InlineData("stop")]
    [InlineData("response_format")]
    public async Task Write_TypedOption_WinsOverAdditionalProperties(string name)
    {
        var options = new ChatOptions
        {
            Temperature = 0.25f,
            TopP = 0.5f,
            TopK = 5,
            MaxOutputTokens = 50,
            Seed = 5,
            StopSequences = ["typed"],
            ResponseFormat = ChatResponseFormat.Json,
            AdditionalProperties = new() { [name] = "from-additional-properties" },
        };

        JsonElement root = await SendAsync(options);

        Assert.Equal(1, Count(root, name));
        Assert.DoesNotContain("from-additional-properties", root.GetProperty(name).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_AdditionalPropertyWithoutTypedOption_IsWrittenUnderItsWireName()
    {
        JsonElement root = await SendAsync(new ChatOptions { AdditionalProperties = new() { ["temperature"] = 1.5, ["seed"] = 9 } });

        Assert.Equal(1.5, root.GetProperty("temperature").GetDouble());
        Assert.Equal(9, root.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Write_RawRequestField_WinsOverAdditionalProperties()
    {
        var options = WithRaw(new ChatOptions().WithUser("from-additional-properties"), r => r.User = "from-raw");

        JsonElement root = await SendAsync(options);

        Assert.Equal("from-raw", root.GetProperty("user").GetString());
        Assert.Equal(1, Count(root, "user"));
    }

    [Fact]
    public async Task Write_UnknownAdditionalPropertiesAndRawFields_PassThroughUnderTheirNames()
    {
        var options = WithRaw(new ChatOptions { AdditionalProperties = new() { ["x_new_parameter"] = 1, ["x_shared"] = "additional" } }, r =>
        {
            r.Fields["x_raw_only"] = true;
            r.Fields["x_shared"] = "raw";
        });

        JsonElement root = await SendAsync(options);

        Assert.Equal(1, root.GetProperty("x_new_parameter").GetInt32());
        Assert.True(root.GetProperty("x_raw_only").GetBoolean());
        Assert.Equal("raw", root.GetProperty("x_shared").GetString());
        Assert.Equal(1, Count(root, "x_shared"));
    }

    [Fact]
    public async Task Write_ReasoningInAdditionalProperties_MergesWithTypedReasoningFieldByField()
    {
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low, Output = ReasoningOutput.None } }
            .WithReasoning(new OpenRouterReasoning { Effort = "high" });

        JsonElement reasoning = (await SendAsync(options)).GetProperty("reasoning");

        Assert.Equal("high", reasoning.GetProperty("effort").GetString());
        Assert.True(reasoning.GetProperty("exclude").GetBoolean());
    }

    [Fact]
    public async Task Write_ReasoningInRawRequest_WinsWhole()
    {
        var options = WithRaw(new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } }, r => r.Reasoning = new OpenRouterReasoning { MaxTokens = 100 });

        JsonElement root = await SendAsync(options);

        Assert.Equal("""{"max_tokens":100}""", root.GetProperty("reasoning").GetRawText());
        Assert.Equal(1, Count(root, "reasoning"));
    }

    [Fact]
    public async Task Write_StreamOptions_DefaultWhenStreamingReplacedByAdditionalPropertiesIgnoredWithoutStreaming()
    {
        var custom = new ChatOptions { AdditionalProperties = new() { ["stream_options"] = new Dictionary<string, object?> { ["include_usage"] = false } } };

        JsonElement byDefault = await SendAsync(new ChatOptions(), stream: true);
        JsonElement replaced = await SendAsync(custom, stream: true);
        JsonElement notStreaming = await SendAsync(custom);

        Assert.True(byDefault.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.False(replaced.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(1, Count(replaced, "stream_options"));
        Assert.False(notStreaming.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public async Task Write_ReservedFieldsFromAdditionalPropertiesOrRawRequest_AreIgnored()
    {
        var options = WithRaw(
            new ChatOptions { AdditionalProperties = new() { ["messages"] = "x", ["stream"] = true, ["model"] = "other/model" } },
            r =>
            {
                r.Fields["messages"] = "y";
                r.Fields["stream"] = true;
            });

        JsonElement root = await SendAsync(options);

        Assert.Equal(JsonValueKind.Array, root.GetProperty("messages").ValueKind);
        Assert.False(root.TryGetProperty("stream", out _));
        Assert.Equal(ChatTestKit.Model, root.GetProperty("model").GetString());
        Assert.Equal(1, Count(root, "messages"));
        Assert.Equal(1, Count(root, "model"));
    }

    [Fact]
    public async Task Write_SettingKey_IsNeverWritten()
    {
        JsonElement root = await SendAsync(new ChatOptions().WithStrictJsonSchema());

        Assert.False(root.TryGetProperty("strict", out _));
    }

    [Fact]
    public async Task Write_ToolsInAdditionalProperties_UsedOnlyWithoutTypedTools()
    {
        JsonElement rawTools = JsonDocument.Parse("""[{"type":"function","function":{"name":"raw_tool","parameters":{"type":"object"}}}]""").RootElement;
        var loose = new ChatOptions { AdditionalProperties = new() { ["tools"] = rawTools, ["tool_choice"] = "required" } };
        var typed = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("typed_tool", null, JsonDocument.Parse("""{"type":"object"}""").RootElement)],
            ToolMode = ChatToolMode.Auto,
            AdditionalProperties = new() { ["tools"] = rawTools, ["tool_choice"] = "required" },
        };

        JsonElement fromLoose = await SendAsync(loose);
        JsonElement fromTyped = await SendAsync(typed);

        Assert.Equal("raw_tool", fromLoose.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("required", fromLoose.GetProperty("tool_choice").GetString());
        Assert.Equal("typed_tool", fromTyped.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("auto", fromTyped.GetProperty("tool_choice").GetString());
        Assert.Equal(1, Count(fromTyped, "tools"));
    }

    [Fact]
    public void Table_NamesEveryWireNameOnce()
    {
        string[] names = [.. ChatRequestFields.All.Select(f => f.Name)];

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ChatRequestFields.All, f => Assert.Same(f, ChatRequestFields.Find(f.Name)));
        Assert.Null(ChatRequestFields.Find("a_parameter_openrouter_adds_next_year"));
    }

    [Fact]
    public void Table_EveryOpenRouterChatRequestProperty_IsAViewOverItsRow()
    {
        PropertyInfo[] properties = typeof(OpenRouterChatRequest).GetProperties().Where(p => p.Name != nameof(OpenRouterChatRequest.Fields)).ToArray();
        Assert.NotEmpty(properties);
        foreach (PropertyInfo property in properties)
        {
            ChatRequestField row = Assert.Single(ChatRequestFields.All, f => f.RequestProperty == property.Name);
            var request = new OpenRouterChatRequest();
            object value = SampleValue(property.PropertyType);

            property.SetValue(request, value);

            Assert.Equal(value, request.Fields[row.Name]);
            Assert.Equal(value, property.GetValue(request));
        }
    }

    [Fact]
    public void Table_EveryWithHelper_IsNamedByTheRowsItStores()
    {
        string[] helpers = typeof(OpenRouterChatOptionsExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.Name).Where(n => n.StartsWith("With", StringComparison.Ordinal)).Distinct().ToArray();

        Assert.All(helpers, h => Assert.Contains(ChatRequestFields.All, f => f.Helper?.Split(", ").Contains(h) == true));
        Assert.All(ChatRequestFields.All.Where(f => f.Helper is not null), f => Assert.All(f.Helper!.Split(", "), h => Assert.Contains(h, helpers)));
    }

    [Fact]
    public async Task Table_EveryWithHelper_StoresUnderItsRowsWireName()
    {
        ChatOptions options = new ChatOptions()
            .WithProviderRouting(new OpenRouterProviderRouting { Sort = "price" })
            .WithModelFallbacks("a/b")
            .WithPlugins(OpenRouterPlugin.Web())
            .WithTransforms("middle-out")
            .WithUser("u")
            .WithMetadata(new Dictionary<string, string> { ["k"] = "v" })
            .WithLogitBias(new Dictionary<int, double> { [1] = 1 })
            .WithLogprobs(2)
            .WithMinP(0.1)
            .WithTopA(0.1)
            .WithRepetitionPenalty(1.1)
            .WithVerbosity("low")
            .WithMaxCompletionTokens(10)
            .WithImageOutput(aspectRatio: "1:1");

        JsonElement root = await SendAsync(options);

        foreach (string key in options.AdditionalProperties!.Keys)
        {
            ChatRequestField row = ChatRequestFields.Find(key) ?? throw new Xunit.Sdk.XunitException($"'{key}' has no row in the table.");
            Assert.True(root.TryGetProperty(row.Name, out _), row.Name);
        }
    }

    private static object SampleValue(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            Type t when t == typeof(string) => "value",
            Type t when t == typeof(double) => 0.5,
            Type t when t == typeof(int) => 7,
            Type t when t == typeof(long) => 7L,
            Type t when t == typeof(IList<string>) => new List<string> { "a/b" },
            _ => new Dictionary<string, object?> { ["k"] = "v" },
        };
}
