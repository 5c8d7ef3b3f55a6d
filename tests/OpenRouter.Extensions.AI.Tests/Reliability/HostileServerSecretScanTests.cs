using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenRouter.Extensions.AI.Tests.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// The secret scan: a raw-socket server echoes the configured API key in every place a server can put text, on every
/// endpoint (chat in both modes, embeddings, images, REST), and the key must show up in no exception message, property,
/// inner exception, log line of <c>UseLogging()</c> or activity tag of <c>UseOpenTelemetry()</c>, while the rest of the
/// server's text is kept (the key reads <c>***</c>).
/// </summary>
public sealed class HostileServerSecretScanTests
{
    /// <summary>A key the scan recognises (<see cref="SecretLeakTests.AssertNoSecret"/> looks for "SENTINEL" and for anything shaped like a key).</summary>
    private const string Key = "sk-or-v1-SENTINEL-hostile-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every place a server can put text, by name: what the server sends (the key written as <c>{KEY}</c>).</summary>
    private static readonly Dictionary<string, Echo> Echoes = new()
    {
        ["401-message"] = Json(401, """{"error":{"code":401,"message":"Invalid credentials: Bearer {KEY}"}}"""),
        ["401-message-escaped"] = Json(401, """{"error":{"code":401,"message":"Invalid credentials: Bearer \u0073k-or-v1-SENTINEL-hostile-0123456789abcdef"}}"""),
        ["401-message-uppercase"] = Json(401, """{"error":{"code":401,"message":"Invalid credentials: BEARER SK-OR-V1-SENTINEL-HOSTILE-0123456789ABCDEF"}}"""),
        ["error-code"] = Json(400, """{"error":{"code":"bad_key_{KEY}","message":"bad key"}}"""),
        ["metadata-raw-json"] = Json(400, """{"error":{"code":400,"message":"Provider returned error","metadata":{"provider_name":"P","raw":"{\"error\":{\"message\":\"key {KEY} rejected\"}}"}}}"""),
        ["metadata-raw-json-escaped"] = Json(400, """{"error":{"code":400,"message":"Provider returned error","metadata":{"provider_name":"P","raw":"{\"error\":{\"message\":\"key \\u0073k-or-v1-SENTINEL-hostile-0123456789abcdef rejected\"}}"}}}"""),
        ["metadata-raw-text"] = Json(429, """{"error":{"code":429,"message":"Provider returned error","metadata":{"provider_name":"P","raw":"upstream refused Bearer {KEY}"}}}"""),
        ["metadata-raw-object"] = Json(400, """{"error":{"code":400,"message":"Provider returned error","metadata":{"raw":{"headers":{"authorization":"Bearer {KEY}"}}}}}"""),
        ["metadata-provider-and-headers"] = Json(503, """{"error":{"code":503,"message":"down","metadata":{"provider_name":"{KEY}","headers":{"Authorization":"Bearer {KEY}"}}}}"""),
        ["metadata-property-name"] = Json(400, """{"error":{"code":400,"message":"odd","metadata":{"{KEY}":1}}}"""),
        ["moderation"] = Json(403, """{"error":{"code":403,"message":"flagged","metadata":{"reasons":["secret {KEY}"],"flagged_input":"my key is {KEY}","provider_name":"Mod"}}}"""),
        ["text-body"] = new(500, "text/plain", "authentication failed for Bearer {KEY}"),
        ["html-title"] = new(502, "text/html", "<html><head><title>Bad key {KEY}</title></head><body>{KEY}</body></html>"),
        ["reason-phrase"] = new(401, "text/plain", string.Empty, Reason: "Bad key {KEY}"),
        ["redirect-location"] = new(307, null, string.Empty, Headers: [("Location", "https://elsewhere.example/v1?key={KEY}")]),
        ["200-error-body"] = Json(200, """{"error":{"code":401,"message":"key {KEY} was revoked"}}"""),
        ["200-error-with-choices"] = Json(200, """{"id":"gen-{KEY}","model":"m/{KEY}","choices":[{"index":0,"finish_reason":"error","message":{"role":"assistant","content":"x"}}],"error":{"code":502,"message":"upstream said {KEY}"}}""", [Mode.ChatJson, Mode.ChatStream]),
        ["stream-inband-error"] = new(200, "text/event-stream",
            "data: {\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n" +
            "data: {\"id\":\"gen-1\",\"model\":\"m\",\"error\":{\"code\":\"server_error\",\"message\":\"Bearer {KEY} expired\",\"metadata\":{\"raw\":\"{KEY}\"}},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n" +
            "data: [DONE]\n\n",
            Modes: [Mode.ChatStream]),
        ["malformed-rest-field"] = Json(200, """{"data":{"label":"x","usage":"Bearer {KEY}","limit":null}}""", Modes: [Mode.Rest]),
        ["embeddings-wrong-count"] = Json(200, """{"id":"emb-{KEY}","object":"list","model":"m/{KEY}","data":[{"object":"embedding","index":0,"embedding":[1,2]},{"object":"embedding","index":1,"embedding":[1,2]}]}""", [Mode.Embeddings]),
        ["embeddings-bad-vector"] = NotQuoted(200, """{"id":"emb-1","data":[{"object":"embedding","index":0,"embedding":"not base64 {KEY}"}]}""", [Mode.Embeddings]),
        ["image-bad-media-type"] = Json(200, """{"created":1,"data":[{"b64_json":"iVBORw0KGgo=","media_type":"image/{KEY} bad"}]}""", [Mode.Images]),
        ["image-bad-base64"] = NotQuoted(200, """{"created":1,"data":[{"b64_json":"!!{KEY}!!"}]}""", [Mode.Images]),
        ["image-bad-url"] = NotQuoted(200, """{"created":1,"data":[{"url":"not a url {KEY}"}]}""", [Mode.Images]),
    };

    public enum Mode
    {
        ChatJson,
        ChatStream,
        Embeddings,
        Images,
        Rest,
    }

    public static TheoryData<string, Mode> Cases()
    {
        var data = new TheoryData<string, Mode>();
        foreach ((string name, Echo echo) in Echoes)
        {
            foreach (Mode mode in echo.Modes ?? [Mode.ChatJson, Mode.ChatStream, Mode.Embeddings, Mode.Images, Mode.Rest])
            {
                data.Add(name, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SecretScan_ServerEchoesKey_KeyInNoExceptionPropertyOrLog(string echo, Mode mode)
    {
        Echo answer = Echoes[echo];
        await using RawHttpServer server = RawHttpServer.Start(async (_, connection, ct) =>
        {
            byte[] body = Encoding.UTF8.GetBytes(answer.Body.Replace("{KEY}", Key, StringComparison.Ordinal));
            var headers = new List<(string, string)>((answer.Headers ?? []).Select(h => (h.Name, h.Value.Replace("{KEY}", Key, StringComparison.Ordinal))))
            {
                ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (answer.ContentType is not null)
            {
                headers.Add(("Content-Type", answer.ContentType));
            }

            await RawHttpServer.WriteHeadAsync(connection, answer.Status, answer.Reason?.Replace("{KEY}", Key, StringComparison.Ordinal), headers, ct);
            await connection.WriteAsync(body, ct);
        });
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new OpenRouterClientOptions
        {
            Endpoint = server.Endpoint,
            ApiKey = Key,
            DefaultModelId = "openai/gpt-4o",
            DefaultEmbeddingModelId = "openai/text-embedding-3-small",
            DefaultImageModelId = "google/gemini-2.5-flash-image",
        };
        string sourceName = "SecretScan-" + Guid.NewGuid().ToString("N");
        var tags = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (tags)
                {
                    tags.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                    tags.AddRange(activity.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))));
                    tags.Add(activity.StatusDescription ?? string.Empty);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => CallAsync(mode, options, loggerFactory, sourceName));

        string everything = Describe(ex);
        AssertNoKey(everything, $"the exception ({echo}, {mode})");
        AssertNoKey(Unescape(everything), $"the exception after JSON unescaping ({echo}, {mode})");
        foreach (string entry in logs.Entries)
        {
            AssertNoKey(entry, $"a log entry ({echo}, {mode})");
        }

        foreach (string tag in tags)
        {
            AssertNoKey(tag, $"an activity tag ({echo}, {mode})");
        }

        // Where the exception quotes the server's text, the key was replaced, not the text dropped.
        Assert.True(!answer.Quoted || everything.Contains(SecretRedactor.Mask, StringComparison.Ordinal), $"no {SecretRedactor.Mask} in: {everything}");

        if (mode != Mode.Rest)
        {
            Assert.Contains(logs.Entries, e => e.Contains(nameof(OpenRouterException), StringComparison.Ordinal));
            Assert.NotEmpty(tags);
        }
    }

    [Fact]
    public async Task SecretScan_ImageAnswerWithMalformedCost_SucceedsWithoutCostAndLogsNoKey()
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", $$$"""{"created":1,"data":[{"b64_json":"iVBORw0KGgo="}],"usage":{"prompt_tokens":3,"cost":"Bearer {{{Key}}}"}}""");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
#pragma warning disable MEAI001
        using IImageGenerator images = new OpenRouterImageGenerator(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = Key, DefaultImageModelId = "m/x" })
            .AsBuilder().UseLogging(loggerFactory).Build();

        ImageGenerationResponse response = await images.GenerateImagesAsync("a cat", cancellationToken: Ct);
#pragma warning restore MEAI001

        // A cost that is not an amount is unknown (one tolerance policy for every usage), not a failure of the answer.
        Assert.Single(response.Contents);
        Assert.Equal(3, response.Usage!.InputTokenCount);
        Assert.Null(response.Usage.GetOpenRouterCost());
        Assert.All(logs.Entries, e => AssertNoKey(e, "a log entry"));
    }

    private static async Task CallAsync(Mode mode, OpenRouterClientOptions options, ILoggerFactory loggerFactory, string sourceName)
    {
        switch (mode)
        {
            case Mode.Rest:
                using (var rest = new OpenRouterClient(options))
                {
                    await rest.Keys.GetCurrentAsync(Ct);
                }

                break;
            case Mode.Embeddings:
                using (IEmbeddingGenerator<string, Embedding<float>> embeddings = new OpenRouterEmbeddingGenerator(options)
                    .AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry(loggerFactory, sourceName).Build())
                {
                    await embeddings.GenerateAsync(["hello"], cancellationToken: Ct);
                }

                break;
            case Mode.Images:
#pragma warning disable MEAI001
                using (IImageGenerator images = new OpenRouterImageGenerator(options)
                    .AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry(loggerFactory, sourceName).Build())
                {
                    await images.GenerateImagesAsync("a cat", cancellationToken: Ct);
                }
#pragma warning restore MEAI001

                break;
            default:
                using (IChatClient chat = new OpenRouterChatClient(options).AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry(loggerFactory, sourceName).Build())
                {
                    if (mode == Mode.ChatJson)
                    {
                        await chat.GetResponseAsync("hello", cancellationToken: Ct);
                    }
                    else
                    {
                        await foreach (ChatResponseUpdate _ in chat.GetStreamingResponseAsync("hello", cancellationToken: Ct))
                        {
                        }
                    }
                }

                break;
        }
    }

    [Fact]
    public void Redact_KeyWithAndWithoutBearer_ReplacesOnlyTheKey()
    {
        var redactor = new SecretRedactor(Key);

        Assert.Equal("Invalid credentials: Bearer *** (key ***).", redactor.Redact($"Invalid credentials: Bearer {Key} (key {Key})."));
        Assert.Equal("nothing to hide", redactor.Redact("nothing to hide"));
        Assert.Equal("a sk-or-v1 b", SecretRedactor.None.Redact("a sk-or-v1 b"));
    }

    [Fact]
    public async Task SecretScan_HtmlPageWithoutTitle_QuotesNoMarkupAndNoKey()
    {
        await using RawHttpServer server = RawHttpServer.Start(502, "text/html", $"<html><body>Bearer {Key}</body></html>");
        using var chat = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = Key, DefaultModelId = "m/x" });

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => chat.GetResponseAsync("x", cancellationToken: Ct));

        AssertNoKey(Describe(ex), "the exception");
        Assert.Contains("HTML page instead of JSON", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertNoKey(string text, string where)
    {
        SecretLeakTests.AssertNoSecret(text, where);
        Assert.False(text.Contains(Key, StringComparison.OrdinalIgnoreCase), $"The API key (in some letter case) leaked into {where}: {text}");
    }

    private static Echo Json(int status, string body, Mode[]? Modes = null) => new(status, "application/json", body, Modes: Modes);

    /// <summary>An answer whose failure message does not quote the server's text (a decoder's own words), so there is nothing to mask.</summary>
    private static Echo NotQuoted(int status, string body, Mode[] modes) => new(status, "application/json", body, Modes: modes, Quoted: false);

    private static string Describe(OpenRouterException ex)
    {
        var text = new StringBuilder(ex.ToString()).Append('|')
            .Append(ex.ErrorCode).Append('|').Append(ex.ProviderName).Append('|').Append(ex.ProviderRawError).Append('|')
            .Append(ex.FlaggedInput).Append('|').Append(ex.GenerationId).Append('|').Append(ex.ModelId).Append('|')
            .Append(ex.Metadata?.GetRawText()).Append('|').AppendJoin(",", ex.ModerationReasons ?? []);
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append('|').Append(inner.Message);
        }

        return text.ToString();
    }

    /// <summary>Undoes JSON <c>\uXXXX</c> escapes, so an escaped echo of the key counts as a leak.</summary>
    private static string Unescape(string text) =>
        Regex.Replace(text, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    /// <summary>One server answer; <c>{KEY}</c> in the body, reason phrase and header values is replaced by the key.</summary>
    private sealed record Echo(int Status, string? ContentType, string Body, string? Reason = null, (string Name, string Value)[]? Headers = null, Mode[]? Modes = null, bool Quoted = true);
}
