using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>Minimal inputs for the bugs the fuzzers found: each once let an exception other than <see cref="OpenRouterException"/> escape.</summary>
public sealed class FuzzRegressionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Choice = "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]";

    [Theory]
    [InlineData("253402300800")]
    [InlineData("-62135596801")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999")]
    public async Task GetResponseAsync_CreatedOutOfDateRange_IgnoresCreated(string created)
    {
        ChatResponse response = await GetAsync("{\"id\":\"gen-1\",\"created\":" + created + "," + Choice + "}");

        Assert.Equal("ok", response.Text);
        Assert.Null(response.CreatedAt);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CreatedOutOfDateRange_IgnoresCreated()
    {
        string sse = "data: {\"id\":\"gen-1\",\"created\":253402300800,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        ChatResponse response = await StreamAsync(Encoding.UTF8.GetBytes(sse));

        Assert.Equal("ok", response.Text);
        Assert.Null(response.CreatedAt);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LoneSurrogateInReasoningDetails_CompletesOrOpenRouterException()
    {
        // CsCheck_Seed=d_EpEeNXlev3 (ChatFuzzTests, streaming): a reasoning_details text holding a lone high-surrogate escape,
        // which System.Text.Json refuses to read as a string, once escaped as InvalidOperationException.
        string sse =
            "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"\\ud800\",\"index\":0}]}}]}\n\n" +
            "data: {\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        Exception? ex = await Record.ExceptionAsync(() => StreamAsync(Encoding.UTF8.GetBytes(sse)));

        // The property of the fuzzers: the stream completes (the text read as best it can be) or fails as OpenRouterException.
        Assert.True(ex is null or OpenRouterException, $"{ex?.GetType().Name} escaped: {ex?.Message}");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("79228162514264337593543950336")]
    public async Task GetResponseAsync_CostBeyondDecimal_ReadsAsUnknown(string cost)
    {
        ChatResponse response = await GetAsync("{" + Choice + ",\"usage\":{\"prompt_tokens\":3,\"cost\":" + cost + "}}");

        Assert.Equal(3, response.Usage!.InputTokenCount);
        Assert.Null(response.GetOpenRouterCost());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("9223372036854775808")]
    [InlineData("-1e300")]
    public async Task GetResponseAsync_TokenCountBeyondLong_ReadsAsUnknown(string count)
    {
        ChatResponse response = await GetAsync("{" + Choice + ",\"usage\":{\"prompt_tokens\":" + count + ",\"completion_tokens\":2}}");

        Assert.Null(response.Usage!.InputTokenCount);
        Assert.Equal(2, response.Usage.OutputTokenCount);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":{"a":[1]},"completion_tokens":2,"is_byok":{"x":1},"cost":[1,2]}""")]
    [InlineData("""{"usage":{"is_byok":[true],"prompt_tokens":[],"completion_tokens":2}""")]
    public async Task GetResponseAsync_ObjectWhereNumberExpected_SkipsTheWholeValue(string prefix)
    {
        ChatResponse response = await GetAsync(prefix + "," + Choice + "}");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, response.Usage!.OutputTokenCount);
        Assert.Null(response.Usage.InputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallIndexAndPartTypeAreObjects_SkipsThem()
    {
        string json = """{"choices":[{"message":{"content":[{"type":{"t":1},"text":"a"},{"type":"text","text":"b"}],"tool_calls":[{"index":{"i":1},"id":"c1","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""";

        ChatResponse response = await GetAsync(json);

        Assert.Equal("b", response.Text);
        Assert.Equal("c1", Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>()).CallId);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public async Task GetStreamingResponseAsync_BlankFinishReason_IsNoFinishReason(string finish)
    {
        string sse = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":" + finish + "}]}\n\n" +
                     "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        ChatResponse response = await StreamAsync(Encoding.UTF8.GetBytes(sse));

        Assert.Equal("ab", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_BlankFinishReason_HasNoFinishReason()
    {
        ChatResponse response = await GetAsync("""{"choices":[{"message":{"content":"ok"},"finish_reason":""}]}""");

        Assert.Equal("ok", response.Text);
        Assert.Null(response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_InvalidUtf8InContent_ThrowsMalformedOpenRouterException()
    {
        byte[] body = [.. "{\"choices\":[{\"message\":{\"content\":\"a"u8, 0xC3, 0x28, .. "\"},\"finish_reason\":\"stop\"}]}"u8];

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => GetAsync(body));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InvalidUtf8InContent_KeepsEarlierUpdatesThenThrowsOpenRouterException()
    {
        byte[] sse = [.. "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"b"u8, 0xFF, .. "\"}}]}\n\n"u8];
        var text = new StringBuilder();

        await Assert.ThrowsAsync<OpenRouterException>(() => StreamAsync(sse, u => text.Append(u.Text)));

        Assert.Equal("a", text.ToString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorWithInvalidUtf8Message_ThrowsOpenRouterException()
    {
        byte[] sse = [.. "data: {\"id\":\"gen-9\",\"error\":{\"code\":502,\"message\":\"bad "u8, 0xED, 0xA0, 0x80, .. "\"},\"choices\":[]}\n\n"u8];

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => StreamAsync(sse));

        Assert.Equal("gen-9", ex.GenerationId);
        Assert.Contains("bad \uFFFD", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandErrorWithLoneSurrogateEscape_ThrowsOpenRouterException()
    {
        string sse = """data: {"error":{"code":"server_error","message":"\ud800 x","metadata":{"provider_name":"\udc00"}},"choices":[]}""" + "\n\n";

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => StreamAsync(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal("server_error", ex.ErrorCode);
        Assert.Contains("x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_HttpErrorBodyWithInvalidUtf8_ThrowsOpenRouterExceptionWithStatus()
    {
        byte[] body = [.. "{\"error\":{\"code\":429,\"message\":\"slow "u8, 0xFF, .. "\"}}"u8];
        using var handler = new RecordingHandler().RespondBytes(body, "application/json", HttpStatusCode.TooManyRequests, everyRequest: true);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-x", DefaultModelId = "m/x" }, new HttpClient(handler));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Contains("slow \uFFFD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NullSecretKey_ThrowsAndToStringOfANullKeyDoesNotThrow()
    {
        using var handler = new RecordingHandler().RespondBytes("""{"data":{"name":"k"},"key":null}"""u8.ToArray(), "application/json", everyRequest: true);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = "sk-or-x" }, new HttpClient(handler));

        // The secret is shown only once: an answer without it is not a success.
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.CreateAsync(new OpenRouterCreateKeyRequest("k"), Ct));

        Assert.Contains("'key'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Key = (empty)", new OpenRouterCreatedApiKey { Key = null! }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCodeAsync_NullSecretKey_ThrowsAndToStringOfANullKeyDoesNotThrow()
    {
        using var handler = new RecordingHandler().RespondBytes("""{"key":null,"user_id":"u"}"""u8.ToArray(), "application/json", everyRequest: true);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = "sk-or-x" }, new HttpClient(handler));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.Auth.ExchangeCodeAsync("code", OpenRouterPkce.CreateCodeVerifier(), cancellationToken: Ct));

        Assert.Contains("'key'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Key = (empty)", new OpenRouterAuthKey { Key = null! }.ToString(), StringComparison.Ordinal);
    }

    private static Task<ChatResponse> GetAsync(string json) => GetAsync(Encoding.UTF8.GetBytes(json));

    private static async Task<ChatResponse> GetAsync(byte[] body)
    {
        using var handler = new RecordingHandler().RespondBytes(body, "application/json", everyRequest: true);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-x", DefaultModelId = "m/x" }, new HttpClient(handler));
        return await client.GetResponseAsync("x", cancellationToken: Ct);
    }

    private static async Task<ChatResponse> StreamAsync(byte[] sse, Action<ChatResponseUpdate>? onUpdate = null)
    {
        using var handler = new RecordingHandler().RespondBytes(sse, "text/event-stream", everyRequest: true);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-x", DefaultModelId = "m/x" }, new HttpClient(handler));
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: Ct))
        {
            onUpdate?.Invoke(update);
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }
}
