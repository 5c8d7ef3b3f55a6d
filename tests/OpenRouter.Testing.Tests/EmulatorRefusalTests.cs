using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

/// <summary>
/// The emulator refuses what OpenRouter refuses, with OpenRouter's status codes and messages (as real OpenRouter answers
/// them: "… is not a valid model ID", "No endpoints found that support tool use. …", "Input required: …", "User not found."),
/// before a scripted answer is used; <see cref="OpenRouterEmulatorOptions.Lenient"/> accepts them all.
/// </summary>
public sealed class EmulatorRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_MistypedModel_Is400NotAValidModelId()
    {
        (int status, string message) = await SendAsync(ChatRequest("Hi", model: "openai/gpt-4o-mni"));

        Assert.Equal(400, status);
        Assert.Equal("openai/gpt-4o-mni is not a valid model ID", message);
    }

    [Fact]
    public async Task Chat_MistypedFallbackModel_Is400NamingIt()
    {
        JsonObject request = ChatRequest("Hi", model: "openai/gpt-4o");
        request["models"] = new JsonArray("anthropic/claude-sonet-4.5");

        (int status, string message) = await SendAsync(request);

        Assert.Equal(400, status);
        Assert.Equal("anthropic/claude-sonet-4.5 is not a valid model ID", message);
    }

    [Theory]
    [InlineData("openai/gpt-4o:nitro")]
    [InlineData("openai/gpt-4o:floor")]
    [InlineData("openai/gpt-oss-20b:free")]
    [InlineData("openrouter/auto")]
    public async Task Chat_KnownModelOrRoutingVariant_IsAnswered(string model)
    {
        (int status, _) = await SendAsync(ChatRequest("Hi", model: model));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Chat_CanonicalSlug_IsAnswered()
    {
        string slug = (string)JsonNode.Parse(OpenRouterEmulator.CatalogJson)!["data"]!.AsArray()
            .First(m => m!["canonical_slug"] is JsonValue s && (string?)s != (string?)m["id"])!["canonical_slug"]!;

        (int status, _) = await SendAsync(ChatRequest("Hi", model: slug));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Chat_ToolsToModelWithoutTools_Is404NoEndpointsThatSupportToolUse()
    {
        JsonObject request = ChatRequest("Weather in Paris?", model: "liquid/lfm-7b");
        request["tools"] = new JsonArray(Tool("get_weather"));

        (int status, string message) = await SendAsync(request);

        Assert.Equal(404, status);
        Assert.StartsWith("No endpoints found that support tool use. To learn more about provider routing", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ToolsWithAFallbackThatSupportsThem_IsAnswered()
    {
        JsonObject request = ChatRequest("Weather in Paris?", model: "liquid/lfm-7b");
        request["models"] = new JsonArray("openai/gpt-4o-mini");
        request["tools"] = new JsonArray(Tool("get_weather"));

        (int status, _) = await SendAsync(request);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Chat_RequiredToolChoiceToModelWithoutIt_Is404()
    {
        // Every model of the fixture with tools has tool_choice too: a catalog of one that lacks it.
        const string Catalog = """{"data":[{"id":"test/tools-only","supported_parameters":["tools"],"architecture":{"input_modalities":["text"]}}]}""";
        JsonObject request = ChatRequest("Weather in Paris?", model: "test/tools-only");
        request["tools"] = new JsonArray(Tool("get_weather"));
        request["tool_choice"] = "required";

        (int auto, _) = await SendAsync(WithToolChoice(request, "auto"), new OpenRouterEmulatorOptions { CatalogJson = Catalog });
        (int status, string message) = await SendAsync(request, new OpenRouterEmulatorOptions { CatalogJson = Catalog });

        Assert.Equal(200, auto);

        Assert.Equal(404, status);
        Assert.StartsWith("No endpoints found that support the provided 'tool_choice' value.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ImageToTextOnlyModel_Is404NoEndpointsThatSupportImageInput()
    {
        JsonObject request = ChatRequest("Hi", model: "liquid/lfm-7b");
        request["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "What is this?" },
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/cat.png" } }),
        });

        (int status, string message) = await SendAsync(request);

        Assert.Equal(404, status);
        Assert.StartsWith("No endpoints found that support image input.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnlistedParameter_IsIgnoredUnlessParametersAreRequired()
    {
        string model = ModelWith(supports: "max_tokens", lacks: "seed");
        JsonObject request = ChatRequest("Hi", model: model);
        request["seed"] = 7;

        (int ignored, _) = await SendAsync(request.DeepClone());
        request["provider"] = new JsonObject { ["require_parameters"] = true };
        (int required, string message) = await SendAsync(request);

        Assert.Equal(200, ignored);
        Assert.Equal(404, required);
        Assert.StartsWith("No endpoints found that can handle the requested parameters.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"openai/gpt-4o","messages":[]}""")]
    [InlineData("""{"model":"openai/gpt-4o"}""")]
    public async Task Chat_NoMessages_Is400InputRequired(string body)
    {
        (int status, string message) = await SendAsync(JsonNode.Parse(body)!);

        Assert.Equal(400, status);
        Assert.Equal("Input required: specify \"prompt\" or \"messages\"", message);
    }

    [Fact]
    public async Task Chat_RefusedRequest_LeavesTheScriptedAnswerForTheNext()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Text("scripted"));
        using HttpClient http = emulator.CreateHttpClient();

        using HttpResponseMessage refused = await http.PostAsync("chat/completions", Json(ChatRequest("Hi", model: "nope/nope")), Ct);
        JsonObject answered = await PostJsonAsync(http, ChatRequest("Hi"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("scripted", (string?)answered["choices"]![0]!["message"]!["content"]);
        Assert.Equal(0, emulator.PendingResponses);
    }

    [Fact]
    public async Task Chat_Lenient_AcceptsWhatOpenRouterRefuses()
    {
        JsonObject tools = ChatRequest("Weather in Paris?", model: "liquid/lfm-7b");
        tools["tools"] = new JsonArray(Tool("get_weather"));
        var options = new OpenRouterEmulatorOptions { Lenient = true };

        (int unknown, _) = await SendAsync(ChatRequest("Hi", model: "test/any-model"), options);
        (int toolLess, _) = await SendAsync(tools, options);
        (int empty, _) = await SendAsync(JsonNode.Parse("""{"model":"openai/gpt-4o","messages":[]}""")!, options);

        Assert.Equal(new[] { 200, 200, 200 }, new[] { unknown, toolLess, empty });
    }

    [Fact]
    public async Task Embeddings_UnknownModel_Is400NotAValidModelId()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        using HttpResponseMessage response = await http.PostAsync("embeddings", Json(new JsonObject { ["model"] = "openai/text-embeding-3-small", ["input"] = "hello" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("openai/text-embeding-3-small is not a valid model ID", await MessageAsync(response));
    }

    [Fact]
    public async Task AnyCall_WrongKey_Is401UserNotFound_AndMissingKey_Is401NoAuthCredentials()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { ApiKey = "sk-or-right" }, Ct);
        using HttpClient wrong = emulator.CreateHttpClient("sk-or-wrong");
        using HttpClient none = emulator.CreateHttpClient(apiKey: null);

        using HttpResponseMessage wrongKey = await wrong.PostAsync("chat/completions", Json(ChatRequest("Hi")), Ct);
        using HttpResponseMessage noKey = await none.GetAsync("key", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("User not found.", await MessageAsync(wrongKey));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("No auth credentials found", await MessageAsync(noKey));
    }

    [Fact]
    public async Task Stream_IsPacedByTheTokenDelay_TwentyMillisecondsByDefault()
    {
        // The pacing is the subject of this test: a lower bound on real time, which load can only lengthen.
        var options = new OpenRouterEmulatorOptions { TokenDelay = TimeSpan.FromMilliseconds(40) };
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(options, Ct);
        emulator.Enqueue(EmulatorResponse.Text("one two three four five"));
        using HttpClient http = emulator.CreateHttpClient();
        var clock = Stopwatch.StartNew();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        int events = Events(body).Count;
        Assert.True(events >= 8, $"{events} events");
        Assert.True(clock.Elapsed >= (events - 1) * options.TokenDelay, $"{events} events in {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromMilliseconds(20), new OpenRouterEmulatorOptions().TokenDelay);
    }

    [Fact]
    public async Task StartAsync_WithPort_ListensOnThatPort()
    {
        int port = FreePort();

        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { Port = port }, Ct);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/api/v1/"), emulator.Endpoint);
    }

    private static async Task<(int Status, string Message)> SendAsync(JsonNode request, OpenRouterEmulatorOptions? options = null)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(options ?? new OpenRouterEmulatorOptions(), Ct);
        using HttpClient http = emulator.CreateHttpClient();
        using HttpResponseMessage response = await http.PostAsync("chat/completions", Json(request), Ct);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? string.Empty : await MessageAsync(response));
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["message"]!;

    private static JsonNode WithToolChoice(JsonObject request, string choice)
    {
        JsonNode copy = request.DeepClone();
        copy["tool_choice"] = choice;
        return copy;
    }

    private static JsonObject Tool(string name) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["parameters"] = new JsonObject { ["type"] = "object" } },
    };

    /// <summary>A catalog model whose <c>supported_parameters</c> has <paramref name="supports"/> but not <paramref name="lacks"/>.</summary>
    private static string ModelWith(string supports, string lacks) =>
        (string)JsonNode.Parse(OpenRouterEmulator.CatalogJson)!["data"]!.AsArray().First(m =>
        {
            string[] parameters = [.. m!["supported_parameters"]!.AsArray().Select(p => (string)p!)];
            return parameters.Contains(supports) && !parameters.Contains(lacks);
        })!["id"]!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
