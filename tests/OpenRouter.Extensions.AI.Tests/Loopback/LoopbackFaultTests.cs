using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>
/// The fault matrix against a real HTTP server: every failure is an <see cref="OpenRouterException"/> (or
/// <see cref="OperationCanceledException"/> for the caller's own cancellation), with the updates received before it kept.
/// </summary>
public sealed class LoopbackFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfterSeconds_ExposesStatusCodeAndDelay()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Error(429, "Rate limit exceeded: free-models-per-min", retryAfter: TimeSpan.FromSeconds(7)));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("429", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("Rate limit exceeded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfterHttpDate_ExposesDelay()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        string date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        emulator.Enqueue(EmulatorResponse.Raw(429, "application/json", """{"error":{"code":429,"message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = date }));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task GetResponseAsync_502HtmlPage_GivesClearMessage()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Raw(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>cloudflare</center></body></html>"));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("HTTP 502", ex.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<center>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_503WithProviderMetadata_UnwrapsRawProviderError()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var metadata = new JsonObject
        {
            ["provider_name"] = "Anthropic",
            ["raw"] = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
        };
        emulator.Enqueue(EmulatorResponse.Error(503, "Provider returned error", retryAfter: TimeSpan.FromSeconds(1), metadata: metadata));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("Anthropic", ex.ProviderName);
        Assert.Equal("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ex.ProviderRawError);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Contains("[provider: Anthropic]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_403Moderation_ExposesReasonsAndFlaggedInput()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var metadata = new JsonObject
        {
            ["reasons"] = new JsonArray("violence", "harassment"),
            ["flagged_input"] = "some flagged text…",
            ["provider_name"] = "OpenAI",
            ["model_slug"] = "openai/gpt-4o",
        };
        emulator.Enqueue(EmulatorResponse.Error(403, "Input was flagged", metadata: metadata));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal(["violence", "harassment"], ex.ModerationReasons!);
        Assert.Equal("some flagged text…", ex.FlaggedInput);
        Assert.Equal("openai/gpt-4o", ex.Metadata!.Value.GetProperty("model_slug").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_408_IsOpenRouterException()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Error(408, "Request timed out upstream"));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.RequestTimeout, ex.StatusCode);
    }

    [Fact]
    public async Task GetResponseAsync_200WithErrorBody_Throws()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Error(200, "No endpoints found that support tool use.", code: 404));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("404", ex.ErrorCode);
        Assert.Contains("No endpoints found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_200WithJsonErrorBody_Throws()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Error(200, "Insufficient credits", code: 402));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.PaymentRequired, ex.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetStreamingResponseAsync_InBandError_DeliversEarlierUpdatesThenThrows(bool emptyChoices)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("Hello", " world").WithStreamError(emptyChoices: emptyChoices));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);
        var text = new StringBuilder();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct), u => text.Append(u.Text)));

        Assert.Equal("Hello world", text.ToString());
        Assert.Equal("server_error", ex.ErrorCode);
        Assert.StartsWith("gen-", ex.GenerationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionResetMidStream_KeepsUpdatesThenThrowsTransportError()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three", " four").AbortAfter(3));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);
        var text = new StringBuilder();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct), u => text.Append(u.Text)));

        Assert.StartsWith("one", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("four", text.ToString(), StringComparison.Ordinal);
        Assert.True(ex.InnerException is IOException or HttpRequestException, ex.InnerException?.GetType().Name);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_EndsWithoutDoneOrFinish_Throws()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three").EndAfter(3));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));

        Assert.Contains("ended before", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StallLongerThanIdleTimeout_ThrowsWithTimeoutInner()
    {
        TimeSpan idle = TimeSpan.FromSeconds(5);
        var time = new SignalingTimeProvider();
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three").StallBefore(2, TimeSpan.FromSeconds(30)));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator, o => o.StreamIdleTimeout = idle);
        client.TimeProvider = time;
        var text = new StringBuilder();
        var firstText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task drain = DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct), u =>
        {
            text.Append(u.Text);
            if (u.Text.Length > 0)
            {
                time.ForgetArmed();
                firstText.TrySetResult();
            }
        });
        await firstText.Task.WaitAsync(Bound, Ct);

        // The next read waits for bytes the stalled server does not send: once its idle clock is armed, run the clock out.
        await time.WaitForArmedAsync(idle, Bound);
        time.Advance(idle);
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => drain.WaitAsync(Bound, Ct));

        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Contains("StreamIdleTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal("one", text.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_HttpClientTimeout_IsOpenRouterExceptionWithTimeoutInner()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.Text("late").WithDelay(TimeSpan.FromSeconds(30)));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "k", DefaultModelId = "openai/gpt-4o-mini" }, http);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SlowConsumerWithIdleTimeout_IsNotAStall()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three"));
        var time = new FakeTimeProvider();
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator, o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(200));
        client.TimeProvider = time;
        var text = new StringBuilder();

        await DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct), u =>
        {
            text.Append(u.Text);
            time.Advance(TimeSpan.FromMilliseconds(400)); // the consumer is slower than the idle timeout; only silence from the server counts
        });

        Assert.Equal("one two three", text.ToString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsMidStream_ThrowsOperationCanceled()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three").StallBefore(2, TimeSpan.FromSeconds(30)));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: cts.Token), u =>
        {
            if (u.Text.Length > 0)
            {
                cts.CancelAfter(100);
            }
        }));

        // The connection was released: the same client still works.
        emulator.Enqueue(EmulatorResponse.Text("after"));
        Assert.Equal("after", (await client.GetResponseAsync("x", cancellationToken: Ct)).Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TenMegabyteSingleLine_IsParsed()
    {
        string big = new('x', 10 * 1024 * 1024);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText(big, "!"));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        ChatResponse response = await client.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Equal(big.Length + 1, response.Text.Length);
    }

    [Fact]
    public async Task GetResponseAsync_ServerUnreachable_IsTransportOpenRouterException()
    {
        Uri endpoint;
        await using (OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct))
        {
            endpoint = emulator.Endpoint;
        }

        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = endpoint, DefaultModelId = "m/x" });

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates, Action<ChatResponseUpdate>? onUpdate = null)
    {
        await foreach (ChatResponseUpdate update in updates)
        {
            onUpdate?.Invoke(update);
        }
    }
}
