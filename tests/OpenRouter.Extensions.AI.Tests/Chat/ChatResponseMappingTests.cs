using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Chat;

public sealed class ChatResponseMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_TextResponse_MapsTextUsageCostAndMetadata()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson(ChatTestKit.Fixture("text.json"));

        ChatResponse response = await client.GetResponseAsync("Capital of France?", cancellationToken: Ct);

        Assert.Equal("Paris is the capital of France.", response.Text);
        Assert.Equal("gen-1732550000-abc", response.ResponseId);
        Assert.Equal("openai/gpt-4o", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732550000), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(14, response.Usage!.InputTokenCount);
        Assert.Equal(8, response.Usage.OutputTokenCount);
        Assert.Equal(22, response.Usage.TotalTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
        Assert.Equal(0, response.Usage.ReasoningTokenCount);
        Assert.Equal(0.000115m, response.GetOpenRouterCost());
        Assert.Equal(false, response.AdditionalProperties![OpenRouterResponseProperties.IsByok]);
        Assert.Equal("OpenAI", response.AdditionalProperties[OpenRouterResponseProperties.Provider]);
        Assert.Equal("stop", response.AdditionalProperties[OpenRouterResponseProperties.NativeFinishReason]);
        JsonElement raw = Assert.IsType<OpenRouterRawJson>(response.RawRepresentation).Element;
        Assert.Equal("chat.completion", raw.GetProperty("object").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_Request_SendsAuthAttributionHeadersToChatCompletions()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create(configure: o =>
        {
            o.AppUrl = "https://example.com/app";
            o.AppTitle = "My App";
        });
        handler.RespondJson(ChatTestKit.Fixture("text.json"));

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        RecordedRequest request = handler.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/chat/completions", request.PathAndQuery());
        Assert.Equal("Bearer sk-or-test-key", handler.RawAuthorization.Single());
        Assert.Equal("Bearer ***", request.Headers["Authorization"]);
        Assert.Equal("https://example.com/app", request.Headers["HTTP-Referer"]);
        Assert.Equal("My App", request.Headers["X-Title"]);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningAndToolCalls_MapsReasoningDetailsAndParsedArguments()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson(ChatTestKit.Fixture("reasoning-tool.json"));

        ChatResponse response = await client.GetResponseAsync("Weather?", cancellationToken: Ct);

        IList<AIContent> contents = response.Messages.Single().Contents;
        var reasoning = Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal("Let me check the weather.", reasoning.Text);
        using JsonDocument details = JsonDocument.Parse(reasoning.ProtectedData!);
        Assert.Equal("sig-abc==", details.RootElement[0].GetProperty("signature").GetString());
        Assert.Equal("I'll look that up.", Assert.IsType<TextContent>(contents[1]).Text);
        var call = Assert.IsType<FunctionCallContent>(contents[2]);
        Assert.Equal("call_w1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["city"]!.ToString());
        Assert.Equal("line1\nline2 é", call.Arguments["note"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(40, response.Usage!.ReasoningTokenCount);
        Assert.Equal(100, response.Usage.CachedInputTokenCount);
        Assert.Equal("tool_use", response.AdditionalProperties![OpenRouterResponseProperties.NativeFinishReason]);
    }

    [Fact]
    public async Task GetResponseAsync_Logprobs_SurfacedAsJsonElement()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""
            {"id":"gen-l","object":"chat.completion","created":1,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"stop",
             "logprobs":{"content":[{"token":"Hi","logprob":-0.01,"bytes":[72,105],"top_logprobs":[{"token":"Hi","logprob":-0.01,"bytes":[72,105]}]}],"refusal":null},
             "message":{"role":"assistant","content":"Hi"}}]}
            """);

        ChatResponse response = await client.GetResponseAsync("x", new ChatOptions().WithLogprobs(1), Ct);

        var logprobs = Assert.IsType<JsonElement>(response.AdditionalProperties![OpenRouterResponseProperties.Logprobs]);
        Assert.Equal(-0.01, logprobs.GetProperty("content")[0].GetProperty("logprob").GetDouble());
        Assert.Contains("\"top_logprobs\":1", handler.Requests.Single().Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_MalformedToolArguments_SetsExceptionInsteadOfThrowing()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""
            {"id":"gen-x","object":"chat.completion","created":1,"model":"m/x","choices":[{"index":0,"finish_reason":"tool_calls",
             "message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}}]}
            """);

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        var call = Assert.IsType<FunctionCallContent>(response.Messages.Single().Contents.Single());
        Assert.NotNull(call.Exception);
        Assert.Equal("f", call.Name);
    }

    [Fact]
    public async Task GetResponseAsync_Refusal_SurfacesAsErrorContent()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson("""
            {"id":"gen-r","object":"chat.completion","created":1,"model":"openai/gpt-4o","choices":[{"index":0,"finish_reason":"stop",
             "message":{"role":"assistant","content":null,"refusal":"I can't help with that."}}]}
            """);

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        var refusal = Assert.IsType<ErrorContent>(response.Messages.Single().Contents.Single());
        Assert.Equal("I can't help with that.", refusal.Message);
        Assert.Equal("Refusal", refusal.ErrorCode);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("something_new", "something_new")]
    public async Task GetResponseAsync_FinishReasons_AreMapped(string wire, string expected)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.RespondJson($$$"""{"id":"g","object":"chat.completion","created":1,"model":"m/x","choices":[{"index":0,"finish_reason":"{{{wire}}}","message":{"role":"assistant","content":"x"}}]}""");

        ChatResponse response = await client.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_NoModelAnywhere_ThrowsArgumentExceptionBeforeRequest()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create(defaultModel: null);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void GetService_Metadata_DescribesOpenRouter()
    {
        (OpenRouterChatClient client, _) = ChatTestKit.Create();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openrouter", metadata.ProviderName);
        Assert.Equal(new Uri("https://openrouter.ai/api/v1/"), metadata.ProviderUri);
        Assert.Equal(ChatTestKit.Model, metadata.DefaultModelId);
        Assert.Same(client, client.GetService<OpenRouterChatClient>());
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
        Assert.Null(client.GetService<string>());
    }

    [Fact]
    public void ToString_WithApiKey_DoesNotContainKey()
    {
        (OpenRouterChatClient client, _) = ChatTestKit.Create();

        Assert.DoesNotContain("sk-or-test-key", client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlainHttpNonLoopback_IsRefusedUnlessOptedIn()
    {
        var insecure = new OpenRouterClientOptions { Endpoint = new Uri("http://proxy.example.com/api/v1/"), ApiKey = "k" };
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new OpenRouterChatClient(insecure));
        Assert.Contains("AllowInsecureHttp", ex.Message, StringComparison.Ordinal);

        insecure.AllowInsecureHttp = true;
        using var allowed = new OpenRouterChatClient(insecure);
        using var loopback = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = new Uri("http://127.0.0.1:5000/api/v1") });
        Assert.Equal(new Uri("http://127.0.0.1:5000/api/v1/"), loopback.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public async Task Dispose_CallerOwnedHttpClient_IsNotDisposed()
    {
        var handler = new RecordingHandler().RespondJson(ChatTestKit.Fixture("text.json"));
        using var http = new HttpClient(handler);
        new OpenRouterChatClient(new OpenRouterClientOptions { DefaultModelId = "m/x" }, http).Dispose();

        using HttpResponseMessage response = await http.GetAsync(new Uri("https://in-memory.test/"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
