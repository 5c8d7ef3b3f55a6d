using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// Faults only a server written at the socket level produces (<see cref="RawHttpServer"/>): media types in odd letter
/// case, corrupt compression, deep nesting, redirects, rate-limit headers and REST answers missing what they must have.
/// Every failure is an <see cref="OpenRouterException"/>.
/// </summary>
public sealed class HostileServerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Application/JSON")]
    [InlineData("APPLICATION/JSON; charset=UTF-8")]
    [InlineData("application/problem+json")]
    public async Task GetStreamingResponseAsync_JsonErrorWithMediaTypeInAnyCase_ThrowsTheServersError(string contentType)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, contentType, """{"error":{"code":402,"message":"Insufficient credits"}}""");
        using OpenRouterChatClient client = Chat(server);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.PaymentRequired, ex.StatusCode);
        Assert.Contains("Insufficient credits", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> CorruptBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (string encoding in new[] { "gzip", "br", "deflate" })
        {
            foreach (string mode in new[] { "chat-json", "chat-stream", "rest", "error-status" })
            {
                data.Add(encoding, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorruptBodies))]
    public async Task AnyCall_CorruptCompressedBody_IsOpenRouterException(string encoding, string mode)
    {
        // A gzip header followed by garbage, or plain garbage: no decoder accepts it.
        byte[] garbage = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, .. Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not compressed at all ", 200)))];
        string contentType = mode == "chat-stream" ? "text/event-stream" : "application/json";
        int status = mode == "error-status" ? 500 : 200;
        await using RawHttpServer server = RawHttpServer.Start(RawHttpServer.Reply(status, contentType, garbage, ("Content-Encoding", encoding)));

        // The caller's HttpClient decompresses; the library's own clients do not ask for compression.
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        var options = Options(server);
        using var chat = new OpenRouterChatClient(options, http);
        using var rest = new OpenRouterClient(options, http);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => mode switch
        {
            "chat-stream" => DrainAsync(chat.GetStreamingResponseAsync("x", cancellationToken: Ct)),
            "rest" => rest.Keys.GetCurrentAsync(Ct),
            _ => chat.GetResponseAsync("x", cancellationToken: Ct),
        });

        if (mode == "error-status")
        {
            Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
            Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("OpenRouter's response could not be read", ex.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<IOException>(ex.InnerException);
            Assert.NotNull(ex.InnerException!.InnerException);
        }
    }

    [Theory]
    [InlineData(false, 100, true)]
    [InlineData(true, 100, true)]
    [InlineData(false, 300, false)]
    [InlineData(true, 300, false)]
    public async Task ChatCall_AnswerNestedDeeply_SameLimitInBothModes(bool streaming, int depth, bool accepted)
    {
        string nested = new string('[', depth) + new string(']', depth);
        string body = streaming
            ? $$"""data: {"id":"gen-1","model":"m/x","x":{{nested}},"choices":[{"index":0,"delta":{"content":"deep"},"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n"
            : $$$"""{"id":"gen-1","model":"m/x","x":{{{nested}}},"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"deep"}}]}""";
        await using RawHttpServer server = RawHttpServer.Start(200, streaming ? "text/event-stream" : "application/json", body);
        using OpenRouterChatClient client = Chat(server);

        Task<ChatResponse> call = streaming
            ? client.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct)
            : client.GetResponseAsync("x", cancellationToken: Ct);

        if (accepted)
        {
            Assert.Equal("deep", (await call).Text);
        }
        else
        {
            OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => call);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        }
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(300, false)]
    public async Task ModelsListAsync_AnswerNestedDeeply_SameLimitAsChat(int depth, bool accepted)
    {
        string nested = new string('[', depth) + new string(']', depth);
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", $$"""{"data":[{"id":"a/b","name":"B","x":{{nested}}}]}""");
        using var rest = new OpenRouterClient(Options(server));

        if (accepted)
        {
            Assert.Equal("a/b", Assert.Single(await rest.Models.ListAsync(cancellationToken: Ct)).Id);
        }
        else
        {
            await Assert.ThrowsAsync<OpenRouterException>(() => rest.Models.ListAsync(cancellationToken: Ct));
        }
    }

    public static TheoryData<string> RedirectingClients => ["own-chat", "own-chat-stream", "own-rest", "di-chat"];

    [Theory]
    [MemberData(nameof(RedirectingClients))]
    public async Task AnyCall_307ToAnotherOrigin_IsNotFollowedAndNamesTheLocation(string kind)
    {
        await using RawHttpServer elsewhere = RawHttpServer.Start(200, "application/json", """{"data":{}}""");
        string location = new Uri(elsewhere.Endpoint, "chat/completions").ToString();
        await using RawHttpServer server = RawHttpServer.Start(RawHttpServer.Reply(307, null, [], ("Location", location)));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            switch (kind)
            {
                case "own-chat":
                    using (OpenRouterChatClient chat = Chat(server))
                    {
                        await chat.GetResponseAsync("my private prompt", cancellationToken: Ct);
                    }

                    break;
                case "own-chat-stream":
                    using (OpenRouterChatClient chat = Chat(server))
                    {
                        await DrainAsync(chat.GetStreamingResponseAsync("my private prompt", cancellationToken: Ct));
                    }

                    break;
                case "own-rest":
                    using (var rest = new OpenRouterClient(Options(server)))
                    {
                        await rest.Keys.GetCurrentAsync(Ct);
                    }

                    break;
                default:
                    var services = new ServiceCollection();
                    services.AddOpenRouterChatClient(o =>
                    {
                        o.Endpoint = server.Endpoint;
                        o.ApiKey = "sk-or-test";
                        o.DefaultModelId = "m/x";
                    });
                    await using (ServiceProvider provider = services.BuildServiceProvider())
                    {
                        await provider.GetRequiredService<IChatClient>().GetResponseAsync("my private prompt", cancellationToken: Ct);
                    }

                    break;
            }
        });

        Assert.Equal(HttpStatusCode.TemporaryRedirect, ex.StatusCode);
        Assert.Contains(location, ex.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_307WithCallerOwnedHttpClient_KeepsTheCallersRedirectSetting()
    {
        await using RawHttpServer elsewhere = RawHttpServer.Start(200, "application/json",
            """{"id":"gen-1","model":"m/x","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"moved"}}]}""");
        await using RawHttpServer server = RawHttpServer.Start(RawHttpServer.Reply(307, null, [], ("Location", new Uri(elsewhere.Endpoint, "chat/completions").ToString())));
        using var http = new HttpClient();
        using var chat = new OpenRouterChatClient(Options(server), http);

        ChatResponse response = await chat.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal("moved", response.Text);
        RawHttpServer.Request forwarded = Assert.Single(elsewhere.Requests);
        Assert.False(forwarded.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_429WithRateLimitResetOnly_FillsRetryAfter()
    {
        long reset = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
        await using RawHttpServer server = RawHttpServer.Start(429, "application/json", """{"error":{"code":429,"message":"Rate limit exceeded"}}""",
            ("X-RateLimit-Limit", "20"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture)));
        using OpenRouterChatClient client = Chat(server);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfterAndRateLimitReset_RetryAfterWins()
    {
        long reset = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds();
        await using RawHttpServer server = RawHttpServer.Start(429, "application/json", """{"error":{"code":429,"message":"slow down"}}""",
            ("Retry-After", "3"), ("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture)));
        using OpenRouterChatClient client = Chat(server);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public async Task GetResponseAsync_429WithRateLimitResetInMetadataHeaders_FillsRetryAfter()
    {
        long reset = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
        await using RawHttpServer server = RawHttpServer.Start(429, "application/json",
            "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded: free-models-per-min\",\"metadata\":{\"headers\":{\"X-RateLimit-Limit\":\"20\",\"X-RateLimit-Remaining\":\"0\",\"X-RateLimit-Reset\":\"" + reset.ToString(CultureInfo.InvariantCulture) + "\"}}}}");
        using OpenRouterChatClient client = Chat(server);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
    }

    private static OpenRouterClientOptions Options(RawHttpServer server) =>
        new() { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultModelId = "m/x" };

    private static OpenRouterChatClient Chat(RawHttpServer server) => new(Options(server));

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (ChatResponseUpdate _ in updates)
        {
        }
    }
}
