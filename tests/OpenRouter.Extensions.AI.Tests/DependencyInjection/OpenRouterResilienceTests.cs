using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

public sealed class OpenRouterResilienceTests
{
    private const string Chunk =
        """data: {"id":"gen-1","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""" + "\n\n";

    private const string FinishChunk =
        """data: {"id":"gen-1","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""" + "\n\n";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfter_RetriesOnceAfterTheAdvertisedDelay()
    {
        var time = new SignalingTimeProvider();
        var handler = new RecordingHandler(time)
            .RespondError(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(10)))
            .RespondJson(RecordingHandler.CompletionJson);
        using ServiceProvider provider = BuildProvider(handler, time);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        Task<ChatResponse> call = client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);
        DateTimeOffset first = await handler.WaitForRequestAsync(Bound);

        // The retry arms its delay timer with the advertised 10 s (the exponential backoff alone would wait about 2 s).
        await time.WaitForArmedAsync(TimeSpan.FromSeconds(10), Bound);
        Assert.Equal(1, handler.Count);
        time.Advance(TimeSpan.FromSeconds(10));
        DateTimeOffset second = await handler.WaitForRequestAsync(Bound);

        ChatResponse response = await call.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal("Hello", response.Text);
        Assert.Equal(2, handler.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), second - first);
    }

    [Fact]
    public async Task GetResponseAsync_503ThenSuccess_RetriesWithTheSameBody()
    {
        var handler = new RecordingHandler().RespondError(HttpStatusCode.ServiceUnavailable).RespondJson(RecordingHandler.CompletionJson);
        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        ChatResponse response = await client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal("Hello", response.Text);
        Assert.Equal(2, handler.Count);
        Assert.Contains("\"hi\"", handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task GetResponseAsync_NonRetryableStatus_IsNotRetried(HttpStatusCode status)
    {
        var handler = new RecordingHandler().RespondError(status).RespondJson(RecordingHandler.CompletionJson);
        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task GetResponseAsync_OtherRetryableStatus_IsRetried(HttpStatusCode status)
    {
        var handler = new RecordingHandler().RespondError(status).RespondJson(RecordingHandler.CompletionJson);
        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        ChatResponse response = await client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal("Hello", response.Text);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamBreaksAfterFirstEvent_IsNotRetried()
    {
        var handler = new RecordingHandler()
            .RespondChunks([Chunk], new IOException("connection reset"))
            .RespondJson(RecordingHandler.CompletionJson);
        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();
        var received = new List<string>();

        await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["Hel"], received);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamOutlastsAttemptAndTotalTimeouts_Completes()
    {
        var time = new FakeTimeProvider();
        var secondChunk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler(time)
            .RespondChunks([Chunk, FinishChunk, "data: [DONE]\n\n"], beforeChunk: i => i == 1 ? secondChunk.Task : Task.CompletedTask);
        using ServiceProvider provider = BuildProvider(handler, time);
        IChatClient client = provider.GetRequiredService<IChatClient>();
        var text = new List<string>();

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Add(update.Text);
            if (text.Count == 1)
            {
                // Mid-stream, past both resilience timeouts: they bound only the time to the response headers.
                time.Advance(OpenRouterResilience.TotalRequestTimeout + OpenRouterResilience.AttemptTimeout);
                secondChunk.SetResult();
            }
        }

        Assert.Equal("Hello", string.Concat(text));
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ResiliencePipelineRefuses_IsTransportOpenRouterExceptionWithThePollyInner()
    {
        var handler = new RecordingHandler().Throw(new BrokenCircuitException("The circuit is now open."));
        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Null(ex.StatusCode);
        HttpRequestException transport = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.IsType<BrokenCircuitException>(transport.InnerException);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ResiliencePipelineTimesOut_IsTimeoutOpenRouterException()
    {
        var handler = new RecordingHandler();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            handler.Throw(new TimeoutRejectedException("The operation didn't complete within the allowed timeout."));
        }

        using ServiceProvider provider = BuildProvider(handler, new FakeTimeProvider(), immediateRetry: true);
        IChatClient client = provider.GetRequiredService<IChatClient>();

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Null(ex.StatusCode);
        Assert.Contains("did not answer in time", ex.Message, StringComparison.Ordinal);
        TimeoutException timeout = Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.IsType<TimeoutRejectedException>(timeout.GetBaseException());
        Assert.Equal(4, handler.Count); // an attempt timeout is retried (3 retries), then surfaces
    }

    [Fact]
    public async Task Logging_TraceLevelWithUseLoggingAndHttpClientLogs_NeverContainsApiKey()
    {
        const string Sentinel = "sk-or-v1-SENTINEL-6f1d2c";
        var logs = new CapturingLoggerProvider();
        var handler = new RecordingHandler().RespondJson(RecordingHandler.CompletionJson);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOpenRouterChatClient(o => { o.ApiKey = Sentinel; o.DefaultModelId = "openai/gpt-4o"; }, b => b.ConfigurePrimaryHttpMessageHandler(() => handler))
            .UseLogging();
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal($"Bearer {Sentinel}", handler.RawAuthorization[0]);
        string text = logs.AllText;
        Assert.Contains("Authorization", text, StringComparison.Ordinal); // headers were logged…
        Assert.Contains("GetResponseAsync", text, StringComparison.Ordinal); // …and so was the chat call
        Assert.DoesNotContain("SENTINEL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_StandardOptions_PassesTheStandardValidator()
    {
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(o => o.ApiKey = "k");
        using ServiceProvider provider = services.BuildServiceProvider();

        // Resolving the client builds the pipeline, which validates HttpStandardResilienceOptions.
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenRouterServiceCollectionExtensions.HttpClientName);

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    private static ServiceProvider BuildProvider(RecordingHandler handler, TimeProvider time, bool immediateRetry = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddOpenRouterChatClient(o => { o.ApiKey = "sk-or-test-resilience"; o.DefaultModelId = "openai/gpt-4o"; }, b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        if (immediateRetry)
        {
            // The documented way to adjust the defaults: named options of the standard handler.
            services.Configure<HttpStandardResilienceOptions>("OpenRouter-standard", o => o.Retry.Delay = TimeSpan.Zero);
        }

        return services.BuildServiceProvider();
    }
}
